// The studio's local-first storage: one IndexedDB database (through Dexie) that holds every
// session the user works on in this browser, the audio and plugin files those sessions name (once
// each, by sha256), the user's own presets, and small UI memories (plugin window positions).
// Nothing here needs an account; the server copy of a session is linked by `server`.
import Dexie, { type EntityTable } from 'dexie';

export interface StoredSession {
  id: string;              // local id (a UUID); never reused
  name: string;
  document: string;        // the session JSON, exactly as the session library wrote it
  updatedAt: number;       // ms since the epoch, of the last autosave
  openedAt: number;        // ms since the epoch; the most recent one opens on /studio
  server?: { id: string; revision: number }; // the server session this is a copy of, at that revision
  // The asset (sha256) of each clip source the document names by path only (the demo's
  // "audio/drums.wav"): how such a session's audio is found in `assets`. Not indexed.
  sources?: Record<string, string>;
}

export interface StoredAsset {
  sha256: string;          // 64 lowercase hex digits of `bytes`
  name: string;            // the file name it was imported under
  type: string;            // MIME type where known ('' otherwise)
  size: number;            // bytes
  bytes: Blob;
  uploaded?: string[];     // server origins this asset was uploaded to
}

export interface StoredPreset {
  id: string;              // local id (a UUID)
  pluginId: string;
  name: string;
  params: Record<string, number>; // parameter id (decimal) -> value
  updatedAt: number;
  serverId?: string;       // the server's preset id once saved there
}

export interface StoredSetting {
  key: string;             // e.g. 'window:<insert id>'
  value: unknown;
}

export class StudioDb extends Dexie {
  sessions!: EntityTable<StoredSession, 'id'>;
  assets!: EntityTable<StoredAsset, 'sha256'>;
  presets!: EntityTable<StoredPreset, 'id'>;
  settings!: EntityTable<StoredSetting, 'key'>;

  constructor(name = 'wasm-studio') {
    super(name);
    this.version(1).stores({
      sessions: 'id, openedAt, updatedAt, server.id',
      assets: 'sha256',
      presets: 'id, pluginId, serverId',
      settings: 'key',
    });
  }
}

// The page's database. Tests make their own (`new StudioDb('test-…')` over fake-indexeddb).
let shared: StudioDb | null = null;
export function studioDb(): StudioDb {
  shared ??= new StudioDb();
  return shared;
}
