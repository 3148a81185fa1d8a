// A session's audio sources as bytes, wherever they are: this browser's assets table (by sha256),
// else the server (GET /assets/{sha256}, checked against its hash and kept in the table, so the
// session plays offline later). The engine names a clip's source by its key: its path, else its
// sha256 (engine/js/session_render.mjs, sessionNeeds).
import type { StudioDb } from '../storage/studio-db';
import { ApiError, downloadAsset } from './api';

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export async function sha256Hex(bytes: ArrayBuffer | Blob): Promise<string> {
  const buffer = bytes instanceof Blob ? await bytes.arrayBuffer() : bytes;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface SourceRef {
  path?: string;
  sha256?: string;
}

interface ClipJson {
  source?: SourceRef;
}

// Every audio clip's source object in a session document (the live objects: pinning edits them).
export function clipSources(document: Record<string, unknown>): SourceRef[] {
  const tracks = (document.tracks ?? []) as { clips?: ClipJson[] }[];
  return tracks.flatMap((track) => (track.clips ?? []).flatMap((clip) => (clip.source ? [clip.source] : [])));
}

// The sha256 of each source key the document names with one.
export function sourceHashes(document: Record<string, unknown>): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const source of clipSources(document)) {
    const key = source.path ?? source.sha256;
    if (key !== undefined && source.sha256 !== undefined) hashes.set(key, source.sha256);
  }
  return hashes;
}

const AUDIO_TYPES: Record<string, string> = { wav: 'audio/wav', flac: 'audio/flac', mp3: 'audio/mpeg', ogg: 'audio/ogg' };
export const fileName = (key: string) => key.slice(key.lastIndexOf('/') + 1);
const typeOf = (name: string) => AUDIO_TYPES[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ?? '';

// Keeps `bytes` in the assets table under their sha256 unless it holds them already.
export async function keepAsset(db: StudioDb, sha256: string, name: string, bytes: ArrayBuffer, type = ''): Promise<void> {
  if ((await db.assets.get(sha256)) !== undefined) return;
  await db.assets.put({ sha256, name, type: type || typeOf(name), size: bytes.byteLength, bytes: new Blob([bytes], { type: type || typeOf(name) }) });
}

// Resolves the source keys of a server session's document to their bytes: the assets table
// first, then the server. A source the document names without a sha256 cannot be found.
export function serverSourceBytes(db: StudioDb, document: Record<string, unknown>): (key: string) => Promise<ArrayBuffer> {
  const hashes = sourceHashes(document);
  return async (key) => {
    const sha256 = hashes.get(key) ?? (SHA256_PATTERN.test(key) ? key : undefined);
    if (sha256 === undefined) {
      throw new Error(`The audio file ${fileName(key)} is named by its path only, so neither this browser nor the server can find it. Import the file again and save.`);
    }
    const stored = await db.assets.get(sha256);
    if (stored !== undefined) return stored.bytes.arrayBuffer();
    const label = key === sha256 ? `An audio file of the session (sha256 ${sha256.slice(0, 12)}…)` : `The audio file ${fileName(key)}`;
    let downloaded;
    try {
      downloaded = await downloadAsset(sha256);
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) throw new Error(`${label} is not stored in this browser, and the server could not be reached. Check your connection and try again.`);
      if (error instanceof ApiError && (error.status === 404 || error.status === 401)) {
        throw new Error(`${label} is not stored in this browser, and the server does not have it or your account may not read it. Sign in as the session's owner, or ask them to save it again with its audio.`);
      }
      throw error;
    }
    const { bytes, type } = downloaded;
    if ((await sha256Hex(bytes)) !== sha256) {
      throw new Error(`The server sent other bytes than the audio file ${fileName(key)} the session names; it was not used.`);
    }
    await keepAsset(db, sha256, fileName(key), bytes, type.startsWith('audio/') ? type : '');
    return bytes;
  };
}

// Gives every source of `document` that has only a path its sha256 (the bytes from
// `sourceBytes`, kept in the assets table), so the server copy names its audio by content.
// Edits `document` in place; resolves with every sha256 it names, once each.
export async function pinSources(db: StudioDb, document: Record<string, unknown>, sourceBytes: (key: string) => Promise<ArrayBuffer>): Promise<string[]> {
  const hashes = new Set<string>();
  const pinned = new Map<string, string>();  // path -> sha256
  for (const source of clipSources(document)) {
    if (source.sha256 === undefined && source.path !== undefined) {
      let sha256 = pinned.get(source.path);
      if (sha256 === undefined) {
        const bytes = await sourceBytes(source.path);
        sha256 = await sha256Hex(bytes);
        await keepAsset(db, sha256, fileName(source.path), bytes);
        pinned.set(source.path, sha256);
      }
      source.sha256 = sha256;
    }
    if (source.sha256 !== undefined) hashes.add(source.sha256);
  }
  return [...hashes];
}
