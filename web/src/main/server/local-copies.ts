// What the server side of the studio keeps in the local database (storage/studio-db.ts): the link
// of a local session to its server copy ({id, revision}), the server's version of a session when
// it is opened or reloaded, and a local copy of the musician's version whenever the server's
// replaces it, so that no version is ever lost. Audio fetched from the server is kept in the
// assets table by sha256, so an opened session also plays offline later.
import type { StoredSession, StudioDb } from '../storage/studio-db';
import type { ServerSession } from './api';

export interface ServerLink {
  id: string;
  revision: number;
}

// The server document as the local session's text.
export const documentText = (session: ServerSession): string => JSON.stringify(session.document);

// Records that the local session `localId` (its name and text now) is the server's session at
// `link`: creates the row if this browser has none yet.
export async function recordServerLink(db: StudioDb, localId: string, name: string, document: string, link: ServerLink): Promise<void> {
  const now = Date.now();
  await db.transaction('rw', db.sessions, async () => {
    const row = await db.sessions.get(localId);
    if (row === undefined) {
      await db.sessions.add({ id: localId, name, document, updatedAt: now, openedAt: now, server: { ...link } });
    } else {
      await db.sessions.update(localId, { name, document, updatedAt: now, server: { ...link } });
    }
  });
}

// A new local session holding `document` (the musician's version), linked to no server session;
// resolves with its id.
export async function keepLocalCopy(db: StudioDb, name: string, document: string): Promise<string> {
  const id = crypto.randomUUID();
  const now = Date.now();
  await db.sessions.add({ id, name, document, updatedAt: now, openedAt: now });
  return id;
}

export const localCopyName = (name: string) => `${name} (my version, ${new Date().toLocaleString()})`;

// Whether two session texts hold the same document: the page writes the session library's
// canonical text, the server's answer is its JSON re-serialised, so the texts may differ in
// member order or number spelling where the documents do not.
export function sameDocument(a: string, b: string): boolean {
  if (a === b) return true;
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
    }
    return value;
  };
  try {
    return JSON.stringify(canonical(JSON.parse(a))) === JSON.stringify(canonical(JSON.parse(b)));
  } catch {
    return false;
  }
}

// The server's version of a session becomes the local session linked to it. If this browser's
// linked session holds another text, that text is first kept as a local copy (named "… (my
// version, <date>)"). Resolves with the linked local session's id and the copy's id, if one was made.
export async function adoptServerVersion(db: StudioDb, session: ServerSession): Promise<{ localId: string; copyId: string | null }> {
  const text = documentText(session);
  const now = Date.now();
  return db.transaction('rw', db.sessions, async () => {
    const linked = await db.sessions.where('server.id').equals(session.id).sortBy('openedAt');
    const row: StoredSession | undefined = linked[linked.length - 1];
    let copyId: string | null = null;
    if (row !== undefined && !sameDocument(row.document, text)) {
      copyId = crypto.randomUUID();
      await db.sessions.add({ id: copyId, name: localCopyName(row.name), document: row.document, updatedAt: row.updatedAt, openedAt: row.openedAt });
    }
    const localId = row?.id ?? crypto.randomUUID();
    await db.sessions.put({ id: localId, name: session.name, document: text, updatedAt: now, openedAt: now, server: { id: session.id, revision: session.revision } });
    return { localId, copyId };
  });
}
