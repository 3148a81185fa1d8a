// @vitest-environment node
// The WAV fast path reads what engine/js/wav.mjs (the reference reader) reads, sample for sample,
// for 16 and 24-bit PCM and 32-bit float, also with its data chunk at an offset typed views
// cannot use; anything it does not take (another rate, 8-bit, not a WAV, no frames) is left to
// the browser's decoder (null).
import { expect, test } from 'vitest';

import { decodeWav, encodeWav } from '../../../engine/js/wav.mjs';
import { decodeWavPcm } from '../../src/main/audio/wav-pcm';

const RATE = 48000;
const allocate = (frames: number) => new Float32Array(frames);
const signal = (phase: number) => Float32Array.from({ length: 1000 }, (_, i) => 0.9 * Math.sin(i / 7 + phase) * (i % 13 === 0 ? -1 : 1));

// The same WAV with a 2-byte chunk before its data: the samples start at an offset that is not a
// multiple of 4.
function withJunkChunk(wav: ArrayBuffer): ArrayBuffer {
  const bytes = new Uint8Array(wav);
  const junk = new Uint8Array([0x6a, 0x75, 0x6e, 0x6b, 2, 0, 0, 0, 0, 0]);
  const out = new Uint8Array(bytes.length + junk.length);
  out.set(bytes.subarray(0, 36));
  out.set(junk, 36);
  out.set(bytes.subarray(36), 46);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out.buffer;
}

test.each(['pcm16', 'pcm24', 'float32'] as const)('%s: the same samples as the reference reader, aligned or not', (format) => {
  for (const make of [(w: ArrayBuffer) => w, withJunkChunk]) {
    const wav = make(encodeWav([signal(0), signal(1)], RATE, format));
    const expected = decodeWav(wav.slice(0)).channels as Float32Array[];
    const actual = decodeWavPcm(wav, RATE, allocate);
    expect(actual).not.toBeNull();
    expect(actual!.map((c) => Array.from(c))).toEqual(expected.map((c) => Array.from(c)));
  }
});

test('what it leaves to the browser', () => {
  const wav = encodeWav([signal(0)], 44100, 'pcm16');
  expect(decodeWavPcm(wav, RATE, allocate)).toBeNull();  // another rate: the browser resamples
  const eightBit = new Uint8Array(encodeWav([signal(0)], RATE, 'pcm16'));
  new DataView(eightBit.buffer).setUint16(34, 8, true);
  expect(decodeWavPcm(eightBit.buffer, RATE, allocate)).toBeNull();
  expect(decodeWavPcm(new TextEncoder().encode('RIFF....WAVEnot really').buffer, RATE, allocate)).toBeNull();
  expect(decodeWavPcm(new ArrayBuffer(4), RATE, allocate)).toBeNull();
  expect(decodeWavPcm(encodeWav([new Float32Array(0)], RATE, 'pcm16'), RATE, allocate)).toBeNull();
});
