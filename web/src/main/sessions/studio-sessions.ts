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
import { type ImportedProject, importProjectFile } from '../project/project-db';
import { ApiError } from '../server/api';
import { openServerSession } from '../server/open-session';
import { type StudioSessionAccess, attachSession, linkLocalSession, useServerSession } from '../server/server-session';
import { serverSourceBytes } from '../server/session-sources';
import { ServerOpenError } from '../server/open-error';

export const DEMO_NAME = 'Demo session';

export type Opening =
  | { stage: 'loading'; what: string }
  | { stage: 'ready'; transport: Transport }
  | { stage: 'failed'; message: string; error: unknown };

export interface StudioSessionsSnapshot {
  opening: Opening;
  name: string;
  localId: string | null; // null: the demo, not stored yet
  saveState: SaveState;
  sessions: SessionSummary[]; // the local sessions, newest first
}

interface Open {
  transport: Transport;
  sources: SourceResolver;
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

  // What a save to the server needs of the open session.
  get access(): StudioSessionAccess | null {
    const open = this.open;
    return open === null ? null : {
      sessionText: () => open.transport.session.sessionText,
      name: () => this.snapshot.name,
      sourceBytes: open.sources,
    };
  }

  // ---- opening
  // `serverId` (/studio/<id>): that server session; else the session opened last here, else the demo.
  start(serverId: string | null = null): Promise<void> {
    if (serverId !== null) return this.switchTo(() => this.openServer(serverId));
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
  // Writes the open session's waiting edits now (before a download of `id`, when it is the open one).
  async saveNow(id: string): Promise<void> {
    if (id === this.snapshot.localId) await this.open?.autosave.flush();
  }
  // A project file imported from the sessions list: a new local session, opened.
  async importProject(file: File): Promise<ImportedProject> {
    const imported = await importProjectFile(this.db, file, file.name);
    await this.refreshList();
    if (imported.sessionId !== null && imported.sessionOk) await this.openLocal(imported.sessionId);
    return imported;
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
        this.set({ opening: { stage: 'failed', message: message(error), error } });
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
    attachSession(crypto.randomUUID(), null);  // replaced by the demo's row when its first save makes one
    const saver = new SessionSaver(this.db, () => transport.session.sessionText, null, DEMO_NAME);
    for (const { key, bytes: file } of fetched) {
      const name = key.slice(key.lastIndexOf('/') + 1);
      saver.addAsset({ sha256: await sha256Hex(file), name, type: mimeOf(name), bytes: new Blob([file]) }, key);
    }
    return this.keep(transport, saver, sources);
  }

  // A server session: its document becomes the local session linked to it (a differing local
  // version is kept as a local copy first), which opens with its audio from this browser, else
  // from the server (checked against its sha256 and kept here). A failure says why and keeps what
  // was read, so its document can still be downloaded.
  private async openServer(serverId: string): Promise<Open> {
    let opened;
    try {
      opened = await openServerSession(this.db, serverId);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : null;
      // A private session of someone else answers 404 like a missing one.
      throw new ServerOpenError(message(error), null, apiError !== null && (apiError.needsSignIn || apiError.status === 404));
    }
    try {
      const open = await this.openStored(opened.localId, serverSourceBytes(this.db, opened.session.document), true);
      attachSession(opened.localId, opened.session);
      if (opened.copyId !== null) {
        useServerSession.setState({ status: 'This browser held another version of this session: it was kept as a local session (“… (my version, <date>)”) before the server\'s version opened.' });
        await this.refreshList();
      }
      return open;
    } catch (error) {
      throw new ServerOpenError(`The session “${opened.session.name}” was read from the server but does not open here: ${message(error)} Download its document to keep it.`, opened.session, false);
    }
  }

  // `fallback`: where audio the database lacks comes from; `explained`: its errors say what to do.
  private async openStored(id: string, fallback: SourceResolver = serverSources, explained = false): Promise<Open> {
    const stored = await readSession(this.db, id);
    if (stored === undefined) throw new Error('That session is no longer in this browser.');
    this.set({ name: stored.name, localId: id, saveState: { kind: 'saved', at: stored.updatedAt } });
    // Written while the session loads; if it fails, the list's order is all that is lost.
    const opened = markOpened(this.db, id).catch(() => {});
    const fetched: { key: string; bytes: ArrayBuffer }[] = [];
    const sources = storedSources(this.db, stored, fallback, (key, bytes) => fetched.push({ key, bytes }), explained);
    const transport = await Transport.open({ bytes: new TextEncoder().encode(stored.document), name: stored.name, sources }, this.cache, this.onFaults, this.options);
    await opened;
    linkLocalSession(id, stored.server ?? null);
    const saver = new SessionSaver(this.db, () => transport.session.sessionText, id, stored.name, { ...stored.sources });
    for (const { key, bytes } of fetched) {
      const name = key.slice(key.lastIndexOf('/') + 1);
      saver.addAsset({ sha256: await sha256Hex(bytes), name, type: mimeOf(name), bytes: new Blob([bytes]) }, key);
    }
    return this.keep(transport, saver, sources);
  }

  // Every change of the session is saved (the demo's first one creates its record).
  private keep(transport: Transport, saver: SessionSaver, sources: SourceResolver): Open {
    const autosave = new Autosave(async () => {
      const created = saver.id === null;
      await saver.save();
      if (created && saver.id !== null) {
        this.set({ localId: saver.id });
        linkLocalSession(saver.id, useServerSession.getState().link);
        await this.refreshList();
      }
    }, (saveState) => {
      this.set({ saveState });
      if (saveState.kind === 'saved') void this.refreshList();
    });
    const unsubscribe = transport.session.subscribe(() => autosave.changed());
    return { transport, sources, saver, autosave, unsubscribe };
  }
}
