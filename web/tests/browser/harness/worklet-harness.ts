// The browser test's worklet render through the app's own code: the session read and its
// modules compiled and sources decoded by src/main/audio (readSession, ModuleCache,
// loadSessionAssets), the engine node created by EngineNode, on an OfflineAudioContext instead of
// the studio's real-time one. Built by `build.mjs harness` into build/web/harness (not web/dist).
import { EngineHost } from '../../../../engine/js/engine_host.mjs';
import { EngineNode } from '../../../src/main/audio/engine-node';
import { ModuleCache } from '../../../src/main/audio/module-cache';
import { DEMO_SESSION_URL, loadSessionAssets, readSession } from '../../../src/main/audio/session-assets';
import { RENDER_QUANTUM } from '../../../src/shared/engine-protocol';

// The graph's latency (the frames the live output lags the timeline): EngineNode does not report
// it, so an engine of the page's own, on the same assets, is asked.
function latencyOf(load: Awaited<ReturnType<typeof loadSessionAssets>>['load'], sampleRate: number): number {
  const probe = new EngineHost(load.engine);
  if (!probe.loadSession(load.session).ok) throw new Error('the session does not load');
  for (const plugin of load.plugins) probe.registerPlugin(plugin.module, { sha256: plugin.sha256, sharing: plugin.sharing });
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

// The demo's first `frames` frames from the worklet; the channels as base64 of their floats.
async function renderDemoInWorklet(frames: number) {
  const session = await readSession(DEMO_SESSION_URL);
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

(globalThis as unknown as { renderDemoInWorklet: typeof renderDemoInWorklet }).renderDemoInWorklet = renderDemoInWorklet;
