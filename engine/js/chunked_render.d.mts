// Types of chunked_render.mjs for the studio's TypeScript (web/).
import type { EngineHost } from './engine_host.mjs';

export interface ChunkedStem {
  readonly id: string; // the track's id
  readonly left: Float32Array<ArrayBuffer>;
  readonly right: Float32Array<ArrayBuffer>;
}

export declare class ChunkedRender {
  constructor(engine: EngineHost, range: { start?: number; end: number; stems?: string[] });
  readonly stems: readonly ChunkedStem[];
  readonly length: number;
  readonly latency: number;
  readonly left: Float32Array<ArrayBuffer>;
  readonly right: Float32Array<ArrayBuffer>;
  readonly done: boolean;
  readonly fraction: number;
  readonly frames: number;
  advance(frames: number): void;
}
