// encodeWav, the one WAV writer of the JavaScript side (the studio's export, render.mjs): each
// sample format read back by decodeWav, clipped at full scale, dithered at 16 bits only, and
// the same bytes when written twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { decodeWav, encodeWav } from '../wav.mjs';

const RATE = 48000;
// A quiet 1 kHz sine, a ramp through full scale and past it, and an odd frame count.
function signal() {
  const frames = 4801;
  const left = Float32Array.from({ length: frames }, (_, i) => 0.001 * Math.sin((2 * Math.PI * 1000 * i) / RATE));
  const right = Float32Array.from({ length: frames }, (_, i) => -1.5 + (3 * i) / frames);
  return [left, right];
}

const clip = (x) => Math.min(1, Math.max(-1, x));

for (const [format, bits, lsb, tolerance] of [['pcm16', 16, 1 / 32768, 1.5], ['pcm24', 24, 1 / 8388608, 0.5]]) {
  test(`${format}: ${bits}-bit PCM within ${tolerance} LSB of the samples, clipped at full scale`, () => {
    const channels = signal();
    const wav = encodeWav(channels, RATE, format);
    const view = new DataView(wav);
    assert.equal(view.getUint16(20, true), 1);  // PCM
    assert.equal(view.getUint16(34, true), bits);
    assert.equal(wav.byteLength % 2, 0);  // RIFF pads an odd data chunk
    const decoded = decodeWav(wav);
    assert.equal(decoded.sampleRate, RATE);
    assert.equal(decoded.channels[0].length, channels[0].length);
    for (let c = 0; c < 2; ++c) {
      for (let i = 0; i < channels[c].length; ++i) {
        const expected = Math.min(clip(channels[c][i]), 1 - lsb);
        assert.ok(Math.abs(decoded.channels[c][i] - expected) <= tolerance * lsb + 1e-12, `${format} channel ${c} frame ${i}`);
      }
    }
    assert.deepEqual(new Uint8Array(encodeWav(channels, RATE, format)), new Uint8Array(wav));
  });
}

test('pcm16 is dithered (a quiet sine keeps noise between its steps), pcm24 is only rounded', () => {
  const silence = [new Float32Array(1000), new Float32Array(1000)];
  const words16 = decodeWav(encodeWav(silence, RATE, 'pcm16')).channels[0];
  assert.ok(words16.some((x) => x !== 0), 'TPDF dither turns silence into +-1 LSB noise');
  assert.ok(words16.every((x) => Math.abs(x) <= 1 / 32768));
  assert.ok(decodeWav(encodeWav(silence, RATE, 'pcm24')).channels[0].every((x) => x === 0));
});

test('float32 is written exactly, beyond full scale too', () => {
  const channels = signal();
  const decoded = decodeWav(encodeWav(channels, RATE, 'float32'));
  assert.deepEqual(decoded.channels, channels);
});

test('an unknown sample format is refused by name', () => {
  assert.throws(() => encodeWav(signal(), RATE, 'pcm8'), /no sample format "pcm8"/);
});
