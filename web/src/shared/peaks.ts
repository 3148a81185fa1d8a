// Waveform peaks: a source's minimum and maximum sample over buckets of frames, at several
// resolutions (each level's buckets PEAK_LEVEL_FACTOR times wider than the last), so that a view
// at any zoom reads at most a few buckets per pixel. All channels are folded into one envelope (the
// lowest minimum and highest maximum of any channel). Computed in a Worker
// (web/src/workers/peaks.worker.ts), drawn on the main thread; the protocol between them is here.

export const PEAK_BASE_BUCKET = 16; // frames per bucket of level 0
export const PEAK_LEVEL_FACTOR = 4;

export interface PeakLevel {
  bucket: number; // frames per bucket
  data: Float32Array; // min, max of bucket 0, then of bucket 1, ...
}

export interface Peaks {
  frames: number; // the source's length
  sampleRate: number;
  levels: PeakLevel[]; // finest first; the last has one bucket (or none for an empty source)
}

// The first level straight from the samples, each next one from the one before.
export function computePeaks(channels: readonly Float32Array[], sampleRate: number): Peaks {
  const frames = channels.length === 0 ? 0 : Math.min(...channels.map((c) => c.length));
  const base = new Float32Array(2 * Math.ceil(frames / PEAK_BASE_BUCKET));
  for (let b = 0; b < base.length / 2; ++b) {
    const from = b * PEAK_BASE_BUCKET;
    const to = Math.min(frames, from + PEAK_BASE_BUCKET);
    let low = Infinity;
    let high = -Infinity;
    for (const channel of channels) {
      for (let i = from; i < to; ++i) {
        const v = channel[i];
        if (v < low) low = v;
        if (v > high) high = v;
      }
    }
    base[2 * b] = low;
    base[2 * b + 1] = high;
  }
  const levels: PeakLevel[] = [{ bucket: PEAK_BASE_BUCKET, data: base }];
  while (levels[levels.length - 1].data.length > 2) {
    const finer = levels[levels.length - 1];
    const count = Math.ceil(finer.data.length / 2 / PEAK_LEVEL_FACTOR);
    const data = new Float32Array(2 * count);
    for (let b = 0; b < count; ++b) {
      let low = Infinity;
      let high = -Infinity;
      const end = Math.min(finer.data.length / 2, (b + 1) * PEAK_LEVEL_FACTOR);
      for (let f = b * PEAK_LEVEL_FACTOR; f < end; ++f) {
        if (finer.data[2 * f] < low) low = finer.data[2 * f];
        if (finer.data[2 * f + 1] > high) high = finer.data[2 * f + 1];
      }
      data[2 * b] = low;
      data[2 * b + 1] = high;
    }
    levels.push({ bucket: finer.bucket * PEAK_LEVEL_FACTOR, data });
  }
  return { frames, sampleRate, levels };
}

// The coarsest level whose buckets are no wider than `framesPerPixel` (so every pixel column
// covers at least one whole bucket), or the finest.
export function levelFor(peaks: Peaks, framesPerPixel: number): PeakLevel {
  let chosen = peaks.levels[0];
  for (const level of peaks.levels) if (level.bucket <= framesPerPixel) chosen = level;
  return chosen;
}

// The envelope over columns: column c covers source frames [first + c*framesPerPixel,
// first + (c+1)*framesPerPixel). Writes min, max per column into `out` (2 x columns); a column
// outside the source gets 0, 0. Reads the buckets that overlap each column, so a column's
// envelope may reach up to one bucket beyond it on each side (never by more than the chosen
// level's bucket, at most framesPerPixel).
export function columnPeaks(peaks: Peaks, first: number, framesPerPixel: number, columns: number, out: Float32Array): void {
  const level = levelFor(peaks, framesPerPixel);
  const buckets = level.data.length / 2;
  for (let c = 0; c < columns; ++c) {
    const from = first + c * framesPerPixel;
    const to = Math.min(peaks.frames, from + framesPerPixel);
    if (to <= 0 || from >= peaks.frames) {
      out[2 * c] = 0;
      out[2 * c + 1] = 0;
      continue;
    }
    const b0 = Math.max(0, Math.floor(Math.max(0, from) / level.bucket));
    const b1 = Math.min(buckets, Math.max(b0 + 1, Math.ceil(to / level.bucket)));
    let low = Infinity;
    let high = -Infinity;
    for (let b = b0; b < b1; ++b) {
      if (level.data[2 * b] < low) low = level.data[2 * b];
      if (level.data[2 * b + 1] > high) high = level.data[2 * b + 1];
    }
    out[2 * c] = low === Infinity ? 0 : low;
    out[2 * c + 1] = high === -Infinity ? 0 : high;
  }
}

// ---- the Worker's protocol
export interface PeaksRequest {
  id: number;
  key: string; // the source's key (the session's clip source path or sha256)
  sampleRate: number;
  channels: Float32Array[]; // copies: the page keeps its own for the engine and exports
}
export type PeaksReply = { id: number; key: string; ok: true; peaks: Peaks } | { id: number; key: string; ok: false; message: string };
