// The sessions kept in this browser (StudioDb.sessions): list, create, save, open, rename,
// duplicate, delete. Every function takes the database so tests run on their own (fake-indexeddb).
import type { StoredSession, StudioDb } from './studio-db';

export type SessionSummary = Pick<StoredSession, 'id' | 'name' | 'updatedAt' | 'openedAt' | 'server'>;

// What a save writes of a session (the rest is kept).
export interface SessionContent {
  name: string;
  document: string;
  sources?: Record<string, string>;
}

const summary = ({ id, name, updatedAt, openedAt, server }: StoredSession): SessionSummary => ({ id, name, updatedAt, openedAt, server });

// Newest first: the last saved on top.
export async function listSessions(db: StudioDb): Promise<SessionSummary[]> {
  const sessions = await db.sessions.orderBy('updatedAt').reverse().toArray();
  return sessions.map(summary);
}

export async function createSession(db: StudioDb, content: SessionContent, now = Date.now()): Promise<StoredSession> {
  const session: StoredSession = { id: crypto.randomUUID(), ...content, updatedAt: now, openedAt: now };
  await db.sessions.add(session);
  return session;
}

// Writes the session's content; false when it is no longer there (deleted, e.g. in another tab).
export async function saveSession(db: StudioDb, id: string, content: SessionContent, now = Date.now()): Promise<boolean> {
  return (await db.sessions.update(id, { ...content, updatedAt: now })) === 1;
}

export function readSession(db: StudioDb, id: string): Promise<StoredSession | undefined> {
  return db.sessions.get(id);
}

// The session to open on /studio: the one opened last, if any.
export function lastOpenedSession(db: StudioDb): Promise<StoredSession | undefined> {
  return db.sessions.orderBy('openedAt').last();
}

export async function markOpened(db: StudioDb, id: string, now = Date.now()): Promise<void> {
  await db.sessions.update(id, { openedAt: now });
}

// A rename is not an edit of the session (the name is the list's, not the document's).
export async function renameSession(db: StudioDb, id: string, name: string): Promise<void> {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('A session needs a name: type at least one character.');
  if ((await db.sessions.update(id, { name: trimmed })) !== 1) throw new Error('That session is no longer in this browser.');
}

// A copy under a new id, named "<name> (copy)", not linked to the server copy of the original.
export async function duplicateSession(db: StudioDb, id: string, now = Date.now()): Promise<StoredSession> {
  const original = await db.sessions.get(id);
  if (original === undefined) throw new Error('That session is no longer in this browser.');
  const { server: _server, ...content } = original;
  const copy: StoredSession = { ...content, id: crypto.randomUUID(), name: `${original.name} (copy)`, updatedAt: now, openedAt: 0 };
  await db.sessions.add(copy);
  return copy;
}

// The session goes; its audio stays (other sessions may name the same sha256).
export async function deleteSession(db: StudioDb, id: string): Promise<void> {
  await db.sessions.delete(id);
}
