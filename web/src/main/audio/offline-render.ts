// Offline render from the main thread: renders a session's mix (and stems) to WAV in a dedicated
// Worker (web/src/workers/offline-render.worker.ts) with the modules and sources the studio
// already holds (compiled by the ModuleCache, decoded by session-assets.ts), so an export fetches
// and decodes nothing again. One worker per render: it ends with its render.
import type { LoadCommand } from '../../shared/engine-protocol';
import type {
  OfflineRenderCommand, OfflineRenderReport, RenderProgress, WavSampleFormat,
} from '../../shared/offline-render-protocol';

export type { RenderProgress, WavSampleFormat };

export interface OfflineRenderOptions {
  format: WavSampleFormat;
  stems?: boolean; // also each track after its fader (default: the mix only)
  sampleRate: number; // the rate the sources were decoded at (the studio's context rate)
  start?: number; // timeline frames [start, end); end: the last clip's end plus the tail
  end?: number;
  onProgress?: (progress: RenderProgress) => void;
  signal?: AbortSignal; // aborting cancels the render: the promise rejects with an AbortError
}

export interface OfflineRenderResult {
  wav: Blob; // audio/wav
  stems: { name: string; wav: Blob }[]; // NN-<track id>.wav, in session order
  frames: number;
  sampleRate: number;
}

export type RenderAssets = Pick<LoadCommand, 'engine' | 'session' | 'plugins' | 'sources'>;

const cancelledError = () => new DOMException('The export was cancelled; nothing was written.', 'AbortError');

export function renderOffline(assets: RenderAssets, options: OfflineRenderOptions): Promise<OfflineRenderResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(cancelledError());
  const worker = new Worker(new URL('../../workers/offline-render.worker.ts', import.meta.url), { type: 'module', name: 'offline-render' });
  const send = (command: OfflineRenderCommand) => worker.postMessage(command);
  return new Promise<OfflineRenderResult>((resolve, reject) => {
    // The worker stops at its next chunk and says so; it is ended then (or at once if it failed).
    const onAbort = () => send({ type: 'cancel' });
    const finish = () => {
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<OfflineRenderReport>) => {
      const report = event.data;
      if (report.type === 'progress') {
        options.onProgress?.({ fraction: report.fraction, frames: report.frames, totalFrames: report.totalFrames });
        return;
      }
      finish();
      const wavBlob = (bytes: ArrayBuffer) => new Blob([bytes], { type: 'audio/wav' });
      if (report.type === 'done') {
        resolve({
          wav: wavBlob(report.wav), stems: report.stems.map((stem) => ({ name: stem.name, wav: wavBlob(stem.wav) })),
          frames: report.frames, sampleRate: report.sampleRate,
        });
      }
      else if (report.type === 'cancelled') reject(cancelledError());
      else reject(new Error(report.message));
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`the export worker failed to start or crashed (${event.message || 'no message'})`));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    send({
      type: 'render', engine: assets.engine, session: assets.session, plugins: assets.plugins, sources: assets.sources,
      sampleRate: options.sampleRate, format: options.format, stems: options.stems ?? false,
      start: options.start ?? 0, end: options.end ?? null,
    });
  });
}
