// Reads a project file (docs/project-file.md) that may come from anyone. The archive as a whole is
// refused (ProjectFileError) when it breaks PF-1 (names, methods, duplicates), PF-3 (limits,
// checked on the central directory before anything is inflated) or PF-4 (a newer version), or
// is not a project file at all. Past that it keeps going (PF-5): an audio or plugin entry whose
// bytes do not match the sha256 in its name (PF-2) or that is damaged is left out and named in
// `errors`, and a session that does not validate is still returned with its audio and plugins
// and the reasons it will not open.
import {
  AUDIO_ENTRY, PLUGIN_ENTRY, PROJECT_ENTRY, PROJECT_FORMAT, PROJECT_VERSION, SESSION_ENTRY, VAIST_ENTRY,
  sha256Hex, type ProjectManifest, type VaistSidecar,
} from './project-format';
import { ProjectFileError, readZipDirectory, readZipEntry, type ZipEntry } from './zip-reader';

export { ProjectFileError } from './zip-reader';

export interface ProjectAsset {
  sha256: string;
  path: string;    // the entry's name, audio/<sha256>.<ext>: the clips' source.path
  name: string;    // what it was imported as (project.json), else the entry's file name
  type: string;    // MIME type where project.json has it, else ''
  bytes: Blob;
}

export interface ProjectPlugin {
  sha256: string;
  bytes: Blob;
  vaist?: VaistSidecar;
}

export interface ProjectContents {
  name: string;
  createdAt: string | null;
  session: string | null;  // session.json's text; null when the archive has none that reads as text
  sessionOk: boolean;      // the session passed every check made here (and `validateSession`)
  assets: ProjectAsset[];
  plugins: ProjectPlugin[];
  errors: string[];        // what was left out or will not open, each naming its entry
}

export interface ReadProjectOptions {
  // The session library's validation (engine.wasm's, in the studio): the problems, [] when valid.
  validateSession?: (text: string) => string[] | Promise<string[]>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function checkManifest(value: unknown): ProjectManifest {
  const manifest = value as Partial<ProjectManifest> | null;
  if (typeof manifest !== 'object' || manifest === null || manifest.format !== PROJECT_FORMAT) {
    throw new ProjectFileError(`${PROJECT_ENTRY} does not say "format": "${PROJECT_FORMAT}": not a WASM Studio project file`);
  }
  if (!Number.isInteger(manifest.version) || (manifest.version as number) < 1) {
    throw new ProjectFileError(`${PROJECT_ENTRY}: "version" must be a whole number from 1`);
  }
  if ((manifest.version as number) > PROJECT_VERSION) {
    throw new ProjectFileError(`made by a newer WASM Studio (project file version ${manifest.version}; this version reads up to ${PROJECT_VERSION}) (PF-4)`);
  }
  return manifest as ProjectManifest;
}

// The problems of the session's text that can be seen without the session library, and the
// paths of its audio clips' sources.
function sessionShape(text: string): { problems: string[]; sources: { where: string; path?: string; sha256?: string }[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [`${SESSION_ENTRY} is not valid JSON (${message(error)})`], sources: [] };
  }
  const session = json as { format?: unknown; tracks?: unknown };
  if (typeof json !== 'object' || json === null || session.format !== 'wasm-studio-session') {
    return { problems: [`${SESSION_ENTRY} is not a WASM Studio session`], sources: [] };
  }
  const sources: { where: string; path?: string; sha256?: string }[] = [];
  (Array.isArray(session.tracks) ? session.tracks : []).forEach((track: { clips?: unknown }, t: number) => {
    (Array.isArray(track?.clips) ? track.clips : []).forEach((clip: { source?: { path?: unknown; sha256?: unknown } }, c: number) => {
      const source = clip?.source;
      if (typeof source !== 'object' || source === null) return;
      sources.push({
        where: `tracks[${t}].clips[${c}]`,
        path: typeof source.path === 'string' ? source.path : undefined,
        sha256: typeof source.sha256 === 'string' ? source.sha256 : undefined,
      });
    });
  });
  return { problems: [], sources };
}

