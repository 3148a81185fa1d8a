// Project files to and from the local database (web/src/main/storage/studio-db.ts). A stored
// session downloads as a project file from its row alone: the session is never loaded into the
// engine on the way, so one that fails to open still comes out whole. A project file imports as a
// new local session; its audio and plugin files join the assets table once each, by sha256.
import { type StudioDb, type StoredAsset } from '../storage/studio-db';
import { readProjectFile, type ReadProjectOptions } from './read-project';
import { writeProjectFile, type PluginFile, type PluginRef, type WrittenProject } from './write-project';
import { PROJECT_FILE_SUFFIX } from './project-format';

export interface ProjectDownload extends WrittenProject {
  fileName: string;  // "<session name>.wstudio.zip"
}

// A file name from a session's name: what file systems refuse is replaced, never empty.
export function projectFileName(name: string): string {
  const safe = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 120);
  return `${safe === '' ? 'session' : safe}${PROJECT_FILE_SUFFIX}`;
}

// A stored session's sources named by a path only (the demo's "audio/drums.wav") are in the
// assets table under the sha256 its row maps the path to: the document gets that sha256, so the
// file holds the audio. A text that is not a session object is left as it is.
function withStoredSha256(document: string, sources: Record<string, string>): string {
  if (Object.keys(sources).length === 0) return document;
  try {
    const session = JSON.parse(document) as { tracks?: { clips?: { source?: { path?: unknown; sha256?: unknown } }[] }[] };
    for (const clip of (Array.isArray(session.tracks) ? session.tracks : []).flatMap((t) => (Array.isArray(t?.clips) ? t.clips : []))) {
      const source = clip?.source;
      if (source && typeof source.path === 'string' && source.sha256 === undefined && sources[source.path] !== undefined) source.sha256 = sources[source.path];
    }
    return JSON.stringify(session);
  } catch {
    return document;
  }
}

// Where a session's path-named sources are in the assets table: a project file names every audio
// source by its path in the archive and by its sha256 (docs/project-file.md), and the studio
// opens a stored session's sources by the sha256 its row maps each path to.
function pathsToSha256(document: string): Record<string, string> {
  const map: Record<string, string> = {};
  try {
    const session = JSON.parse(document) as { tracks?: { clips?: { source?: { path?: unknown; sha256?: unknown } }[] }[] };
    for (const clip of (Array.isArray(session.tracks) ? session.tracks : []).flatMap((t) => (Array.isArray(t?.clips) ? t.clips : []))) {
      const source = clip?.source;
      if (source && typeof source.path === 'string' && typeof source.sha256 === 'string') map[source.path] = source.sha256;
    }
  } catch {
    // not a session object: nothing to map (it does not open, and says why)
  }
  return map;
}

export interface FromDbOptions {
  // Plugins the database does not hold (a vAIst module's descriptor and glue come from the server).
  getPlugin?: (ref: PluginRef) => Promise<PluginFile | null>;
  createdAt?: Date;
}

export async function projectFileFromDb(db: StudioDb, sessionId: string, options: FromDbOptions = {}): Promise<ProjectDownload> {
  const stored = await db.sessions.get(sessionId);
  if (stored === undefined) throw new Error(`There is no session ${sessionId} in this browser's storage.`);
  const getPlugin = async (ref: PluginRef): Promise<PluginFile | null> => {
    const fromCaller = options.getPlugin ? await options.getPlugin(ref) : null;
    if (fromCaller !== null) return fromCaller;
    const asset = ref.sha256 ? await db.assets.get(ref.sha256) : undefined;
    return asset ? { bytes: asset.bytes } : null;
  };
  const written = await writeProjectFile(withStoredSha256(stored.document, stored.sources ?? {}), async (sha256) => {
    const asset = await db.assets.get(sha256);
    return asset ? { bytes: asset.bytes, name: asset.name, type: asset.type } : null;
  }, { name: stored.name, createdAt: options.createdAt, getPlugin });
  return { ...written, fileName: projectFileName(stored.name) };
}

export interface ImportedProject {
  sessionId: string | null;  // null when the file held no readable session (its files are stored)
  name: string;
  sessionOk: boolean;
  errors: string[];
  assetsAdded: number;       // files that were not in the database before
}

// Throws ProjectFileError when the archive is refused as a whole (nothing is stored then).
export async function importProjectFile(db: StudioDb, file: Blob, fileName = '', options: ReadProjectOptions = {}): Promise<ImportedProject> {
  const contents = await readProjectFile(file, options);
  const fallbackName = fileName.endsWith(PROJECT_FILE_SUFFIX) ? fileName.slice(0, -PROJECT_FILE_SUFFIX.length) : fileName;
  const name = contents.name || fallbackName || 'Imported project';
  const files: StoredAsset[] = [
    ...contents.assets.map((asset) => ({ sha256: asset.sha256, name: asset.name, type: asset.type, size: asset.bytes.size, bytes: asset.bytes })),
    ...contents.plugins.map((plugin) => ({ sha256: plugin.sha256, name: `${plugin.sha256}.wasm`, type: 'application/wasm', size: plugin.bytes.size, bytes: plugin.bytes })),
  ];
  const now = Date.now();
  const sessionId = contents.session !== null ? crypto.randomUUID() : null;
  let assetsAdded = 0;
  await db.transaction('rw', db.sessions, db.assets, async () => {
    const existing = await db.assets.bulkGet(files.map((f) => f.sha256));
    const fresh = files.filter((f, i) => existing[i] === undefined && files.findIndex((g) => g.sha256 === f.sha256) === i);
    await db.assets.bulkAdd(fresh);
    assetsAdded = fresh.length;
    if (sessionId !== null) {
      await db.sessions.add({ id: sessionId, name, document: contents.session as string, updatedAt: now, openedAt: now, sources: pathsToSha256(contents.session as string) });
    }
  });
  return { sessionId, name, sessionOk: contents.sessionOk, errors: contents.errors, assetsAdded };
}
