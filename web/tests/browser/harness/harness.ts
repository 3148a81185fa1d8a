// The browser test's page: the app's own code where the studio's UI cannot drive it.
// - renderDemoInWorklet: the session read and its modules compiled and sources decoded by
//   src/main/audio (readSession, ModuleCache, loadSessionAssets), the engine node created by
//   EngineNode, on an OfflineAudioContext instead of the studio's real-time one.
// - exportSession: the export's renderOffline (worker included) on assets the test gives, for a
//   session with a plugin outside the factory catalog (one made to fail).
// - harness: the studio's Transport (the live path: control ring, edits, stall watchdog) and a
//   recording node for its output (live.browser.test.mjs).
// Built by `build.mjs harness` into build/web/harness (not web/dist).
import captureUrl from './capture-processor.ts?worker&url';
import { EngineHost } from '../../../../engine/js/engine_host.mjs';
import { EngineNode } from '../../../src/main/audio/engine-node';
import { ModuleCache } from '../../../src/main/audio/module-cache';
import { renderOffline } from '../../../src/main/audio/offline-render';
import { DEMO_SESSION_URL, factoryInstrument, loadSessionAssets, readSession } from '../../../src/main/audio/session-assets';
import { Transport } from '../../../src/main/studio/transport';
import { setLoop } from '../../../src/main/studio/timeline/transport-actions';
import { addTrackOps, batch } from '../../../src/main/studio/timeline/timeline-edits';
import * as protocol from '../../../src/shared/engine-protocol';

const { RENDER_QUANTUM } = protocol;

// The graph's latency (the frames the live output lags the timeline): EngineNode does not report
// it, so an engine of the page's own, on the same assets, is asked.
function latencyOf(load: Awaited<ReturnType<typeof loadSessionAssets>>['load'], sampleRate: number): number {
  const probe = new EngineHost(load.engine);
  if (!probe.loadSession(load.session).ok) throw new Error('the session does not load');
  for (const plugin of load.plugins) probe.registerPlugin(plugin.module, { sha256: plugin.sha256, sharing: plugin.sharing, format: plugin.format, manifest: plugin.manifest });
  for (const source of load.sources) probe.addSource(source.key, source.sampleRate, source.channels);
  probe.prepare(sampleRate, RENDER_QUANTUM, 0);
  return probe.latency();
}

function base64(samples: Float32Array): string {
  const raw = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  let text = '';
  for (let i = 0; i < raw.length; i += 0x8000) text += String.fromCharCode(...raw.subarray(i, i + 0x8000));
  return btoa(text);
}

// The first `frames` frames of the session at `url` (by default the demo) from the worklet, loaded
// by the app's own code; the channels as base64 of their floats.
async function renderInWorklet(frames: number, url = DEMO_SESSION_URL) {
  const session = await readSession(url);
  const sampleRate = session.info.sampleRate;
  const context = new OfflineAudioContext({ numberOfChannels: 2, length: frames, sampleRate });
  const assets = await loadSessionAssets(context, new ModuleCache(), session);
  const engine = await EngineNode.create(context, { ...assets.load, looping: false, play: true });
  engine.node.connect(context.destination);
  const started = performance.now();
  const rendered = await context.startRendering();
  const milliseconds = performance.now() - started;
  return {
    warnings: engine.warnings, latency: latencyOf(assets.load, sampleRate), milliseconds, isolated: globalThis.crossOriginIsolated,
    left: base64(rendered.getChannelData(0)), right: base64(rendered.getChannelData(1)),
  };
}
const renderDemoInWorklet = (frames: number) => renderInWorklet(frames);

// Exports `sessionText` with the plugins at `pluginUrls` (sharing one instance each) and one stereo
// source per key in `sources` (a 440 Hz sine); resolves to what the promise gave: the file's size
// or the error's name and message.
async function exportSession(sessionText: string, pluginUrls: string[], sources: string[], sampleRate: number) {
  const cache = new ModuleCache();
  const bytes = async (url: string) => (await fetch(url)).arrayBuffer();
  const tone = Float32Array.from({ length: sampleRate * 4 }, (_, i) => 0.25 * Math.sin((2 * Math.PI * 440 * i) / sampleRate));
  const assets = {
    engine: await cache.get(null, () => bytes('/engine/engine.wasm')),
    session: new TextEncoder().encode(sessionText),
    plugins: await Promise.all(pluginUrls.map(async (url) => ({ module: await cache.get(null, () => bytes(url)), sha256: '', sharing: 1 }))),
    sources: sources.map((key) => ({ key, sampleRate, channels: [tone, tone] })),
  };
  let progressed = 0;
  try {
    const result = await renderOffline(assets, { format: 'pcm24', sampleRate, onProgress: () => { ++progressed; } });
    return { ok: true, bytes: result.wav.size, frames: result.frames, sampleRate: result.sampleRate, progressed };
  } catch (error) {
    return { ok: false, name: error instanceof Error ? error.name : 'unknown', message: error instanceof Error ? error.message : String(error), progressed };
  }
}

// Starts recording `transport`'s output a few quanta from now: `seconds` of the left channel.
async function capture(transport: Transport, seconds: number): Promise<{ header: Int32Array; samples: Float32Array; start: number }> {
  const context = transport.context;
  await context.audioWorklet.addModule(captureUrl);
  const node = new AudioWorkletNode(context, 'wasm-studio-test-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
  transport.engine.node.connect(node);
  const frames = Math.round(seconds * context.sampleRate);
  const buffer = new SharedArrayBuffer(4 + frames * 4);
  const start = Math.round(context.currentTime * context.sampleRate) + RENDER_QUANTUM * 8;
  node.port.postMessage({ buffer, start });
  return { header: new Int32Array(buffer, 0, 1), samples: new Float32Array(buffer, 4), start };
}

Object.assign(globalThis, { renderDemoInWorklet, renderInWorklet, exportSession, harness: { Transport, ModuleCache, protocol, capture, setLoop, addTrackOps, batch, factoryInstrument } });
