// ABI-20 in the JavaScript host (EW-5): the latency a plugin reports after each block comes from
// its latency word when it lists wsp.latency-word/1, and from wsp_latency otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  FIXTURE_ID, RATE, engineWith, factoryPlugin, fixturePlugin, insert, play, sessionJson, track,
} from './engine_test_support.mjs';

const LIMITER_LOOKAHEAD = 2;  // plugins/limiter/limiter.cpp: ParamId kLookahead
const EVENT_PARAM = 1;

// Counts each instance's wsp_latency calls from here on.
function countLatencyCalls(instances) {
  const counts = new Map();
  for (const p of instances) {
    const ask = p.wspLatency;
    counts.set(p, 0);
    p.wspLatency = (handle) => {
      counts.set(p, counts.get(p) + 1);
      return ask(handle);
    };
  }
  return counts;
}

test('ABI-20: a plugin with a latency word is not asked for its latency per block; one without is', () => {
  const engine = engineWith(sessionJson([
    track('a', [insert('a-limiter', 'studio.wasm.limiter')]),
    track('b', [insert('b-fx', FIXTURE_ID)]),
  ]), { limiter: factoryPlugin('limiter'), fixture: fixturePlugin() });
  engine.prepare(RATE, 128, 0);
  const [limiter, fixture] = engine.plugins.instances.filter((p) => p !== null);
  assert.equal(limiter.name, 'Limiter');
  assert.ok(limiter.latencyWord >= 0);
  assert.equal(fixture.latencyWord, -1);  // the fixture plugin lists no extension
  const calls = countLatencyCalls([limiter, fixture]);
  play(engine, 20, 128);
  assert.equal(calls.get(limiter), 0);
  assert.equal(calls.get(fixture), 20);
  assert.equal(engine.exports.we_latency(), 240);  // the limiter's default 5 ms lookahead
  assert.deepEqual(engine.faults(), []);
});

test('ABI-20: the word follows a latency change, block by block, as wsp_latency does', () => {
  const engine = engineWith(sessionJson([], [insert('m-limiter', 'studio.wasm.limiter')]),
                            { limiter: factoryPlugin('limiter') });
  engine.prepare(RATE, 128, 0);
  const host = engine.plugins.wsp;
  const limiter = host.instances.find((p) => p !== null);
  const handle = host.instances.indexOf(limiter);
  host.engineViews();
  const inputs = [limiter.stage.inputs, limiter.stage.inputs + 2 * 128];
  // Loud input first, so that audio is in flight when the lookahead changes.
  host.engineFloats.fill(0.5, ...inputs);
  for (let b = 0; b < 4; ++b) assert.equal(host.process(handle, 128, 0), 240);
  // Then silence, and one event: lookahead 5 -> 10 ms.
  host.engineFloats.fill(0, ...inputs);
  const event = new DataView(engine.plugins.engineMemory.buffer, limiter.stage.events * 4, 32);
  event.setUint32(0, 0, true);
  event.setUint16(4, EVENT_PARAM, true);
  event.setUint16(6, 0, true);
  event.setUint32(8, LIMITER_LOOKAHEAD, true);
  event.setFloat64(16, 10, true);
  const reported = [host.process(handle, 128, 1)];
  assert.equal(reported[0], limiter.wspLatency(limiter.handle));
  while (reported.length < 40) {
    const latency = host.process(handle, 128, 0);
    assert.equal(latency, limiter.wspLatency(limiter.handle), `block ${reported.length}`);
    reported.push(latency);
  }
  // The new lookahead takes effect once the audio in flight has drained.
  assert.equal(reported[0], 240);
  assert.equal(reported.at(-1), 480);
});
