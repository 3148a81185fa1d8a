// What is written for one open session: its document, its name, where its path-named sources'
// audio is (by sha256), and first the audio files not stored yet (the demo's, fetched from the
// server when it opened). The demo has no record until its first save: the save creates one.
import { type AssetFile, assetBytes, putAsset } from './local-assets';
import { createSession, saveSession } from './local-sessions';
import type { StoredSession, StudioDb } from './studio-db';
import type { SourceResolver } from '../audio/session-assets';

export const SHA256 = /^[0-9a-f]{64}$/;

export class SessionSaver {
  private pending: AssetFile[] = [];

  constructor(
    private readonly db: StudioDb,
    private readonly document: () => string,
    public id: string | null,
    public name: string,
    private readonly sources: Record<string, string> = {},
  ) {}

  // An audio file the session uses that is not in the database yet; `key`: the source path the
  // document names it by (a sha256-named source needs none).
  addAsset(file: AssetFile, key?: string): void {
    this.pending.push(file);
    if (key !== undefined && key !== file.sha256) this.sources[key] = file.sha256;
  }

  async save(): Promise<void> {
    for (const file of this.pending) await putAsset(this.db, file);
    this.pending = [];
    const content = { name: this.name, document: this.document(), sources: { ...this.sources } };
    if (this.id === null) {
      this.id = (await createSession(this.db, content)).id;
    } else if (!(await saveSession(this.db, this.id, content))) {
      // Deleted meanwhile (another tab): kept as a new session rather than lost.
      this.id = (await createSession(this.db, content)).id;
    }
  }
}

// Where a stored session's audio comes from: the database (by the source's sha256, or the sha256
// its path maps to), else `fallback` (the server); what the fallback gives is handed to
// `fetched` so that the next save stores it. A fallback's failure is explained unless
// `explained` says its messages already say what to do (the server's resolver's do).
export function storedSources(db: StudioDb, session: Pick<StoredSession, 'sources'>,
  fallback: (key: string) => Promise<ArrayBuffer>, fetched: (key: string, bytes: ArrayBuffer) => void = () => {}, explained = false): SourceResolver {
  return async (key) => {
    const sha256 = session.sources?.[key] ?? (SHA256.test(key) ? key : undefined);
    const stored = sha256 !== undefined ? await assetBytes(db, sha256) : undefined;
    if (stored !== undefined) return stored;
    let bytes: ArrayBuffer;
    try {
      bytes = await fallback(key);
    } catch (error) {
      if (explained) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`the audio of source ${key} is not in this browser, and fetching it failed (${reason}); the session is kept as it is: download it as a project file, or import its audio again`);
    }
    fetched(key, bytes.slice(0));
    return bytes;
  };
}
