// The studio's export: a dedicated Worker renders a session offline with engine.wasm and its
// JavaScript host, off the main and audio threads and as fast as the core allows. The main
// thread hands over what the worklet gets (modules it compiled, sources it decoded:
// web/src/main/audio/offline-render.ts); the engine renders in RENDER_QUANTUM blocks like the
// worklet, which `vaist render --block 128` matches. After each chunk of CHUNK_FRAMES it posts
// progress and yields to its message queue, so a `cancel` is taken within one chunk (a few
// milliseconds of work). The mix, and the stems when asked for, are encoded here
// (engine/js/wav.mjs) and their bytes transferred.
import { EngineHost } from '../../../engine/js/engine_host.mjs';
import { ChunkedRender } from '../../../engine/js/chunked_render.mjs';
import { defaultEndFrame } from '../../../engine/js/session_render.mjs';
import { encodeWav } from '../../../engine/js/wav.mjs';
import { RENDER_QUANTUM } from '../shared/engine-protocol';
import type { OfflineRenderCommand, OfflineRenderReport, RenderCommand } from '../shared/offline-render-protocol';

// About 1/3 s of audio at 48 kHz: progress moves smoothly and a cancel waits for little.
const CHUNK_FRAMES = 128 * RENDER_QUANTUM;

interface WorkerScope {
  onmessage: ((event: MessageEvent<OfflineRenderCommand>) => void) | null;
  postMessage(message: OfflineRenderReport, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

let cancelRequested = false;
let busy = false;

// Lets queued messages (a cancel) run: a MessageChannel task, not setTimeout, which browsers
// clamp to 4 ms once nested.
const messagesHandled = (): Promise<void> => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    resolve();
  };
  channel.port2.postMessage(null);
});

function prepareEngine(command: RenderCommand): EngineHost {
  const engine = new EngineHost(command.engine);
  const loaded = engine.loadSession(command.session);
  if (!loaded.ok) {
    const first = loaded.errors[0];
    throw new Error(`the session is not valid: ${first.path ? `${first.path}: ` : ''}${first.message}`);
  }
  for (const plugin of command.plugins) engine.registerPlugin(plugin.module, { sha256: plugin.sha256, sharing: plugin.sharing });
  for (const source of command.sources) engine.addSource(source.key, source.sampleRate, source.channels);
  const warnings = engine.prepare(command.sampleRate, RENDER_QUANTUM, 0);  // no plugin time budget offline
  // As vaist render: a session that cannot be rendered as it is gives no file.
  if (warnings.length > 0) throw new Error(`the session cannot be rendered as it is: ${warnings.join('; ')}`);
  return engine;
}

// NN-<track id>.wav, numbered in session order from 01 with at least two digits (vaist's names).
function stemName(index: number, count: number, trackId: string): string {
  return `${String(index + 1).padStart(Math.max(2, String(count).length), '0')}-${trackId}.wav`;
}

async function render(command: RenderCommand): Promise<OfflineRenderReport> {
  const engine = prepareEngine(command);
  const sessionJson = JSON.parse(engine.sessionText()) as { tracks?: { id: string }[] };
  const end = command.end ?? defaultEndFrame(sessionJson, command.sampleRate);
  const stems = command.stems ? (sessionJson.tracks ?? []).map((track) => track.id) : [];
  const job = new ChunkedRender(engine, { start: command.start, end, stems });
  while (!job.done) {
    job.advance(CHUNK_FRAMES);
    scope.postMessage({ type: 'progress', fraction: job.fraction, frames: job.frames, totalFrames: job.length });
    await messagesHandled();
    if (cancelRequested) return { type: 'cancelled' };
  }
  const faults = engine.faults();
  if (faults.length > 0) {
    const named = faults.map((f) => `track ${f.track}, insert ${f.slot + 1} (${f.insert}): ${f.kind}, ${f.message}`);
    throw new Error(`a plugin failed during the export, so nothing was written: ${named.join('; ')}`);
  }
  const wav = encodeWav([job.left, job.right], command.sampleRate, command.format);
  const stemFiles = job.stems.map((stem, i) => ({
    name: stemName(i, job.stems.length, stem.id),
    wav: encodeWav([stem.left, stem.right], command.sampleRate, command.format),
  }));
  return { type: 'done', wav, stems: stemFiles, frames: job.length, sampleRate: command.sampleRate };
}

scope.onmessage = (event) => {
  const command = event.data;
  if (command.type === 'cancel') {
    cancelRequested = true;
    return;
  }
  if (busy) {
    scope.postMessage({ type: 'error', message: 'this worker is already rendering; start another for a second export' });
    return;
  }
  busy = true;
  render(command)
    .catch((error: unknown): OfflineRenderReport => ({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
    .then((report) => scope.postMessage(report, report.type === 'done' ? [report.wav, ...report.stems.map((s) => s.wav)] : []));
};
