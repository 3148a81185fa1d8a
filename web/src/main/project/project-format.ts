// The project file format's facts (docs/project-file.md): written once in project/format.json,
// which the C++ reader (project/) is generated from too, so the two readers cannot drift.
import format from '../../../../project/format.json';

export const PROJECT_FORMAT: string = format.format;
export const PROJECT_VERSION: number = format.version;
export const PROJECT_FILE_SUFFIX: string = format.fileSuffix;
export const PROJECT_LIMITS = {
  maxEntries: format.maxEntries,
  maxTotalBytes: format.maxTotalBytes,
  maxEntryBytes: format.maxEntryBytes,
  maxRatio: format.maxRatio,
  maxNameBytes: format.maxNameBytes,
  maxCentralDirectoryBytes: format.maxCentralDirectoryBytes,
} as const;

export const SESSION_ENTRY = 'session.json';
export const PROJECT_ENTRY = 'project.json';
export const AUDIO_ENTRY = /^audio\/([0-9a-f]{64})\.([a-z0-9]{1,8})$/;
export const PLUGIN_ENTRY = /^plugins\/([0-9a-f]{64})\.wasm$/;
export const VAIST_ENTRY = /^plugins\/([0-9a-f]{64})\.vaist\.json$/;
export const SHA256 = /^[0-9a-f]{64}$/;

// project.json
export interface ProjectManifest {
  format: string;
  version: number;
  name: string;
  createdAt: string;
  // What each audio file was called and its MIME type when imported (optional; names only, never paths).
  assets?: { sha256: string; name: string; type: string }[];
}

// A vAIst Forge module's sidecar, plugins/<sha256>.vaist.json.
export interface VaistSidecar {
  descriptor: unknown;
  glue?: string;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

// The extension of an audio file's entry, from its first bytes (what it is), else from the name
// it was imported under, else "bin".
export function audioExtension(bytes: Uint8Array, name: string): string {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
  if (ascii(0, 4) === 'RF64' && ascii(8, 12) === 'WAVE') return 'wav';
  if (ascii(0, 4) === 'fLaC') return 'flac';
  if (ascii(0, 4) === 'OggS') return 'ogg';
  if (ascii(0, 3) === 'ID3' || (bytes.length > 1 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)) return 'mp3';
  const dot = name.lastIndexOf('.');
  const fromName = dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
  return /^[a-z0-9]{1,8}$/.test(fromName) ? fromName : 'bin';
}
