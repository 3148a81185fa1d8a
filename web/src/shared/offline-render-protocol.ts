// What the main thread and the offline render worker (web/src/workers/offline-render.worker.ts)
// say to each other. The main thread sends `render` (the modules it compiled and the sources it
// decoded, as for the worklet's `load`), and may send `cancel`; the worker answers with
// `progress` after each chunk, then exactly one of `done`, `cancelled` or `error`.
import type { LoadCommand } from './engine-protocol';
import type { WavSampleFormat } from '../../../engine/js/wav.mjs';

export type { WavSampleFormat };

export interface RenderCommand {
  type: 'render';
  engine: LoadCommand['engine'];
  session: LoadCommand['session'];
  plugins: LoadCommand['plugins'];
  sources: LoadCommand['sources'];
  sampleRate: number;
  format: WavSampleFormat;
  stems: boolean; // also each track after its fader, as vaist render --stems writes them
  // Timeline frames [start, end); end null: to the last clip's end plus the tail, as vaist render.
  start: number;
  end: number | null;
}

// A track's stem: `name` as vaist render names it in its stems folder, NN-<track id>.wav (NN: the
// track's place in the session, from 01).
export interface StemFile {
  name: string;
  wav: ArrayBuffer;
}

export type OfflineRenderCommand = RenderCommand | { type: 'cancel' };

export interface RenderProgress {
  fraction: number; // of the frames to render (the range plus the graph's latency), 0..1
  frames: number; // timeline frames of the result written so far
  totalFrames: number; // timeline frames of the result
}

export type OfflineRenderReport =
  | ({ type: 'progress' } & RenderProgress)
  | { type: 'done'; wav: ArrayBuffer; stems: StemFile[]; frames: number; sampleRate: number }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };
