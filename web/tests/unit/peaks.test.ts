// @vitest-environment node
// Waveform peaks (src/shared/peaks.ts, computed in web/src/workers/peaks.worker.ts): on a known
// signal every bucket of every level holds exactly the minimum and maximum of its frames over all
// channels; a view's columns read the right level and never miss a peak.
import { describe, expect, test } from 'vitest';

import { PEAK_BASE_BUCKET, PEAK_LEVEL_FACTOR, columnPeaks, computePeaks, levelFor } from '../../src/shared/peaks';

// A ramp and a sine on two channels, with lone spikes the envelope must keep.
function signal(frames: number): Float32Array[] {
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; ++i) {
    left[i] = (i / frames) * 0.5 - 0.25;
    right[i] = 0.5 * Math.sin((2 * Math.PI * i) / 997);
  }
  left[1234] = 0.9;
  right[40001] = -0.95;
  return [left, right];
}

// The exact envelope of frames [from, to) over the channels, in float32 as the peaks hold it.
function envelope(channels: Float32Array[], from: number, to: number): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const channel of channels) for (let i = from; i < to; ++i) {
    low = Math.min(low, channel[i]);
    high = Math.max(high, channel[i]);
  }
  return [low, high];
}

describe('peaks', () => {
  const frames = 48000 + 5; // not a whole number of buckets
  const channels = signal(frames);
  const peaks = computePeaks(channels, 48000);

  test('levels from 16-frame buckets up by 4 until one bucket is left', () => {
    expect(peaks.frames).toBe(frames);
    expect(peaks.sampleRate).toBe(48000);
    expect(peaks.levels.map((l) => l.bucket)).toEqual([16, 64, 256, 1024, 4096, 16384, 65536]);
    expect(peaks.levels.map((l) => l.data.length / 2)).toEqual([3001, 751, 188, 47, 12, 3, 1]);
    expect(PEAK_BASE_BUCKET).toBe(16);
    expect(PEAK_LEVEL_FACTOR).toBe(4);
  });

  test('every bucket of every level is exactly the min and max of its frames over both channels', () => {
    for (const level of peaks.levels) {
      for (let b = 0; b < level.data.length / 2; ++b) {
        const [low, high] = envelope(channels, b * level.bucket, Math.min(frames, (b + 1) * level.bucket));
        expect(level.data[2 * b]).toBe(low);
        expect(level.data[2 * b + 1]).toBe(high);
      }
    }
    const spike = peaks.levels[0];
    expect(spike.data[2 * Math.floor(1234 / 16) + 1]).toBe(Math.fround(0.9));
    expect(peaks.levels.at(-1)!.data[0]).toBe(Math.fround(-0.95));
    expect(peaks.levels.at(-1)!.data[1]).toBe(Math.fround(0.9));
  });

  test('a view reads the coarsest level no wider than a column', () => {
    expect(levelFor(peaks, 8).bucket).toBe(16); // finer than any level: the finest
    expect(levelFor(peaks, 100).bucket).toBe(64);
    expect(levelFor(peaks, 5000).bucket).toBe(4096);
  });

  test('columns on bucket boundaries are exact; none misses a spike; outside the source is silence', () => {
    const columns = 48;
    const out = new Float32Array(2 * columns);
    columnPeaks(peaks, 0, 1024, columns, out); // level 1024: one bucket per column
    for (let c = 0; c < 46; ++c) {
      const [low, high] = envelope(channels, c * 1024, Math.min(frames, (c + 1) * 1024));
      expect([out[2 * c], out[2 * c + 1]]).toEqual([low, high]);
    }
    expect([out[2 * 47], out[2 * 47 + 1]]).toEqual([0, 0]); // frames 48128.. are past the end
    // Off the boundaries at 100 frames a column: each column's envelope holds its exact one.
    columnPeaks(peaks, 1000, 100, columns, out);
    for (let c = 0; c < columns; ++c) {
      const [low, high] = envelope(channels, 1000 + c * 100, 1000 + (c + 1) * 100);
      expect(out[2 * c]).toBeLessThanOrEqual(low);
      expect(out[2 * c + 1]).toBeGreaterThanOrEqual(high);
    }
    expect(Math.max(...Array.from(out).filter((_, i) => i % 2 === 1))).toBe(Math.fround(0.9)); // the spike at 1234
  });

  test('an empty or silent source', () => {
    const empty = computePeaks([new Float32Array(0)], 44100);
    expect(empty.frames).toBe(0);
    expect(empty.levels).toHaveLength(1);
    const out = new Float32Array(4);
    columnPeaks(empty, 0, 10, 2, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
    const silent = computePeaks([new Float32Array(100)], 44100);
    expect(Array.from(silent.levels.at(-1)!.data)).toEqual([0, 0]);
  });
});
