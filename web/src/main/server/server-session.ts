// The open session's server side: which server session it is a copy of (the link, recorded in
// the local session row too), saving it there (its audio uploaded first), watching for newer
// revisions, and the two ways out of a conflict. A zustand store holds what the UI shows.
//
// Saving: every audio source the session names gets a sha256 (path-only sources are hashed and
// kept in the assets table); each one the server lacks (HEAD /assets/{sha256}) is uploaded from
// the assets table with progress; then POST /sessions (first save) or PUT /sessions/{id} with the
// revision last seen. A 409 (someone saved in between) or an announced newer revision is a
// conflict: nothing is overwritten until the musician chooses to reload the server's version (their
// own version kept as a local copy first) or to save theirs as a new server session.
import { create } from 'zustand';

import { studioDb } from '../storage/studio-db';
import {
  type Role, type ServerSession, ApiError, createSession, getSession, hasAsset, updateSession, uploadAsset, userProfile,
} from './api';
import { useAccount } from './account-store';
import { type Conflict, RevisionWatch, conflictFromError } from './conflict';
import { type ServerLink, documentText, keepLocalCopy, localCopyName, recordServerLink } from './local-copies';
import { watchSessionEvents } from './session-events';
import { fileName, pinSources } from './session-sources';

// What the studio gives the save: the session as it is now and where its sources' bytes are.
export interface StudioSessionAccess {
  sessionText(): string;
  name(): string;
  sourceBytes(key: string): Promise<ArrayBuffer>;
}

export interface SaveProgress {
  step: 'preparing' | 'checking' | 'uploading' | 'saving';
  file?: string;        // the file being uploaded
  done: number;         // files uploaded
  total: number;        // files to upload
  sentBytes: number;
  totalBytes: number;
}

interface ServerSessionState {
  localId: string;
  link: ServerLink | null;
  role: Role | null;
  serverName: string | null;
  progress: SaveProgress | null;
  status: string | null;  // the last outcome, for the live region
  error: string | null;
  conflict: Conflict | null;
}

export const useServerSession = create<ServerSessionState>()(() => ({
  localId: crypto.randomUUID(),
  link: null,
  role: null,
  serverName: null,
  progress: null,
  status: null,
  error: null,
  conflict: null,
}));

const set = (partial: Partial<ServerSessionState>) => useServerSession.setState(partial);
const NOTICE_KEY = 'wasm-studio:server-notice';
let watch: RevisionWatch | null = null;
let stopEvents: (() => void) | null = null;
// Who saved each announced revision (a 409 names only the revision).
const announcedBy = new Map<number, string>();

// The studio opened a session: `localId` is its local row; `server` the server session it is a
// copy of, if any.
export function attachSession(localId: string, server: ServerSession | null): void {
  announcedBy.clear();
  set({
    localId, link: server && { id: server.id, revision: server.revision }, role: server?.role ?? null, serverName: server?.name ?? null,
    progress: null, error: null, conflict: null,
  });
  watch = server && new RevisionWatch({ id: server.id, revision: server.revision });
}

// The studio opened (or first saved) the local session `localId`, linked to the server session
// `link` if it is a copy of one (its role and name are learnt at the next save or open by URL).
export function linkLocalSession(localId: string, link: ServerLink | null): void {
  const state = useServerSession.getState();
  if (state.localId === localId && state.link?.id === link?.id) return;
  if (link === null || state.link?.id !== link.id) {
    attachSession(localId, null);
    if (link !== null) {
      set({ link: { ...link } });
      watch = new RevisionWatch({ ...link });
    }
  } else {
    set({ localId });
  }
}

// Names who saved and when, where that can be found out.
async function detailed(conflict: Conflict): Promise<Conflict> {
  const userId = conflict.byUserId ?? announcedBy.get(conflict.currentRevision);
  const [profile, session] = await Promise.all([
    userId !== undefined ? userProfile(userId) : Promise.resolve(null),
    getSession(conflict.sessionId).catch(() => null),
  ]);
  const mine = userId !== undefined && userId === useAccount.getState().user?.id;
  return {
    ...conflict,
    byUserId: userId,
    byName: profile ? (mine ? `you (${profile.displayName}, in another window)` : profile.displayName) : undefined,
    at: session !== null && session.revision === conflict.currentRevision ? session.updatedAt : undefined,
  };
}

async function showConflict(conflict: Conflict | null): Promise<void> {
  if (conflict === null) return;
  const current = useServerSession.getState().conflict;
  if (current !== null && current.currentRevision >= conflict.currentRevision) return;
  set({ conflict, progress: null, error: null });
  const full = await detailed(conflict);
  if (useServerSession.getState().conflict === conflict) set({ conflict: full });
}

