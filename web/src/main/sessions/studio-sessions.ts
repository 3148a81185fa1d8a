// Which session the studio has open, and the local sessions around it: /studio opens the session
// opened last in this browser, else the demo (which becomes a local session at its first edit,
// its audio stored by sha256); "New session"; open, rename, duplicate and delete from the
// sessions list. The open session is saved as it changes (Autosave). React reads this through
// useStudioSessions (a snapshot per change).
import { DEMO_SESSION_URL, type SourceResolver, fetchBytes, urlSources } from '../audio/session-assets';
import { sha256Hex } from '../audio/module-cache';
import type { ModuleCache } from '../audio/module-cache';
import type { EngineFault } from '../../shared/engine-protocol';
import { Transport, type TransportOptions } from '../studio/transport';
import { Autosave, type SaveState } from '../storage/autosave';
import {
  type SessionSummary, createSession, deleteSession, duplicateSession, lastOpenedSession, listSessions, markOpened, readSession,
  renameSession,
} from '../storage/local-sessions';
import { SHA256, SessionSaver, storedSources } from '../storage/session-saver';
import type { StudioDb } from '../storage/studio-db';
import { NEW_SESSION_NAME, emptySessionDocument } from './empty-session';

export const DEMO_NAME = 'Demo session';

export type Opening =
  | { stage: 'loading'; what: string }
  | { stage: 'ready'; transport: Transport }
  | { stage: 'failed'; message: string };

export interface StudioSessionsSnapshot {
  opening: Opening;
  name: string;
  localId: string | null; // null: the demo, not stored yet
  saveState: SaveState;
  sessions: SessionSummary[]; // the local sessions, newest first
}

interface Open {
  transport: Transport;
  saver: SessionSaver;
  autosave: Autosave;
  unsubscribe: () => void;
}

