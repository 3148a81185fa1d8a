// The wstudio_plugin import interface and engine.wasm's exports (docs/engine-wasm.md), rule by
// rule on real plugins: EW-1..EW-5, EW-9, EW-10.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CALL_TRAPPED, PLUGIN_IMPORT_NAMES, PLUGIN_IMPORTS_MODULE } from '../generated/wsp_boundary.mjs';
import { PluginImports } from '../plugin_imports.mjs';
import {
  FIXTURE_GAIN_PARAM, FIXTURE_ID, RATE, engineModule, engineWith,
  factoryPlugin, fixturePlugin, insert, play, rms, sessionJson, sine, track,
} from './engine_test_support.mjs';

test('EW-1: engine.wasm imports the wstudio_plugin interface and four WASI functions, nothing else', () => {
  // Both sides of the interface are built from abi/boundary.json: engine.wasm's imports and the
  // JavaScript host's import object are the table's list.
  const imports = WebAssembly.Module.imports(engineModule());
  const expected = [...PLUGIN_IMPORT_NAMES].sort();
  assert.deepEqual(imports.filter((i) => i.module === PLUGIN_IMPORTS_MODULE).map((i) => i.name).sort(), expected);
  assert.deepEqual(Object.keys(new PluginImports().imports()).sort(), expected);
  assert.deepEqual(imports.filter((i) => i.module !== PLUGIN_IMPORTS_MODULE).map((i) => `${i.module}.${i.name}`).sort(),
                   ['wasi_snapshot_preview1.clock_time_get', 'wasi_snapshot_preview1.fd_close',
                    'wasi_snapshot_preview1.fd_seek', 'wasi_snapshot_preview1.fd_write']);
  const exports = WebAssembly.Module.exports(engineModule()).map((e) => e.name);
  for (const name of ['memory', '_initialize', 'we_version', 'we_load_session', 'we_register_plugin',
                      'we_add_source', 'we_prepare', 'we_render', 'we_render_offline', 'we_next_fault']) {
    assert.ok(exports.includes(name), name);
  }
});

const fixtureTrack = (id, params = {}) => track(id, [insert(`${id}-fx`, FIXTURE_ID, params)]);

test('EW-2: by default every insert is its own WebAssembly.Instance with its own memory', () => {
  const engine = engineWith(sessionJson([fixtureTrack('a'), fixtureTrack('b')], [insert('m', FIXTURE_ID)]),
                            { fixture: fixturePlugin() });
  engine.prepare(RATE, 128, 0);
  const live = engine.plugins.instances.filter((p) => p !== null);
  assert.equal(live.length, 3);
  assert.equal(new Set(live.map((p) => p.memory)).size, 3);
  // An offline render makes instances of its own and destroys them afterwards.
  engine.renderOffline(0, 4800);
  assert.equal(engine.plugins.instances.filter((p) => p !== null).length, 3);
});

test('EW-3: instances are activated at the prepared rate and block size', () => {
  const engine = engineWith(sessionJson([fixtureTrack('a')]), { fixture: fixturePlugin() });
  engine.prepare(44100, 256, 0);
  const p = engine.plugins.instances.find((x) => x !== null);
  assert.equal(p.active, true);
  assert.equal(p.maxFrames, 256);
  assert.ok(p.eventCapacity >= 256);
});

test('EW-4: one set of staging buffers in engine memory, shared by every instance, not overlapping', () => {
  const engine = engineWith(sessionJson([fixtureTrack('a'), fixtureTrack('b')]), { fixture: fixturePlugin() });
  engine.prepare(RATE, 512, 0);
  const instances = engine.plugins.instances.filter((x) => x !== null);
  assert.equal(instances.length, 2);
  for (const p of instances) assert.deepEqual(p.stage, instances[0].stage);
  const p = instances[0];
  const ranges = [
    [p.stage.inputs * 4, (p.stage.inputs + 2 * 512) * 4],
    [p.stage.outputs * 4, (p.stage.outputs + 2 * 512) * 4],
    [p.stage.events * 4, p.stage.events * 4 + 32 * Math.min(p.eventCapacity, 1024)],
  ];
  ranges.sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < ranges.length; ++i) assert.ok(ranges[i][0] >= ranges[i - 1][1]);
  assert.ok(ranges.at(-1)[1] <= engine.exports.memory.buffer.byteLength);
});

test('EW-5 EW-9: audio and events cross to the plugin and back sample-exactly', () => {
  // The fixture at -6.0206 dB halves the sine the host supplied as the clip's source.
  const gainDb = 20 * Math.log10(0.5);
  const engine = engineWith(sessionJson([fixtureTrack('a', { [FIXTURE_GAIN_PARAM]: gainDb })]), { fixture: fixturePlugin() });
  engine.prepare(RATE, 128, 0);
  const [left, right] = play(engine, 20, 128);
  const [source] = sine();
  for (let i = 0; i < left.length; ++i) {
    assert.ok(Math.abs(left[i] - 0.5 * source[i]) < 1e-6, `frame ${i}: ${left[i]} vs ${0.5 * source[i]}`);
    assert.equal(left[i], right[i]);
  }
  // The parameter reached the instance: param_get reads it back.
  const p = engine.plugins.instances.find((x) => x !== null);
  assert.ok(Math.abs(p.exports.wsp_param_get(p.handle, 0) - gainDb) < 1e-9);
});

