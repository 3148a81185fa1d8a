// Writes a project file (docs/project-file.md): the session with every audio clip's source given
// `path: audio/<sha256>.<ext>` beside its sha256, each audio file once, each plugin that is not a
// factory plugin, and project.json. It never refuses to write: a session that is not even JSON
// is packed as it is, with the audio its text names, and whatever cannot be found is listed in
// `problems` so the caller can say what the file lacks. Audio is stored (it hardly compresses),
// the JSON entries and plugin modules deflated; the archive is built as one Blob per entry, so
// only the file being added is in memory at once.
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { factoryPluginName } from '../../../../engine/js/session_render.mjs';
import {
  PROJECT_ENTRY, PROJECT_FORMAT, PROJECT_VERSION, SESSION_ENTRY, SHA256, audioExtension, sha256Hex,
  type ProjectManifest, type VaistSidecar,
} from './project-format';

export interface AssetFile {
  bytes: Blob | Uint8Array;
  name: string;  // what it was imported as
  type: string;  // MIME type, '' when unknown
}

export interface PluginRef {
  id: string;
  sha256?: string;
  format?: string;
}

export interface PluginFile {
  bytes: Blob | Uint8Array;  // the .wasm
  vaist?: VaistSidecar;     // for a vAIst Forge module: its descriptor and glue
}

export interface WriteProjectOptions {
  name?: string;       // the session's name (project.json)
  createdAt?: Date;
  getPlugin?: (ref: PluginRef) => Promise<PluginFile | null>;
}

export interface WrittenProject {
  blob: Blob;
  problems: string[];  // what is not in the file and why; empty when it is complete
}

const encoder = new TextEncoder();