// Listens to the linked session's announcements (the UI calls it while signed in, again when the
// link changes); returns the stop function.
export function watchLinkedSession(): () => void {
  stopEvents?.();
  const link = useServerSession.getState().link;
  if (link === null) return () => {};
  const stop = watchSessionEvents(link.id, {
    opened: () => {
      // Announcements may have been missed before the socket opened: compare the revision now.
      void getSession(link.id).then((session) => {
        if (watch !== null && session.id === watch.current.id) {
          void showConflict(watch.announced({ type: 'revision', sessionId: session.id, revision: session.revision, userId: '' }));
        }
      }, () => {});
    },
    revision: (event) => {
      if (event.userId !== '') announcedBy.set(event.revision, event.userId);
      if (watch !== null) void showConflict(watch.announced(event));
    },
    deleted: () => set({ error: 'This session was deleted on the server. Your copy here is untouched; Save to server makes a new server session of it.', link: null, role: null }),
    ended: (reason) => set({ status: reason }),
  });
  stopEvents = stop;
  return () => {
    stop();
    if (stopEvents === stop) stopEvents = null;
  };
}

// Where the page is: /studio/<server id> once the session is on the server (reload opens it).
function showInAddressBar(id: string): void {
  const path = `/studio/${encodeURIComponent(id)}`;
  if (location.pathname !== path) history.replaceState(history.state, '', path);
}

// Uploads every source the server lacks, with progress.
async function uploadSources(hashes: string[]): Promise<void> {
  const db = studioDb();
  const progress: SaveProgress = { step: 'checking', done: 0, total: 0, sentBytes: 0, totalBytes: 0 };
  set({ progress: { ...progress } });
  const missing: string[] = [];
  for (const sha256 of hashes) if (!(await hasAsset(sha256))) missing.push(sha256);
  const assets = await Promise.all(missing.map(async (sha256) => {
    const asset = await db.assets.get(sha256);
    if (asset === undefined) {
      throw new Error(`An audio file of the session (sha256 ${sha256.slice(0, 12)}…) is neither on the server nor stored in this browser, so it cannot be uploaded. Import the file again, then save.`);
    }
    return asset;
  }));
  progress.step = 'uploading';
  progress.total = assets.length;
  progress.totalBytes = assets.reduce((sum, asset) => sum + asset.size, 0);
  for (const asset of assets) {
    const before = progress.sentBytes;
    set({ progress: { ...progress, file: asset.name } });
    const stored = await uploadAsset(asset.bytes, (sent) => set({ progress: { ...progress, file: asset.name, sentBytes: before + sent } }));
    if (stored.sha256 !== asset.sha256) {
      throw new Error(`The server stored the audio file ${asset.name} under another checksum than this browser's; it was not used. Try saving again.`);
    }
    progress.done += 1;
    progress.sentBytes = before + asset.size;
    await db.assets.update(asset.sha256, { uploaded: [...new Set([...(asset.uploaded ?? []), location.origin])] });
  }
}

const savedAt = () => new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

// Saves the session to the server: to its linked server session, or (the first time, or
// `asCopy`) as a new one. Resolves with true when it was stored. Failures and conflicts land in
// the store (error, conflict); nothing is overwritten silently.
export async function saveToServer(access: StudioSessionAccess, { asCopy = false } = {}): Promise<boolean> {
  const state = useServerSession.getState();
  if (state.progress !== null) return false;  // one save at a time
  if (useAccount.getState().status !== 'signed-in') {
    set({ error: 'Sign in to save this session to the server. It stays in this browser meanwhile.' });
    useAccount.getState().openDialog('sign-in');
    return false;
  }
  const link = asCopy ? null : state.link;
  if (link !== null && state.conflict !== null) return false;  // the musician decides first
  set({ error: null, status: null, progress: { step: 'preparing', done: 0, total: 0, sentBytes: 0, totalBytes: 0 } });
  const db = studioDb();
  const text = access.sessionText();
  watch?.saveStarted();
  let saved: ServerSession | null = null;
  try {
    const document = JSON.parse(text) as Record<string, unknown>;
    await uploadSources(await pinSources(db, document, async (key) => {
      try {
        return await access.sourceBytes(key);
      } catch (error) {
        throw new Error(`The audio file ${fileName(key)} could not be read to upload it (${error instanceof Error ? error.message : String(error)}). Import it again, then save.`);
      }
    }));
    set({ progress: { step: 'saving', done: 0, total: 0, sentBytes: 0, totalBytes: 0 } });
    const name = asCopy ? `${state.serverName ?? access.name()} (copy)` : state.serverName ?? access.name();
    saved = link === null
      ? await createSession(name, document, asCopy ? 'save-copy' : 'save')
      : await updateSession(link.id, link.revision, name, document);
    const newLink = { id: saved.id, revision: saved.revision };
    await recordServerLink(db, state.localId, saved.name, documentText(saved), newLink);
    set({ link: newLink, role: saved.role ?? 'owner', serverName: saved.name, progress: null, conflict: null,
      status: link === null ? `Saved as “${saved.name}” at ${savedAt()}.` : `Saved at ${savedAt()}.` });
    showInAddressBar(saved.id);
    if (link === null) {
      announcedBy.clear();
      watch = new RevisionWatch(newLink);  // the UI's watchLinkedSession follows the new link
    } else {
      void showConflict(watch?.saveEnded(newLink) ?? null);
    }
    return true;
  } catch (error) {
    set({ progress: null });
    const held = watch?.saveEnded() ?? null;
    const conflict = link !== null ? conflictFromError(error, link) : null;
    if (conflict !== null) await showConflict(conflict);
    else {
      set({ error: error instanceof Error ? error.message : String(error) });
      void showConflict(held);
    }
    if (error instanceof ApiError && error.needsSignIn) void useAccount.getState().check();
    return false;
  }
}

