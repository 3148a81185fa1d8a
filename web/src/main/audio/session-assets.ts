// Everything the engine's worklet needs for one session, gathered on the main thread: engine.wasm
// and the session's plugins compiled (through the ModuleCache), its audio sources fetched and
// decoded by the browser (decodeAudioData, which also converts them to the context's rate).
// Where the files are: web/README.md (the build copies them into web/dist).
import { TRUSTED_MODULE_SHARING } from '../../../../engine/js/engine_host.mjs';
import { factoryPluginName, sessionNeeds } from '../../../../engine/js/session_render.mjs';
import type { LoadCommand, PluginLoad, SourceLoad } from '../../shared/engine-protocol';
import type { ModuleCache } from './module-cache';
import type { TimeSignature } from '../format/time';
import type { PluginDescriptorView } from '../studio/plugins/param-scale';
import { decodeWavPcm } from './wav-pcm';

export const ENGINE_URL = '/engine/engine.wasm';
export const FACTORY_CATALOG_URL = '/plugins/catalog.json';
export const DEMO_SESSION_URL = '/demo/demo.session.json';

// What the studio reads of a session file as it opens it; once loaded, the session model
// (SessionModel.document) is what the views show, as it follows every edit.
export interface SessionInfo {
  name: string;
  tempo: number;
  timeSignature: TimeSignature;
  sampleRate: number;
  loop: { start: number; end: number; enabled: boolean } | null;
}

export interface CatalogEntry {
  name: string;
  sha256: string;
  descriptor: PluginDescriptorView & { kind?: 'effect' | 'instrument' };
}

// The factory catalog (the build's plugins/catalog.json), fetched once per page.
let catalog: Promise<CatalogEntry[]> | null = null;
export function factoryCatalog(): Promise<CatalogEntry[]> {
  catalog ??= fetch(FACTORY_CATALOG_URL)
    .then(async (response) => {
      if (!response.ok) throw new Error(`the factory plugins' catalog could not be loaded (HTTP ${response.status})`);
      return ((await response.json()) as { plugins: CatalogEntry[] }).plugins;
    })
    .catch((error: unknown) => {
      catalog = null;  // a later call tries again
      throw error;
    });
  return catalog;
}

// The factory's instrument (the synth): what a new instrument track plays through. The catalog
// says which plugin it is (its descriptor's kind), so the studio names none.
export async function factoryInstrument(): Promise<CatalogEntry | undefined> {
  return (await factoryCatalog()).find((entry) => entry.descriptor.kind === 'instrument');
}

// A factory plugin's module, compiled once per page and checked against the catalog's sha256.
export async function factoryPluginLoad(cache: ModuleCache, entry: CatalogEntry): Promise<PluginLoad> {
  const module = await cache.get(entry.sha256, () => fetchBytes(`/plugins/${entry.name}.wasm`), `plugin ${entry.descriptor.id}`);
  return { module, sha256: entry.sha256, sharing: TRUSTED_MODULE_SHARING };
}

export interface SessionAssets {
  info: SessionInfo;
  load: Omit<LoadCommand, 'type' | 'state' | 'looping' | 'play'>;
  // The descriptors of the session's plugins by plugin id, where known (the factory catalog's, a
  // vAIst manifest's): what a plugin window draws its controls from.
  descriptors: Record<string, PluginDescriptorView>;
}

export async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} could not be loaded (HTTP ${response.status})`);
  return response.arrayBuffer();
}

// Decodes an audio file's bytes with the browser's decoders (WAV, FLAC, MP3, Ogg Vorbis, …),
// converted to the context's rate. `bytes` is detached by the decoding: pass a copy to keep it.
export async function decodeAudio(context: BaseAudioContext, bytes: ArrayBuffer, what: string): Promise<AudioBuffer> {
  try {
    return await context.decodeAudioData(bytes);
  } catch (error) {
    throw new Error(`The audio file ${what} could not be decoded (${error instanceof Error ? error.message : String(error)}).`);
  }
}

// Decoded samples live in shared memory where the page is cross-origin isolated, so that handing
// them to the worklet (and to an export's worker) shares them instead of copying them twice more
// (the structured clone of a 32-track session's audio took longer than the copy by several times).
function allocate(frames: number): Float32Array<ArrayBufferLike> {
  const shared = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
  return shared ? new Float32Array(new SharedArrayBuffer(frames * Float32Array.BYTES_PER_ELEMENT)) : new Float32Array(frames);
}

function sourceLoad(key: string, audio: AudioBuffer): SourceLoad {
  const channels = Array.from({ length: audio.numberOfChannels }, (_, c) => {
    const samples = allocate(audio.length);
    samples.set(audio.getChannelData(c));
    return samples;
  });
  return { key, sampleRate: audio.sampleRate, channels };
}

// A source file decoded for the engine at the context's rate: a WAV at that rate read directly
// (wav-pcm.ts), anything else by the browser. `bytes` may be detached (decodeAudio).
export async function decodeSource(context: BaseAudioContext, bytes: ArrayBuffer, key: string, what = key): Promise<SourceLoad> {
  const direct = decodeWavPcm(bytes, context.sampleRate, allocate);
  if (direct !== null) return { key, sampleRate: context.sampleRate, channels: direct };
  return sourceLoad(key, await decodeAudio(context, bytes, what));
}

// Where a session's clip sources come from: the bytes of the file a source key (its path, else
// its sha256) names.
export type SourceResolver = (key: string) => Promise<ArrayBuffer>;

// Sources as files next to the session file at `sessionUrl` (the demo's "audio/drums.wav").
export function urlSources(sessionUrl: string): SourceResolver {
  const folder = sessionUrl.slice(0, sessionUrl.lastIndexOf('/') + 1);
  return (key) => fetchBytes(folder + key.split('/').map(encodeURIComponent).join('/'));
}

// A session file: its bytes (handed to the engine as they are) and what the studio shows of it.
export interface SessionFile {
  url?: string; // where it was read from, if from a URL
  bytes: Uint8Array;
  json: Record<string, unknown>;
  info: SessionInfo;
}

// `name`: the session's name where the document has none (a local session's is in its record).
export function parseSession(bytes: Uint8Array, name = 'Demo session'): SessionFile {
  // The engine validates the session (we_load_session) and says what is wrong; these fields are
  // only read for display.
  const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  const file = json as {
    name?: unknown; tempo: number; timeSignature: TimeSignature; sampleRate: number; loop?: SessionInfo['loop'];
  };
  const info: SessionInfo = {
    name: typeof file.name === 'string' ? file.name : name,
    tempo: file.tempo,
    timeSignature: file.timeSignature,
    sampleRate: file.sampleRate,
    loop: file.loop ?? null,
  };
  return { bytes, json, info };
}

export async function readSession(url: string): Promise<SessionFile> {
  return { ...parseSession(new Uint8Array(await fetchBytes(url))), url };
}

// The manifest the server worked out for the vAIst Forge plugin whose module hashes to `sha256`
// (GET /api/v1/assets/{sha256}/manifest), checked to name that module.
export async function vaistManifest(pluginId: string, sha256: string): Promise<object> {
  const response = await fetch(`/api/v1/assets/${sha256}/manifest`);
  if (!response.ok) {
    throw new Error(`The vAIst plugin ${pluginId} is not on this server (HTTP ${response.status}); upload it again, or sign in as someone who may use it.`);
  }
  const manifest = (await response.json()) as { sha256?: string };
  if (manifest.sha256 !== sha256) throw new Error(`The server's manifest for ${pluginId} describes another module (${String(manifest.sha256)}).`);
  return manifest;
}

