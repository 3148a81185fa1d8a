// ChunkedRender (the studio's export worker renders with it) gives the engine's offline render
// sample for sample: the same range through a track delayed by the limiter's lookahead (so delay
// compensation is taken out) and a delay, advanced in chunks that are not whole blocks, equals
// EngineHost.renderOffline (we_render_offline) of a second engine prepared alike. Its stems, each
// aligned by its own track's latency, add up to the mix (both tracks go straight to an
// unprocessed master).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ChunkedRender } from '../chunked_render.mjs';
import { RATE, engineWith, factoryPlugin, insert, rms, sessionJson, track } from './engine_test_support.mjs';

const BLOCK = 128;
const DELAY_TIME_L = '0';  // plugins/delay/delay.cpp

function preparedEngine() {
  const engine = engineWith(sessionJson([
    track('limited', [insert('limited-limiter', 'studio.wasm.limiter')]),
    track('echo', [insert('echo-delay', 'studio.wasm.delay', { [DELAY_TIME_L]: 90 })]),
  ]), { limiter: factoryPlugin('limiter'), delay: factoryPlugin('delay') });
  assert.deepEqual(engine.prepare(RATE, BLOCK, 0), []);
  return engine;
}

for (const [start, end] of [[0, 2 * RATE], [12345, 12345 + RATE + 77]]) {
  test(`frames ${start}..${end} in uneven chunks equal the engine's offline render`, () => {
    const reference = preparedEngine();
    const [left, right] = reference.renderOffline(start, end);

    const engine = preparedEngine();
    const job = new ChunkedRender(engine, { start, end });
    assert.ok(job.latency > 0, 'the limiter delays its track: compensation is exercised');
    const fractions = [];
    while (!job.done) {
      job.advance(1000);  // not a multiple of the block: advance() renders whole blocks
      fractions.push(job.fraction);
    }
    assert.equal(job.frames, end - start);
    assert.equal(fractions.at(-1), 1);
    assert.ok(fractions.every((f, i) => i === 0 || f > fractions[i - 1]), 'progress only grows');
    assert.ok(rms(left) > 0.05, 'the reference is not silence');
    assert.deepEqual(job.left, left);
    assert.deepEqual(job.right, right);
    assert.deepEqual(engine.faults(), []);
  });
}

test('stems: each track after its fader, aligned by its own latency, adding up to the mix', () => {
  const engine = preparedEngine();
  const job = new ChunkedRender(engine, { end: RATE, stems: ['limited', 'echo', 'nowhere'] });
  while (!job.done) job.advance(4096);
  assert.deepEqual(job.stems.map((s) => s.id), ['limited', 'echo', 'nowhere']);
  const [limited, echo, nowhere] = job.stems;
  assert.ok(limited.latency > echo.latency, 'the two tracks lag the timeline by different amounts');
  assert.ok(rms(limited.left) > 0.05 && rms(echo.left) > 0.05);
  assert.ok(nowhere.left.every((x) => x === 0) && nowhere.right.every((x) => x === 0), 'an unknown track is silence');
  for (const channel of ['left', 'right']) {
    const sum = limited[channel].map((x, i) => x + echo[channel][i]);
    assert.deepEqual(job[channel], sum, channel);
  }
});

test('an empty range gives no frames; a reversed one is refused', () => {
  const job = new ChunkedRender(preparedEngine(), { start: 480, end: 480 });
  job.advance(BLOCK);
  assert.equal(job.frames, 0);
  assert.throws(() => new ChunkedRender(preparedEngine(), { start: 10, end: 5 }), /empty or reversed/);
});