test('EW-5: shorter blocks than prepared, and memories grown between blocks, cross sample-exactly', () => {
  // The host copies whole blocks through views it cut at bind and shorter ones sample by
  // sample; a grown memory detaches its old buffer, and the host must cut new views.
  const gainDb = 20 * Math.log10(0.5);
  const engine = engineWith(sessionJson([fixtureTrack('a', { [FIXTURE_GAIN_PARAM]: gainDb })]), { fixture: fixturePlugin() });
  engine.prepare(RATE, 512, 0);
  const p = engine.plugins.instances.find((x) => x !== null);
  const [source] = sine();
  engine.play();
  let at = 0;
  [512, 100, 128, 512, 37, 512, 512].forEach((frames, block) => {
    if (block === 2) p.memory.grow(1);  // as a plugin's own memory.grow in wsp_process would
    if (block === 4) engine.exports.memory.grow(1);
    if (block === 5) p.memory.grow(1);
    assert.equal(engine.render(frames), frames);
    const [left, right] = engine.outputs();
    for (let i = 0; i < frames; ++i) {
      assert.ok(Math.abs(left[i] - 0.5 * source[at + i]) < 1e-6, `block ${block} frame ${i}: ${left[i]} vs ${0.5 * source[at + i]}`);
      assert.equal(left[i], right[i]);
    }
    at += frames;
  });
  assert.deepEqual(engine.faults(), []);
});

test('EW-5: process returns the plugin\'s latency, so rendering makes no latency call of its own', () => {
  const engine = engineWith(sessionJson([track('a', [insert('a-sat', 'studio.wasm.saturator')]), fixtureTrack('b')]),
                            { saturator: factoryPlugin('saturator'), fixture: fixturePlugin() });
  engine.prepare(RATE, 128, 0);
  const host = engine.plugins.wsp;
  const latency = host.latency.bind(host);
  let latencyCalls = 0;
  host.latency = (handle) => {
    ++latencyCalls;
    return latency(handle);
  };
  play(engine, 20, 128);
  assert.equal(latencyCalls, 0);
  assert.equal(engine.exports.we_latency(), 41);  // the saturator's 4x oversampling (Oversampler<4>)
  assert.deepEqual(engine.faults(), []);
  // Straight through the import: the latency on success (41 and 0), CALL_TRAPPED for an instance
  // that trapped.
  const [saturator, fixture] = host.instances.filter((p) => p !== null);
  const handleOf = (p) => host.instances.indexOf(p);
  assert.equal(host.process(handleOf(saturator), 128, 0), 41);
  assert.equal(host.process(handleOf(fixture), 128, 0), 0);
  fixture.broken = true;
  assert.equal(host.process(handleOf(fixture), 128, 0), CALL_TRAPPED);
});

test('EW-6: every import that runs plugin code reports a trapped instance with the one code, CALL_TRAPPED', () => {
  const engine = engineWith(sessionJson([fixtureTrack('a')]), { fixture: fixturePlugin() });
  engine.prepare(RATE, 128, 0);
  const host = engine.plugins;
  const imports = host.imports();
  const handle = host.instances.findIndex((p) => p !== null);
  host.instances[handle].broken = true;
  const calls = { activate: [RATE, 128], process: [128, 0], reset: [], latency: [], tail: [],
                  state_save: [0, 0], state_load: [0, 0] };
  for (const [name, args] of Object.entries(calls)) assert.equal(imports[name](handle, ...args), CALL_TRAPPED, name);
});

test('EW-10: rendering does not grow engine memory (no allocation on the audio path)', () => {
  const engine = engineWith(sessionJson([
    track('a', [insert('a-eq', 'studio.wasm.eq'), insert('a-comp', 'studio.wasm.compressor'),
                insert('a-delay', 'studio.wasm.delay')]),
  ], [insert('m-limiter', 'studio.wasm.limiter')]), {
    eq: factoryPlugin('eq'), compressor: factoryPlugin('compressor'), delay: factoryPlugin('delay'),
    limiter: factoryPlugin('limiter'),
  });
  engine.prepare(RATE, 128, 0);
  play(engine, 10, 128);
  const bytes = engine.exports.memory.buffer.byteLength;
  const [left] = play(engine, 3000, 128);  // 8 s, through the clip's end and silence
  assert.equal(engine.exports.memory.buffer.byteLength, bytes);
  assert.ok(rms(left, 0, 48000) > 0.05);
  assert.deepEqual(engine.faults(), []);
});