export async function readProjectFile(file: Blob | Uint8Array, options: ReadProjectOptions = {}): Promise<ProjectContents> {
  const archive = file instanceof Blob ? file : new Blob([file as Uint8Array<ArrayBuffer>]);
  const entries = await readZipDirectory(archive);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));

  const manifestEntry = byName.get(PROJECT_ENTRY);
  if (manifestEntry === undefined) throw new ProjectFileError(`no ${PROJECT_ENTRY} in the archive: not a WASM Studio project file`);
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(utf8.decode(await readZipEntry(archive, manifestEntry)));
  } catch (error) {
    throw error instanceof ProjectFileError ? error : new ProjectFileError(`${PROJECT_ENTRY} is not valid JSON (${message(error)})`);
  }
  const manifest = checkManifest(manifestJson);
  const importedAs = new Map<string, { name: string; type: string }>();
  for (const item of Array.isArray(manifest.assets) ? manifest.assets : []) {
    if (typeof item?.sha256 === 'string' && typeof item.name === 'string' && typeof item.type === 'string') {
      importedAs.set(item.sha256, { name: item.name.slice(0, 256), type: item.type.slice(0, 128) });
    }
  }

  const errors: string[] = [];
  const contents: ProjectContents = {
    name: typeof manifest.name === 'string' ? manifest.name.slice(0, 256) : '',
    createdAt: typeof manifest.createdAt === 'string' ? manifest.createdAt : null,
    session: null,
    sessionOk: false,
    assets: [],
    plugins: [],
    errors,
  };

  const checked = async (entry: ZipEntry, sha256: string): Promise<Uint8Array | null> => {
    let bytes: Uint8Array;
    try {
      bytes = await readZipEntry(archive, entry);
    } catch (error) {
      errors.push(`${entry.name}: left out: ${message(error)}`);
      return null;
    }
    const actual = await sha256Hex(bytes);
    if (actual !== sha256) {
      errors.push(`${entry.name}: left out: its bytes hash to ${actual}, not the sha256 in its name (PF-2)`);
      return null;
    }
    return bytes;
  };

  const sidecars = new Map<string, ZipEntry>();
  for (const entry of entries) {
    const audio = AUDIO_ENTRY.exec(entry.name);
    const plugin = PLUGIN_ENTRY.exec(entry.name);
    const vaist = VAIST_ENTRY.exec(entry.name);
    if (audio !== null) {
      const bytes = await checked(entry, audio[1]);
      if (bytes === null) continue;
      const known = importedAs.get(audio[1]);
      contents.assets.push({
        sha256: audio[1],
        path: entry.name,
        name: known?.name ?? entry.name.slice('audio/'.length),
        type: known?.type ?? '',
        bytes: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: known?.type ?? '' }),
      });
    } else if (plugin !== null) {
      const bytes = await checked(entry, plugin[1]);
      if (bytes !== null) contents.plugins.push({ sha256: plugin[1], bytes: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/wasm' }) });
    } else if (vaist !== null) {
      sidecars.set(vaist[1], entry);
    }
  }
  for (const [sha256, entry] of sidecars) {
    const plugin = contents.plugins.find((p) => p.sha256 === sha256);
    if (plugin === undefined) {
      errors.push(`${entry.name}: left out: its module plugins/${sha256}.wasm is not in the project`);
      continue;
    }
    try {
      const sidecar = JSON.parse(utf8.decode(await readZipEntry(archive, entry))) as VaistSidecar;
      if (typeof sidecar !== 'object' || sidecar === null || typeof sidecar.descriptor !== 'object' || sidecar.descriptor === null ||
          (sidecar.glue !== undefined && typeof sidecar.glue !== 'string')) {
        throw new Error('it is not {"descriptor": {…}, "glue": "…"}');
      }
      plugin.vaist = { descriptor: sidecar.descriptor, ...(sidecar.glue !== undefined ? { glue: sidecar.glue } : {}) };
    } catch (error) {
      errors.push(`${entry.name}: left out: ${message(error)}`);
    }
  }

  const sessionEntry = byName.get(SESSION_ENTRY);
  if (sessionEntry === undefined) {
    errors.push(`no ${SESSION_ENTRY} in the project: its audio and plugins are all it holds`);
    return contents;
  }
  try {
    contents.session = utf8.decode(await readZipEntry(archive, sessionEntry));
  } catch (error) {
    errors.push(`${SESSION_ENTRY}: cannot be read: ${message(error)}`);
    return contents;
  }
  const shape = sessionShape(contents.session);
  const problems = [...shape.problems];
  if (problems.length === 0 && options.validateSession) problems.push(...(await options.validateSession(contents.session)));
  const paths = new Set(contents.assets.map((asset) => asset.path));
  const hashes = new Set(contents.assets.map((asset) => asset.sha256));
  for (const source of shape.sources) {
    const found = source.path !== undefined ? paths.has(source.path) : source.sha256 !== undefined && hashes.has(source.sha256);
    if (!found) problems.push(`${source.where}: its audio ${source.path ?? source.sha256 ?? '(none named)'} is not in the project`);
  }
  contents.sessionOk = problems.length === 0;
  for (const problem of problems) errors.push(`${SESSION_ENTRY}: ${problem}`);
  return contents;
}
