// Plugin instances of a trusted module sharing WebAssembly.Instances (EW-2): they sound exactly as
// with one instance each, a trap stops every insert of the shared instance (each reported, the
// rest of the session plays on), and an activation that finds no room in a shared memory moves to
// an instance of its own with its parameters.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  FIXTURE_ID, FIXTURE_MISBEHAVE_PARAM, MISBEHAVE, engineWith, factoryPlugin, fixturePlugin,
  insert, play, rms, sessionJson, track,
} from './engine_test_support.mjs';
import { TRUSTED_MODULE_SHARING } from '../engine_host.mjs';

const BLOCK = 128;
const DELAY_TIME_L = '0';  // plugins/delay/delay.cpp
const DELAY_LINK = '2';

function homes(engine) {
  return new Set(engine.plugins.instances.filter((p) => p !== null).map((p) => p.home));
}

// `tracks` tracks, each through eq, compressor and a delay whose time differs per track.
function chainSession(tracks) {
  return sessionJson(Array.from({ length: tracks }, (_, t) => track(`t${t}`, [
    insert(`t${t}-eq`, 'studio.wasm.eq'),
    insert(`t${t}-compressor`, 'studio.wasm.compressor'),
    insert(`t${t}-delay`, 'studio.wasm.delay', { [DELAY_TIME_L]: 20 + 13 * t, [DELAY_LINK]: 1 }),
  ])));
}

const chainPlugins = () => ({
  eq: factoryPlugin('eq'), compressor: factoryPlugin('compressor'), delay: factoryPlugin('delay'),
});

function render(tracks, sharing, rate, blocks) {
  const engine = engineWith(chainSession(tracks), chainPlugins(), { sharing });
  assert.deepEqual(engine.prepare(rate, BLOCK, 0), []);
  const out = play(engine, blocks, BLOCK);
  assert.deepEqual(engine.faults(), []);
  return { engine, out };
}

test('EW-2: inserts of a shared module live in ceil(n / sharing) instances and sound exactly as with one each', () => {
  const alone = render(20, 1, 48000, 150);
  const shared = render(20, TRUSTED_MODULE_SHARING, 48000, 150);
  assert.equal(homes(alone.engine).size, 60);
  assert.equal(homes(shared.engine).size, 3 * Math.ceil(20 / TRUSTED_MODULE_SHARING));
  assert.ok(rms(shared.out[0]) > 0.05);
  assert.deepEqual(shared.out, alone.out);  // bit for bit
});

test('EW-2: an activation with no room in a shared memory moves to an instance of its own, with its parameters', () => {
  // At 192 kHz each delay holds 4 MiB of lines: about 15 fit the 64 MiB ceiling (ABI-5).
  const alone = render(24, 1, 192000, 60);
  const shared = render(24, 64, 192000, 60);
  const delays = new Set(shared.engine.plugins.instances
    .filter((p) => p !== null && p.name === 'Delay').map((p) => p.home));
  assert.ok(delays.size >= 2, `${delays.size} instances hold the delays`);
  for (const home of delays) assert.ok(home.residents.length <= 16);
  assert.deepEqual(shared.out, alone.out);  // every delay kept its own time
});

test('EW-2, EW-7: a trap in a shared instance stops every insert in it, each reported; the rest plays on', () => {
  const fixtures = ['a', 'b', 'c'];
  const engine = engineWith(sessionJson([
    ...fixtures.map((name, i) => track(name, [insert(`${name}-fixture`, FIXTURE_ID,
      { [FIXTURE_MISBEHAVE_PARAM]: i === 1 ? MISBEHAVE.unreachable : 0 })])),
    track('good', [insert('good-eq', 'studio.wasm.eq')]),
  ]), { fixture: fixturePlugin(), eq: factoryPlugin('eq') }, { sharing: 4 });
  assert.deepEqual(engine.prepare(48000, BLOCK, 0), []);
  assert.equal(homes(engine).size, 2);
  const [left] = play(engine, 100, BLOCK);
  const faults = engine.faults();
  assert.deepEqual(faults.map((f) => f.insert).sort(), ['a-fixture', 'b-fixture', 'c-fixture']);
  for (const f of faults) assert.equal(f.kind, 'trap');
  const byInsert = Object.fromEntries(faults.map((f) => [f.insert, f.message]));
  assert.match(byInsert['b-fixture'], /Plugin 'Fixture' trapped: unreachable/);
  assert.match(byInsert['a-fixture'], /stopped: it shares a WebAssembly instance with another 'Fixture', which failed/);
  // Every track still sounds: the fixtures' inputs through their bypass, the eq track through it.
  assert.ok(rms(left, left.length - 4800) > 0.1);
  for (const name of [...fixtures, 'good']) assert.ok(engine.rms(engine.trackIds().indexOf(name), 0) > 0.05, name);
});

test('EW-2: sharing is a whole number from 1 to 64', () => {
  for (const sharing of [0, 65, 1.5, '4']) {
    assert.throws(() => engineWith(sessionJson([]), { eq: factoryPlugin('eq') }, { sharing }), /sharing must be/);
  }
});

test('EW-2: an insert whose WebAssembly instance cannot start is reported with the reason', () => {
  const engine = engineWith(sessionJson([track('t', [insert('t-eq', 'studio.wasm.eq')])]),
    { eq: factoryPlugin('eq') });
  // What the host instantiates from now on: a module importing a function no host gives.
  const unstartable = new WebAssembly.Module(new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                                          // type () -> ()
    0x02, 0x0f, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x07, 0x6d, 0x69, 0x73, 0x73, 0x69, 0x6e, 0x67,
    0x00, 0x00,                                                                  // env.missing
  ]));
  engine.plugins.modules.at(-1).module = unstartable;
  const [warning, ...rest] = engine.prepare(48000, BLOCK, 0);
  assert.deepEqual(rest, []);
  assert.match(warning, /Plugin 'EQ' could not create an instance: its module failed to start \(.*env.*\); passing audio through/);
});
