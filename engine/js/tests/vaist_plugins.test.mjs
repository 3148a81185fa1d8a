// vAIst Forge plugins through engine.wasm and the JavaScript host's vAIst driver
// (vaist_plugins.mjs, docs/engine-wasm.md "vAIst Forge plugins", VA-1..VA-6), on the modules
// emcc built from host/tests/vaist/fixtures with the Forge's own flags (minified exports, names
// only in the glue), driven by the manifest `vaist plugin info --manifest` prints.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import {
  CALL_TRAPPED, WSP_EVENT_BYTES, WSP_EVENT_FRAME_OFFSET, WSP_EVENT_PARAM, WSP_EVENT_PARAM_ID_OFFSET,
  WSP_EVENT_PARAM_VALUE_OFFSET, WSP_EVENT_TYPE_OFFSET, WSP_MAX_MEMORY_BYTES,
} from '../generated/wsp_boundary.mjs';
import { EngineHost } from '../engine_host.mjs';
import { checkVaistManifest, decodeVaistState, encodeVaistState } from '../vaist_plugins.mjs';
import { engineModule } from './engine_test_support.mjs';
import {
  MAX_ABS_DIFFERENCE, MIN_SNR_DB, RATE, TAPE_DELAY_ID, WARM_DRIVE_ID, compare, fixtureWasm, manifestOf, manifestOfFolder,
  renderNatively, tone, vaistFixtureDir, vaistSession,
} from './vaist_test_support.mjs';

const skip = vaistFixtureDir() === null ? 'the vAIst fixtures were not built (emcc missing)' : false;
const SECONDS = 4;
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
let work;
const manifests = {};
const modules = {};

