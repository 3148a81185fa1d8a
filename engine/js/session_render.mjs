// Renders a session offline with engine.wasm: what `render.mjs` does, minus the files. The
// caller supplies compiled plugins and decoded sources through callbacks, so a browser can pass
// fetch()+compile and decodeAudioData results, and Node files.
import { EngineHost } from './engine_host.mjs';

export const DEFAULT_TAIL_SECONDS = 2;  // after the last clip, as `vaist render` does
export const BLOCK_FRAMES = 512;        // as `vaist render`

// The factory plugins' ids: "studio.wasm.<name>", built as <name>.wasm. The application trusts
// them (they may share WebAssembly.Instances, EW-2).
export const FACTORY_PLUGIN_PREFIX = 'studio.wasm.';

// The <name> of a factory plugin reference, or null for any other plugin.
export function factoryPluginName(ref) {
  return ref.id.startsWith(FACTORY_PLUGIN_PREFIX) ? ref.id.slice(FACTORY_PLUGIN_PREFIX.length) : null;
}

// The plugin references (id, format) and source keys (path, else sha256) a session names.
export function sessionNeeds(session) {
  const plugins = new Map();
  const sources = new Set();
  for (const owner of [...(session.tracks ?? []), session.master ?? {}]) {
    for (const insert of owner.inserts ?? []) {
      if (insert.plugin?.id) plugins.set(insert.plugin.id, insert.plugin);
    }
    for (const clip of owner.clips ?? []) {
      const key = clip.source?.path ?? clip.source?.sha256;
      if (key) sources.add(key);
    }
  }
  return { plugins: [...plugins.values()], sources: [...sources] };
}

// End of the last clip plus the tail, in frames at `sampleRate` (the default range of vaist).
export function defaultEndFrame(session, sampleRate) {
  let beats = 0;
  for (const track of session.tracks ?? []) {
    for (const clip of track.clips ?? []) beats = Math.max(beats, clip.start + clip.length);
  }
  return Math.round(beats * 60 / session.tempo * sampleRate) + Math.round(DEFAULT_TAIL_SECONDS * sampleRate);
}

// engineModule: compiled engine.wasm. pluginModule(ref) -> WebAssembly.Module for a plugin
// reference; sharing(ref) -> how many of its instances may share a WebAssembly.Instance (EW-2:
// 1 unless the caller trusts the module). source(key) -> { sampleRate, channels: Float32Array[] }.
// Returns { left, right, sampleRate, faults, warnings } or { errors } for an invalid session.
export function renderSession({ engineModule, sessionText, pluginModule, sharing = () => 1, source, start = 0, end, sampleRate }) {
  const engine = new EngineHost(engineModule);
  const loaded = engine.loadSession(sessionText);
  if (!loaded.ok) return { errors: loaded.errors };
  const session = JSON.parse(sessionText);
  const needs = sessionNeeds(session);
  for (const ref of needs.plugins) {
    engine.registerPlugin(pluginModule(ref), { sha256: ref.sha256 ?? '', sharing: sharing(ref) });
  }
  for (const key of needs.sources) {
    const audio = source(key);
    engine.addSource(key, audio.sampleRate, audio.channels);
  }
  const rate = sampleRate ?? session.sampleRate;
  const warnings = engine.prepare(rate, BLOCK_FRAMES, 0);
  const [left, right] = engine.renderOffline(start, end ?? defaultEndFrame(session, rate));
  return { left, right, sampleRate: rate, faults: engine.faults(), warnings };
}
