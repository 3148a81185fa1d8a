// Opening a server session (/studio/<id>): its document from GET /sessions/{id}, kept as the local
// session linked to it (the musician's differing local version kept as a local copy first), and
// its audio resolved by sha256 from the assets table or the server (kept there for offline use).
// The studio then opens that local session (sessions/studio-sessions.ts).
import type { StudioDb } from '../storage/studio-db';
import { type ServerSession, getSession } from './api';
import { adoptServerVersion } from './local-copies';

export interface OpenedServerSession {
  session: ServerSession;
  localId: string;
  copyId: string | null;  // the local copy made of a differing local version, if one was
}

// The server session `id`, kept as the local session linked to it. Throws the ApiError of a
// session that cannot be read (its message says why: sign in, not found...).
export async function openServerSession(db: StudioDb, id: string): Promise<OpenedServerSession> {
  const session = await getSession(id);
  const { localId, copyId } = await adoptServerVersion(db, session);
  return { session, localId, copyId };
}

// A session's document as a JSON file the musician can keep (also when it does not open here).
export function documentDownload(session: ServerSession): { href: string; fileName: string } {
  const blob = new Blob([JSON.stringify(session.document, null, 2)], { type: 'application/json' });
  const safe = session.name.replace(/[^\p{L}\p{N} _.-]+/gu, '_').trim() || 'session';
  return { href: URL.createObjectURL(blob), fileName: `${safe}.session.json` };
}