before(() => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'vaist-js-'));
  for (const name of ['warm_drive', 'tape_delay', 'long_echo']) {
    manifests[name] = manifestOf(name);
    modules[name] = new WebAssembly.Module(fixtureWasm(name));
  }
  // The hostile module (fixtures/hostile_vaist.wat) as a clean-named vAIst build in a folder of its own.
  const hostile = join(work, 'hostile');
  mkdirSync(hostile);
  const built = spawnSync('wat2wasm', [join(FIXTURES, 'hostile_vaist.wat'), '-o', join(hostile, 'vaist-processor.wasm')], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  copyFileSync(join(FIXTURES, 'hostile_vaist.json'), join(hostile, 'descriptor.json'));
  manifests.hostile = manifestOfFolder(hostile);
  modules.hostile = new WebAssembly.Module(readFileSync(join(hostile, 'vaist-processor.wasm')));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function engineWith(sessionText, plugins) {
  const engine = new EngineHost(engineModule());
  const loaded = engine.loadSession(sessionText);
  assert.ok(loaded.ok, JSON.stringify(loaded.errors));
  for (const name of plugins) engine.registerPlugin(modules[name], { format: 'vaist', manifest: manifests[name] });
  engine.addSource('tone.wav', RATE, tone(8 * 0.5 + 1));
  return engine;
}

test('VA-1: the manifest names the minified exports and emulated imports; a mismatched one is refused', { skip }, () => {
  const m = JSON.parse(manifests.warm_drive);
  assert.equal(m.format, 'wasm-studio-vaist-manifest');
  assert.equal(m.version, 1);
  assert.equal(m.descriptor.id, WARM_DRIVE_ID);
  assert.deepEqual(m.descriptor.params.map((p) => p.key), ['drive', 'tone', 'outputGain', 'mix', 'shape']);
  assert.ok(m.exports.process.length <= 2, `minified: ${m.exports.process}`);
  assert.deepEqual(m.imports.map((i) => i.role).filter((r) => r !== 'zero').sort(), ['memcpy_big', 'resize_heap']);

  const module = modules.warm_drive;
  const forged = (change) => {
    const copy = structuredClone(m);
    change(copy);
    return () => checkVaistManifest(module, copy);
  };
  assert.throws(forged((c) => { c.exports.process = 'zz'; }), /exports.process: the module has no function export "zz"/);
  assert.throws(forged((c) => { c.exports.setters.pop(); }), /one per descriptor parameter/);
  assert.throws(forged((c) => { c.memory = c.exports.prepare; }), /no memory export/);
  assert.throws(forged((c) => { c.imports.pop(); }), /which the manifest does not list/);
  assert.throws(forged((c) => { c.imports[0].role = 'eval'; }), /needs module, field, a role/);
  assert.throws(forged((c) => { c.version = 2; }), /version 2 is not supported/);
  // Another module's manifest: its exports are not this module's.
  assert.throws(() => checkVaistManifest(module, manifests.long_echo), /vAIst manifest/);
  const engine = new EngineHost(engineModule());
  assert.throws(() => engine.registerPlugin(module, { format: 'vaist', manifest: m, sharing: 2 }), /never shares/);
  assert.throws(() => engine.registerPlugin(module, { format: 'vaist', manifest: m, sha256: '0'.repeat(64) }), /manifest is for module/);
});

test('a vAIst plugin renders through engine.wasm as natively (vaist render), within EW-12\'s tolerance', { skip }, () => {
  const session = vaistSession();
  const native = renderNatively(join(work, 'equal'), session, SECONDS);
  const engine = engineWith(session, ['warm_drive']);
  assert.deepEqual(engine.prepare(RATE, 512, 0), []);
  const actual = engine.renderOffline(0, SECONDS * RATE);
  assert.deepEqual(engine.faults(), []);
  const { maxDifference, snrDb, signal } = compare(native.channels, actual);
  console.log(`vAIst Warm Drive, engine.wasm vs vaist render, ${SECONDS} s: max |difference| ${maxDifference.toExponential(3)}, SNR ${snrDb === Infinity ? 'inf (identical)' : `${snrDb.toFixed(1)} dB`}`);
  assert.ok(signal > 100, 'the render is not silence');
  assert.ok(maxDifference <= MAX_ABS_DIFFERENCE, `max |difference| ${maxDifference}`);
  assert.ok(snrDb >= MIN_SNR_DB, `SNR ${snrDb} dB`);
});

test('VA-4: a PARAM event inside a block takes effect at its frame (the block is split there)', { skip }, () => {
  const session = JSON.parse(vaistSession());
  session.automation = [];
  const engine = engineWith(JSON.stringify(session), ['warm_drive']);
  engine.prepare(RATE, 128, 0);
  const shared = engine.plugins;
  const p = shared.instances.find((x) => x !== null);
  const handle = shared.instances.indexOf(p);
  shared.engineViews();
  const input = [p.stage.inputs, p.stage.inputs + 2 * 128];
  shared.engineFloats.fill(0.3, ...input);
  // mix (parameter 3) from 80 % to 0 % (dry: the input times the output gain) at frame 64.
  const event = new DataView(shared.engineMemory.buffer, p.stage.events * 4, WSP_EVENT_BYTES);
  event.setUint32(WSP_EVENT_FRAME_OFFSET, 64, true);
  event.setUint16(WSP_EVENT_TYPE_OFFSET, WSP_EVENT_PARAM, true);
  event.setUint32(WSP_EVENT_PARAM_ID_OFFSET, 3, true);
  event.setFloat64(WSP_EVENT_PARAM_VALUE_OFFSET, 0, true);
  assert.equal(shared.vaist.process(handle, 128, 1), 0);
  const left = shared.engineFloats.subarray(p.stage.outputs, p.stage.outputs + 128);
  const dry = 0.3 * 10 ** (-3 / 20);  // output -3 dB
  for (let i = 64; i < 128; ++i) assert.ok(Math.abs(left[i] - dry) < 1e-6, `frame ${i}: ${left[i]}`);
  for (let i = 0; i < 64; ++i) assert.ok(Math.abs(left[i] - dry) > 1e-3, `frame ${i} is still 80 % wet: ${left[i]}`);
  assert.equal(p.values[3], 0);
  assert.equal(engine.plugins.importFunctions().param_get(handle, 3), 0);
});

test('VA-2: every insert instantiates the module anew; no WebAssembly.Instance is shared', { skip }, () => {
  const session = JSON.parse(vaistSession());
  session.tracks[0].inserts.push({ ...session.tracks[0].inserts[0], id: 'warm-2' });
  const engine = engineWith(JSON.stringify(session), ['warm_drive']);
  engine.prepare(RATE, 128, 0);
  const live = engine.plugins.instances.filter((p) => p !== null);
  assert.equal(live.length, 2);
  assert.notEqual(live[0].memory, live[1].memory);
});

test('EW-6..8 for vAIst: a trapping module is faulted and named, never called again, and the rest plays', { skip }, () => {
  const engine = engineWith(vaistSession({ trapping: true }), ['warm_drive', 'tape_delay']);
  assert.deepEqual(engine.prepare(RATE, 128, 0), []);
  const tape = engine.plugins.instances.find((p) => p !== null && p.name === 'Tape Delay');
  let callsAfterTrap = 0;
  const process = tape.processFn;
  tape.processFn = (...args) => {
    if (tape.broken) ++callsAfterTrap;
    return process(...args);
  };
  engine.play();
  let peak = 0;
  for (let block = 0; block < 200; ++block) {
    engine.render(128);
    for (const channel of engine.outputs()) for (const x of channel) peak = Math.max(peak, Math.abs(x));
  }
  const faults = engine.faults();
  assert.equal(faults.length, 1, JSON.stringify(faults));
  assert.equal(faults[0].track, 'echo');
  assert.equal(faults[0].insert, 'tape');
  assert.equal(faults[0].kind, 'trap');
  assert.match(faults[0].message, /vAIst plugin 'Tape Delay' trapped in process\(\): .*out of bounds/i);
  assert.ok(tape.broken);
  const handle = engine.plugins.instances.indexOf(tape);
  const imports = engine.plugins.importFunctions();
  for (const [name, args] of Object.entries({ activate: [RATE, 128], process: [128, 0], reset: [], latency: [], state_save: [0, 0] })) {
    assert.equal(imports[name](handle, ...args), CALL_TRAPPED, name);
  }
  assert.equal(callsAfterTrap, 0);
  assert.ok(peak > 0.01 && Number.isFinite(peak), `the rest plays (peak ${peak})`);
});

test('VA-3, VA-6: a hostile module: memcpy_big past its memory traps, memory.grow past 64 MiB stops it; the rest plays', { skip }, () => {
  const track = (id, mode) => ({
    id, name: id, kind: 'audio', volumeDb: 0, pan: 0, mute: false, solo: false, output: 'master',
    inserts: [{ id: `${id}-fx`, plugin: { id: 'vaist.hostile-copy', format: 'vaist' }, params: { 0: mode }, state: '', bypass: false }],
    clips: [{ id: `${id}-clip`, source: { path: 'tone.wav' }, start: 0, length: 8, offset: 0, gainDb: 0 }],
  });
  const session = JSON.stringify({
    format: 'wasm-studio-session', version: 1, tempo: 120, timeSignature: { numerator: 4, denominator: 4 },
    sampleRate: RATE, nextId: 1, master: { volumeDb: 0, inserts: [] },
    tracks: [track('plays', 0), track('copies', 1), track('grows', 2)],
  });
  const engine = engineWith(session, ['hostile']);
  assert.deepEqual(engine.prepare(RATE, 128, 0), []);
  engine.play();
  let peak = 0;
  for (let block = 0; block < 100; ++block) {
    engine.render(128);
    for (const channel of engine.outputs()) for (const x of channel) peak = Math.max(peak, Math.abs(x));
  }
  const faults = Object.fromEntries(engine.faults().map((f) => [f.track, f]));
  assert.deepEqual(Object.keys(faults).sort(), ['copies', 'grows']);
  assert.equal(faults.copies.kind, 'trap');
  assert.match(faults.copies.message, /vAIst plugin 'Hostile Copy' trapped in process\(\): out of bounds memory access in emscripten_memcpy_big/);
  assert.equal(faults.grows.kind, 'trap');
  assert.match(faults.grows.message, /vAIst plugin 'Hostile Copy' grew its memory past the 64 MiB ceiling \(ABI-5\) in process\(\)/);
  assert.ok(peak > 0.05 && Number.isFinite(peak), `the rest plays (peak ${peak})`);
});

test('VA-3: memory grows through emscripten_resize_heap up to the 64 MiB ceiling, and no further', { skip }, () => {
  // Long Echo allocates 60 s delay lines in prepare(): at 48 kHz past its initial 16 MiB; at
  // 192 kHz past the ceiling, where the emulated resize_heap refuses, its allocation fails and the
  // module aborts: a fault of that instance, not of the host.
  const session = (rate) => JSON.stringify({
    format: 'wasm-studio-session', version: 1, tempo: 120, timeSignature: { numerator: 4, denominator: 4 },
    sampleRate: rate, nextId: 1, master: { volumeDb: 0, inserts: [] },
    tracks: [{ id: 'a', name: 'a', kind: 'audio', volumeDb: 0, pan: 0, mute: false, solo: false, output: 'master',
      inserts: [{ id: 'echo', plugin: { id: 'vaist.long-echo', format: 'vaist' }, params: {}, state: '', bypass: false }],
      clips: [] }],
  });
  const at48k = engineWith(session(RATE), ['long_echo']);
  assert.deepEqual(at48k.prepare(RATE, 128, 0), []);
  const echo = at48k.plugins.instances.find((p) => p !== null);
  assert.ok(echo.memory.buffer.byteLength > 16 * 2 ** 20 && echo.memory.buffer.byteLength <= WSP_MAX_MEMORY_BYTES,
            `${echo.memory.buffer.byteLength} bytes`);

  const at192k = engineWith(session(192000), ['long_echo']);
  const created = [];  // the engine drops an instance whose activation failed: keep a look at it
  const driver = at192k.plugins.vaist;
  const create = driver.create.bind(driver);
  driver.create = (module) => {
    const handle = create(module);
    created.push(at192k.plugins.instances[handle]);
    return handle;
  };
  const warnings = at192k.prepare(192000, 128, 0);
  assert.equal(created.length, 1);
  assert.ok(created[0].broken, 'the instance that could not get its memory is faulted');
  assert.ok(created[0].memory.buffer.byteLength <= WSP_MAX_MEMORY_BYTES);
  assert.ok(warnings.some((w) => /vAIst plugin 'Long Echo' trapped in prepare\(\)/.test(w)), JSON.stringify(warnings));
  at192k.play();
  assert.equal(at192k.render(128), 128);
});

test('VA-5: state is the native format: values by key, clamped, from and to other hosts', { skip }, () => {
  const descriptor = JSON.parse(manifests.warm_drive).descriptor;
  const values = descriptor.params.map((p) => p.default);
  values[0] = 70;
  values[4] = 2;
  const bytes = encodeVaistState(descriptor, values);
  // "VAIS", version 1, the id, 5 parameters: as host/src/vaist/vaist_state.cpp writes them.
  assert.deepEqual([...bytes.subarray(0, 7)], [0x56, 0x41, 0x49, 0x53, 1, WARM_DRIVE_ID.length, 0]);
  assert.deepEqual(decodeVaistState(descriptor, bytes).values, values);
  assert.match(decodeVaistState(descriptor, bytes.subarray(0, bytes.length - 1)).error, /corrupt/);
  assert.match(decodeVaistState({ ...descriptor, id: TAPE_DELAY_ID }, bytes).error, /belongs to plugin 'vaist.warm-drive'/);

  // Through the engine: a session's state loads into the insert (and the parameters show it).
  const session = JSON.parse(vaistSession());
  session.tracks[0].inserts[0].params = {};
  session.automation = [];
  session.tracks[0].inserts[0].state = Buffer.from(bytes).toString('base64');
  const engine = engineWith(JSON.stringify(session), ['warm_drive']);
  assert.deepEqual(engine.prepare(RATE, 128, 0), []);
  const p = engine.plugins.instances.find((x) => x !== null);
  assert.deepEqual(p.values, values);
});