// A vAIst Forge plugin the server holds (uploaded through POST /api/v1/assets/vaist): its module
// by the session's sha256, checked against the bytes by the module cache, and the manifest the
// server worked out in its plugin sandbox when it was uploaded (docs/engine-wasm.md, "vAIst Forge
// plugins"). Never shared between inserts.
async function vaistPlugin(cache: ModuleCache, ref: { id: string; sha256?: string }): Promise<PluginLoad> {
  const sha256 = ref.sha256 ?? '';
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new Error(`The vAIst plugin ${ref.id} is named without the sha256 of its module; add the plugin to the session again from the plugin list.`);
  }
  const manifest = await vaistManifest(ref.id, sha256);
  const module = await cache.get(sha256, () => fetchBytes(`/api/v1/assets/${sha256}`), `plugin ${ref.id}`);
  return { module, sha256, sharing: 1, format: 'vaist', manifest };
}

// Where a plugin that is not a factory plugin comes from (its .wasm URL), or null: not known.
// Such a module is not trusted: each of its instances gets a WebAssembly instance of its own.
export type PluginUrl = (ref: { id: string; sha256?: string }) => string | null;

// `sources`: where the clip sources' files are (by default next to the session file's URL).
// `pluginUrl`: where plugins outside the factory catalog are.
export async function loadSessionAssets(context: BaseAudioContext, cache: ModuleCache, session: SessionFile,
  sources?: SourceResolver, pluginUrl?: PluginUrl): Promise<SessionAssets> {
  const needs = sessionNeeds(session.json);
  const sourceBytes = sources ?? (session.url !== undefined ? urlSources(session.url) : null);
  if (needs.sources.length > 0 && sourceBytes === null) throw new Error('the session names audio files but says nowhere where they are');

  const entries = needs.plugins.length > 0 ? await factoryCatalog() : [];
  const descriptors: Record<string, PluginDescriptorView> = {};
  const plugins = Promise.all(needs.plugins.map(async (ref): Promise<PluginLoad> => {
    if (ref.format === 'vaist') {
      const load = await vaistPlugin(cache, ref);
      const descriptor = (load.manifest as { descriptor?: PluginDescriptorView }).descriptor;
      if (descriptor !== undefined) descriptors[ref.id] = descriptor;
      return load;
    }
    const entry = factoryPluginName(ref) !== null ? entries.find((p) => p.descriptor.id === ref.id) : undefined;
    const url = entry === undefined ? pluginUrl?.(ref) ?? null : null;
    if (url !== null) {
      return { module: await cache.get(null, () => fetchBytes(url), `plugin ${ref.id}`), sha256: ref.sha256 ?? '', sharing: 1 };
    }
    if (entry === undefined) throw new Error(`The plugin ${ref.id} is not in the factory catalog; only factory plugins play here yet.`);
    descriptors[ref.id] = entry.descriptor;
    return factoryPluginLoad(cache, entry);
  }));
  const engine = cache.get(null, () => fetchBytes(ENGINE_URL), 'engine.wasm');
  const decoded = Promise.all(needs.sources.map(async (key) => decodeSource(context, await sourceBytes!(key), key)));
  // Awaited together: a failure of any is the answer, and none is left rejected unobserved.
  const [engineModule, pluginLoads, sourceLoads] = await Promise.all([engine, plugins, decoded]);
  return { info: session.info, load: { engine: engineModule, session: session.bytes, plugins: pluginLoads, sources: sourceLoads }, descriptors };
}