// Who wants to know that the open session was renamed on the server from this page (the studio,
// whose copy then takes the new name: its header shows it).
const renameListeners = new Set<(name: string) => void>();
export function onOpenSessionRenamed(listener: (name: string) => void): () => void {
  renameListeners.add(listener);
  return () => renameListeners.delete(listener);
}

// A change this page makes to a server session outside a save (a rename from the sessions list).
// When it is the linked session, the change's announcement is held as a save's is; when the
// change was made on the revision the open copy is based on, the copy follows it (the document
// is the same; its name is the new one), so the studio does not take its own rename for someone
// else's save. `made` reads the stored session from the change's result (null: nothing stored).
export async function changeOnServer<T>(id: string, baseRevision: number, change: () => Promise<T>, made: (result: T) => ServerSession | null): Promise<T> {
  if (useServerSession.getState().link?.id !== id || watch === null) return change();
  const watching = watch;
  watching.saveStarted();
  let result: T;
  try {
    result = await change();
  } catch (error) {
    void showConflict(watching.saveEnded());
    throw error;
  }
  const saved = made(result);
  const { link, localId, serverName } = useServerSession.getState();
  if (saved !== null && link !== null && link.id === id && link.revision === baseRevision) {
    const newLink = { id, revision: saved.revision };
    set({ link: newLink, serverName: saved.name });
    if (saved.name !== serverName) for (const listener of renameListeners) listener(saved.name);
    await studioDb().sessions.update(localId, { server: newLink }).catch(() => 0);  // a row not saved yet learns it at its save
    void showConflict(watching.saveEnded(newLink));
  } else {
    void showConflict(watching.saveEnded());
  }
  return result;
}

// Conflict, choice 1: the server's version replaces this page's, after the musician's version
// is kept as a local copy. The page opens the server's version (a reload of /studio/<id>).
export async function reloadServerVersion(access: StudioSessionAccess): Promise<void> {
  const { link, localId } = useServerSession.getState();
  if (link === null) return;
  const db = studioDb();
  try {
    const name = localCopyName(access.name());
    await keepLocalCopy(db, name, access.sessionText());
    const server = await getSession(link.id);
    await recordServerLink(db, localId, server.name, documentText(server), { id: server.id, revision: server.revision });
    sessionStorage.setItem(NOTICE_KEY, `Reloaded revision ${server.revision} from the server. Your version was kept in this browser as the local session “${name}”.`);
    location.assign(`/studio/${encodeURIComponent(server.id)}`);
  } catch (error) {
    set({ error: `The server's version was not loaded: ${error instanceof Error ? error.message : String(error)} Your version is unchanged here.` });
  }
}

// Conflict, choice 2: the musician's version becomes a new server session; the one in conflict
// keeps the other version.
export async function saveMineAsCopy(access: StudioSessionAccess): Promise<void> {
  const conflicted = useServerSession.getState().conflict;
  if (await saveToServer(access, { asCopy: true }) && conflicted !== null) {
    set({ status: `Your version is now the server session “${useServerSession.getState().serverName}”; the other stays in the one you had open (revision ${conflicted.currentRevision}).` });
  }
}

// Closes the conflict dialog without choosing: the next save meets the conflict again.
export function postponeConflict(): void {
  set({ conflict: null, error: 'Your copy is older than the server\'s: a save will ask again how to go on.' });
}

// The notice that survives the reload of choice 1 (NOTICE_KEY), taken once.
export function takeNotice(): string | null {
  const notice = sessionStorage.getItem(NOTICE_KEY);
  if (notice !== null) sessionStorage.removeItem(NOTICE_KEY);
  return notice;
}