const MIME_BY_EXTENSION: Record<string, string> = { wav: 'audio/wav', flac: 'audio/flac', mp3: 'audio/mpeg', ogg: 'audio/ogg' };
const mimeOf = (name: string) => MIME_BY_EXTENSION[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ?? '';
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

// Where a source the database lacks comes from: a sha256 from the server's asset store, a path
// from the demo's folder (the only path-named sources this studio makes).
const serverSources: SourceResolver = (key) => (SHA256.test(key) ? fetchBytes(`/api/v1/assets/${key}`) : urlSources(DEMO_SESSION_URL)(key));

export class StudioSessions {
  private snapshot: StudioSessionsSnapshot = {
    opening: { stage: 'loading', what: 'Loading the studio…' }, name: '', localId: null, saveState: { kind: 'not-saved' }, sessions: [],
  };
  private readonly listeners = new Set<() => void>();
  private open: Open | null = null;
  private switching: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly db: StudioDb,
    private readonly cache: ModuleCache,
    private readonly onFaults: (faults: EngineFault[]) => void,
    private readonly options: TransportOptions = {},
  ) {}

  // ---- for React (useSyncExternalStore)
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): StudioSessionsSnapshot => this.snapshot;
  private set(change: Partial<StudioSessionsSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
  get transport(): Transport | null {
    return this.open?.transport ?? null;
  }
  get saver(): SessionSaver | null {
    return this.open?.saver ?? null;
  }

  // ---- opening
  // The session opened last here, else the demo.
  start(): Promise<void> {
    return this.switchTo(async () => {
      void this.refreshList();  // for the dialog; not needed to open
      const last = await lastOpenedSession(this.db);
      return last !== undefined ? this.openStored(last.id) : this.openDemo();
    });
  }
  openLocal(id: string): Promise<void> {
    return this.switchTo(() => this.openStored(id));
  }
  openTheDemo(): Promise<void> {
    return this.switchTo(() => this.openDemo());
  }
  newSession(): Promise<void> {
    return this.switchTo(async () => {
      const stored = await createSession(this.db, { name: NEW_SESSION_NAME, document: emptySessionDocument(), sources: {} });
      await this.refreshList();
      return this.openStored(stored.id);
    });
  }

  // ---- the list
  async refreshList(): Promise<void> {
    this.set({ sessions: await listSessions(this.db) });
  }
  async rename(id: string, name: string): Promise<void> {
    await renameSession(this.db, id, name);
    if (id === this.snapshot.localId && this.open !== null) {
      this.open.saver.name = name.trim();
      this.set({ name: name.trim() });
    }
    await this.refreshList();
  }
  async duplicate(id: string): Promise<void> {
    if (id === this.snapshot.localId) await this.open?.autosave.flush();  // the copy has the latest edits
    await duplicateSession(this.db, id);
    await this.refreshList();
  }
  // Deleting the open session opens the next newest, or a new one when none is left.
  async remove(id: string): Promise<void> {
    const wasOpen = id === this.snapshot.localId;
    if (wasOpen) await this.close();
    await deleteSession(this.db, id);
    await this.refreshList();
    if (!wasOpen) return;
    const next = this.snapshot.sessions[0];
    await (next !== undefined ? this.openLocal(next.id) : this.newSession());
  }

  // Saves what is waiting and closes the audio.
  async close(): Promise<void> {
    const open = this.open;
    if (open === null) return;
    this.open = null;
    this.set({ opening: { stage: 'loading', what: 'Saving and closing the session…' } });
    open.unsubscribe();
    await open.autosave.close();
    await open.transport.close();
    if (open.saver.id !== null) await this.refreshList();
  }

  // For good (the studio unmounts): whatever is opening is closed once open.
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.switching;
    await this.close();
  }

  // One switch at a time: the current session is saved and closed, then the next is opened.
  private switchTo(opening: () => Promise<Open>): Promise<void> {
    const run = async () => {
      if (this.disposed) return;
      await this.close();
      this.set({ opening: { stage: 'loading', what: 'Opening the session: the engine, its plugins and audio…' } });
      try {
        const open = await opening();
        this.open = open;
        this.set({ opening: { stage: 'ready', transport: open.transport } });
      } catch (error) {
        this.set({ opening: { stage: 'failed', message: message(error) } });
      }
    };
    this.switching = this.switching.then(run, run);
    return this.switching;
  }

  private async openDemo(): Promise<Open> {
    this.set({ name: DEMO_NAME, localId: null, saveState: { kind: 'not-saved' } });
    const fetched: { key: string; bytes: ArrayBuffer }[] = [];
    const demoSources = urlSources(DEMO_SESSION_URL);
    const sources: SourceResolver = async (key) => {
      const bytes = await demoSources(key);
      fetched.push({ key, bytes: bytes.slice(0) });  // kept to store at the demo's first save
      return bytes;
    };
    const bytes = new Uint8Array(await fetchBytes(DEMO_SESSION_URL));
    const transport = await Transport.open({ bytes, name: DEMO_NAME, sources }, this.cache, this.onFaults, this.options);
    const saver = new SessionSaver(this.db, () => transport.session.sessionText, null, DEMO_NAME);
    for (const { key, bytes: file } of fetched) {
      const name = key.slice(key.lastIndexOf('/') + 1);
      saver.addAsset({ sha256: await sha256Hex(file), name, type: mimeOf(name), bytes: new Blob([file]) }, key);
    }
    return this.keep(transport, saver);
  }

  private async openStored(id: string): Promise<Open> {
    const stored = await readSession(this.db, id);
    if (stored === undefined) throw new Error('That session is no longer in this browser.');
    this.set({ name: stored.name, localId: id, saveState: { kind: 'saved', at: stored.updatedAt } });
    // Written while the session loads; if it fails, the list's order is all that is lost.
    const opened = markOpened(this.db, id).catch(() => {});
    const fetched: { key: string; bytes: ArrayBuffer }[] = [];
    const sources = storedSources(this.db, stored, serverSources, (key, bytes) => fetched.push({ key, bytes }));
    const transport = await Transport.open({ bytes: new TextEncoder().encode(stored.document), name: stored.name, sources }, this.cache, this.onFaults, this.options);
    await opened;
    const saver = new SessionSaver(this.db, () => transport.session.sessionText, id, stored.name, { ...stored.sources });
    for (const { key, bytes } of fetched) {
      const name = key.slice(key.lastIndexOf('/') + 1);
      saver.addAsset({ sha256: await sha256Hex(bytes), name, type: mimeOf(name), bytes: new Blob([bytes]) }, key);
    }
    return this.keep(transport, saver);
  }

  // Every change of the session is saved (the demo's first one creates its record).
  private keep(transport: Transport, saver: SessionSaver): Open {
    const autosave = new Autosave(async () => {
      const created = saver.id === null;
      await saver.save();
      if (created) {
        this.set({ localId: saver.id });
        await this.refreshList();
      }
    }, (saveState) => {
      this.set({ saveState });
      if (saveState.kind === 'saved') void this.refreshList();
    });
    const unsubscribe = transport.session.subscribe(() => autosave.changed());
    return { transport, saver, autosave, unsubscribe };
  }
}
