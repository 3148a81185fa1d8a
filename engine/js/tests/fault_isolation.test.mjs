// A plugin that traps, outputs NaN or fails inside engine.wasm is bypassed and reported by
// track and slot, like natively (engine/README.md "Faults"); every other plugin keeps playing.
// Rules: EW-6 (call status and error text), EW-7 (a trapped instance is never called again),
// EW-8 (fault reports), EW-5 (the memory ceiling).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  FIXTURE_ID, FIXTURE_MISBEHAVE_PARAM, MISBEHAVE, engineWith, factoryPlugin, fixturePlugin,
  insert, play, rms, sessionJson, track,
} from './engine_test_support.mjs';

const BLOCK = 128;

// "good": eq; "bad": utility, then the fixture misbehaving from its first block (slot 1).
function faultySession(misbehave) {
  return sessionJson([
    track('good', [insert('good-eq', 'studio.wasm.eq')]),
    track('bad', [insert('bad-utility', 'studio.wasm.utility'),
                  insert('bad-fixture', FIXTURE_ID, { [FIXTURE_MISBEHAVE_PARAM]: misbehave })]),
  ], [insert('master-limiter', 'studio.wasm.limiter')]);
}

function faultyEngine(misbehave) {
  const engine = engineWith(faultySession(misbehave), {
    eq: factoryPlugin('eq'), utility: factoryPlugin('utility'), limiter: factoryPlugin('limiter'),
    fixture: fixturePlugin(),
  });
  assert.deepEqual(engine.prepare(48000, BLOCK, 0), []);
  return engine;
}

function fixtureInstance(engine) {
  return engine.plugins.instances.find((p) => p !== null && p.name === 'Fixture');
}

for (const [name, misbehave, kind, text] of [
  ['an unreachable trap', MISBEHAVE.unreachable, 'trap', /unreachable/],
  ['an out-of-bounds access', MISBEHAVE.outOfBounds, 'trap', /out of bounds/],
  ['a stack overflow', MISBEHAVE.recurse, 'trap', /trapped/],
  ['NaN output', MISBEHAVE.writeNaN, 'non-finite output', /NaN.*ABI-12/],
  ['growing its memory past 64 MiB', MISBEHAVE.growMemory, 'trap', /64 MiB ceiling \(ABI-5\)/],
]) {
  test(`EW-6 EW-8: ${name} bypasses that insert only and is reported by track and slot`, () => {
    const engine = faultyEngine(misbehave);
    const [left, right] = play(engine, 200, BLOCK);
    const faults = engine.faults();
    assert.equal(faults.length, 1);
    assert.equal(faults[0].track, 'bad');
    assert.equal(faults[0].slot, 1);
    assert.equal(faults[0].insert, 'bad-fixture');
    assert.equal(faults[0].kind, kind);
    assert.match(faults[0].message, text);
    assert.match(faults[0].message, /Fixture/);
    // Both tracks still sound at the end: the good one through its eq, the bad one's input
    // through the bypass; the master limiter keeps running.
    const tail = left.length - 4800;
    assert.ok(rms(left, tail) > 0.1 && rms(right, tail) > 0.1, `rms ${rms(left, tail)}`);
    assert.ok(left.every(Number.isFinite) && right.every(Number.isFinite));
    const bad = engine.trackIds().indexOf('bad');
    assert.ok(engine.rms(bad, 0) > 0.05);
    assert.equal(engine.faults().length, 0);  // reported once
  });
}

test('EW-7: a trapped instance is not called again, not even to destroy it', () => {
  const engine = faultyEngine(MISBEHAVE.unreachable);
  play(engine, 4, BLOCK);
  const fixture = fixtureInstance(engine);
  assert.equal(fixture.broken, true);
  const calls = [];
  for (const name of Object.keys(fixture.exports)) {
    if (name.startsWith('wsp_')) fixture.exports = { ...fixture.exports, [name]: () => calls.push(name) };
  }
  play(engine, 50, BLOCK);
  engine.stop();  // resets every plugin but the disabled one
  engine.prepare(48000, BLOCK * 2, 0);  // a new format: every instance of the old graph is destroyed
  assert.deepEqual(calls, []);
});

test('EW-8: an offline render reports the fault and renders the rest', () => {
  const engine = faultyEngine(MISBEHAVE.unreachable);
  const [left] = engine.renderOffline(0, 48000);
  const faults = engine.faults();
  assert.equal(faults.length, 1);
  assert.deepEqual([faults[0].track, faults[0].slot, faults[0].kind], ['bad', 1, 'trap']);
  assert.ok(rms(left, 24000) > 0.1);
});
