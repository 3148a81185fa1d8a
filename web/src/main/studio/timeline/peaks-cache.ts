// The waveform peaks of the session's sources, by source key: computed once per source in a Worker
// (web/src/workers/peaks.worker.ts) from the channels the transport decoded, kept for the page's
// life (a source never changes under its key), and announced to subscribers when they arrive.
import type { Peaks, PeaksReply, PeaksRequest } from '../../../shared/peaks';

export interface DecodedSource {
  key: string;
  sampleRate: number;
  channels: Float32Array[];
}

export class PeaksCache {
  private readonly done = new Map<string, Peaks>();
  private readonly asked = new Set<string>(); // sent to the worker, or found missing since the last retry()
  private readonly failures = new Map<string, string>();
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private worker: Worker | null = null;
  private nextId = 1;

  // `sources()`: the decoded sources as they are now (the transport's; an import adds to them).
  constructor(private readonly sources: () => readonly DecodedSource[]) {}

  // The peaks of a source, or undefined while they are computed (subscribers hear when they come)
  // or when the source is not decoded (yet).
  get(key: string): Peaks | undefined {
    const peaks = this.done.get(key);
    if (peaks !== undefined || this.asked.has(key)) return peaks;
    this.asked.add(key);
    const source = this.sources().find((s) => s.key === key);
    if (source !== undefined) {
      // Copies go to the worker: the page keeps its channels for the engine and exports.
      const request: PeaksRequest = { id: this.nextId++, key, sampleRate: source.sampleRate, channels: source.channels.map((c) => c.slice()) };
      this.spawn().postMessage(request, request.channels.map((c) => c.buffer));
      this.inFlight.add(key);
    }
    return undefined;
  }

  // Why a source's peaks could not be computed, if they could not.
  failure(key: string): string | undefined {
    return this.failures.get(key);
  }

  // Sources that were missing are looked for again on the next get() (after the session changed).
  retry(): void {
    for (const key of this.asked) if (!this.done.has(key) && !this.failures.has(key) && !this.inFlight.has(key)) this.asked.delete(key);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private spawn(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(new URL('../../../workers/peaks.worker.ts', import.meta.url), { type: 'module', name: 'peaks' });
    worker.onmessage = (event: MessageEvent<PeaksReply>) => {
      const reply = event.data;
      this.inFlight.delete(reply.key);
      if (reply.ok) this.done.set(reply.key, reply.peaks);
      else this.failures.set(reply.key, reply.message);
      for (const listener of this.listeners) listener();
    };
    this.worker = worker;
    return worker;
  }
}