async function bytesOf(data: Blob | Uint8Array): Promise<Uint8Array> {
  return data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

// Every audio clip source object of a parsed session.
function clipSources(session: Json): Json[] {
  const sources: Json[] = [];
  for (const track of arrayOf(session.tracks)) {
    if (!isObject(track)) continue;
    for (const clip of arrayOf(track.clips)) {
      if (isObject(clip) && isObject(clip.source)) sources.push(clip.source);
    }
  }
  return sources;
}

function pluginRefs(session: Json): PluginRef[] {
  const refs = new Map<string, PluginRef>();
  for (const owner of [...arrayOf(session.tracks), session.master]) {
    if (!isObject(owner)) continue;
    for (const insert of arrayOf(owner.inserts)) {
      if (!isObject(insert) || !isObject(insert.plugin) || typeof insert.plugin.id !== 'string') continue;
      const ref = insert.plugin as unknown as PluginRef;
      refs.set(`${ref.id} ${String(ref.sha256)}`, ref);
    }
  }
  return [...refs.values()];
}

export async function writeProjectFile(sessionText: string,
  getAsset: (sha256: string) => Promise<AssetFile | null>, options: WriteProjectOptions = {}): Promise<WrittenProject> {
  const problems: string[] = [];
  // The archive so far: a Blob per entry (which the browser may keep on disk), and the chunks of
  // the entry being written.
  const parts: Blob[] = [];
  let chunks: Uint8Array[] = [];
  const flush = () => {
    parts.push(new Blob(chunks as Uint8Array<ArrayBuffer>[]));
    chunks = [];
  };
  let zipError: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) zipError = error;
    else chunks.push(data);
  });
  const addStored = (name: string, bytes: Uint8Array) => {
    const entry = new ZipPassThrough(name);
    zip.add(entry);
    entry.push(bytes, true);
    flush();
  };
  const addDeflated = (name: string, bytes: Uint8Array) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(bytes, true);
    flush();
  };

  let session: Json | null = null;
  try {
    const parsed: unknown = JSON.parse(sessionText);
    if (isObject(parsed)) session = parsed;
    else problems.push('The session is not a JSON object; it is in the file as it was.');
  } catch (error) {
    problems.push(`The session is not valid JSON (${error instanceof Error ? error.message : String(error)}); it is in the file as it was, with the audio its text names.`);
  }

  // The audio: by the clips' sources, or (for text that does not parse) every sha256 it names.
  const hashes = new Set<string>();
  if (session !== null) {
    for (const source of clipSources(session)) {
      if (typeof source.sha256 === 'string' && SHA256.test(source.sha256)) hashes.add(source.sha256);
      else if (typeof source.path === 'string') problems.push(`The audio file ${source.path} has no sha256 in the session, so it is not in this browser's storage and not in the file.`);
    }
  } else {
    for (const match of sessionText.matchAll(/"sha256"\s*:\s*"([0-9a-f]{64})"/g)) hashes.add(match[1]);
  }

  const pathOf = new Map<string, string>();
  const assetNames: NonNullable<ProjectManifest['assets']> = [];
  for (const sha256 of hashes) {
    const asset = await getAsset(sha256);
    if (asset === null) {
      problems.push(`The audio file ${sha256} is not in this browser's storage; the file lacks it.`);
      continue;
    }
    const bytes = await bytesOf(asset.bytes);
    const actual = await sha256Hex(bytes);
    if (actual !== sha256) {
      problems.push(`The stored audio file ${asset.name} (${sha256}) is damaged (its bytes hash to ${actual}); the file lacks it.`);
      continue;
    }
    const path = `audio/${sha256}.${audioExtension(bytes, asset.name)}`;
    addStored(path, bytes);
    pathOf.set(sha256, path);
    assetNames.push({ sha256, name: asset.name, type: asset.type });
  }

  if (session !== null) {
    for (const source of clipSources(session)) {
      const path = typeof source.sha256 === 'string' ? pathOf.get(source.sha256) : undefined;
      if (path === undefined) continue;
      // sha256 then path, as the session library writes a source; other members after them.
      const { sha256, path: _oldPath, ...rest } = source;
      for (const key of Object.keys(source)) delete source[key];
      Object.assign(source, { sha256, path }, rest);
    }
    const packed = new Set<string>();
    for (const ref of pluginRefs(session)) {
      if (factoryPluginName(ref) !== null || packed.has(String(ref.sha256))) continue;
      if (typeof ref.sha256 !== 'string' || !SHA256.test(ref.sha256)) {
        problems.push(`The plugin ${ref.id} is named without the sha256 of its module, so it is not in the file.`);
        continue;
      }
      const plugin = options.getPlugin ? await options.getPlugin(ref) : null;
      if (plugin === null) {
        problems.push(`The plugin ${ref.id} (${ref.sha256}) is not available here; the file lacks it.`);
        continue;
      }
      const bytes = await bytesOf(plugin.bytes);
      if ((await sha256Hex(bytes)) !== ref.sha256) {
        problems.push(`The plugin ${ref.id}'s module is not the one the session names (${ref.sha256}); the file lacks it.`);
        continue;
      }
      packed.add(ref.sha256);
      addDeflated(`plugins/${ref.sha256}.wasm`, bytes);
      if (plugin.vaist !== undefined) {
        addDeflated(`plugins/${ref.sha256}.vaist.json`, encoder.encode(`${JSON.stringify(plugin.vaist, null, 2)}\n`));
      } else if (ref.format === 'vaist') {
        problems.push(`The vAIst Forge plugin ${ref.id} (${ref.sha256}) is in the file without its descriptor.json and glue, which are not available here (the server keeps them for plugins uploaded since it does: upload it again); vaist render cannot load it.`);
      }
    }
  }

  const text = session !== null ? `${JSON.stringify(session, null, 2)}\n` : sessionText;
  addDeflated(SESSION_ENTRY, encoder.encode(text));
  const manifest: ProjectManifest = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name: options.name ?? '',
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    assets: assetNames,
  };
  addDeflated(PROJECT_ENTRY, encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`));
  zip.end();
  flush();
  if (zipError !== null) throw zipError;
  return { blob: new Blob(parts, { type: 'application/zip' }), problems };
}
