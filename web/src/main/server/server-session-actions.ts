// What the sessions list does to a server session besides opening, downloading and deleting it:
// rename it and duplicate it, as local sessions can be.
//
// Rename: PUT /sessions/{id} needs the document with the name (the API replaces both), so the
// document is read first and sent back unchanged with the new name, based on the revision the
// list showed. If the session changed since (the read finds a newer revision, or the PUT is
// answered 409), nothing is written: the outcome says which revision is there now, and the
// musician may rename that one. Editors and owners may rename (docs/api/openapi.yaml); viewers
// may not.
// Duplicate: the document read and created as a new session of the caller's, "<name> (copy)"; its
// audio is on the server already (named by sha256), so nothing is uploaded.
import { type Role, type ServerSession, ApiError, createSession, getSession, updateSession } from './api';

// The server keeps names of at most this many UTF-8 bytes (server/src/api/routes_sessions.cpp).
export const MAX_NAME_BYTES = 256;

export type RenameOutcome =
  | { kind: 'renamed'; session: ServerSession }
  | { kind: 'conflict'; currentRevision: number };

// Why `role` may not rename a session, or null when it may.
export function renameRefusal(role: Role): string | null {
  return role === 'viewer' ? 'Shared with you to view: only its owner and its editors may rename it.' : null;
}

// `name` cut to what the server keeps (whole characters), then trimmed.
function fitName(name: string, room = MAX_NAME_BYTES): string {
  const encoder = new TextEncoder();
  let bytes = 0;
  let kept = '';
  for (const character of name) {
    bytes += encoder.encode(character).length;
    if (bytes > room) break;
    kept += character;
  }
  return kept.trim();
}

// "<name> (copy)", the name shortened to leave room for the suffix.
export function copyName(name: string): string {
  const suffix = ' (copy)';
  return `${fitName(name, MAX_NAME_BYTES - suffix.length)}${suffix}`;
}

// The name a musician typed, as the server will keep it; an error saying what to type when it is
// empty or too long.
export function checkedName(typed: string): string {
  const name = typed.trim();
  if (name === '') throw new Error('Type a name: it may not be empty.');
  if (new TextEncoder().encode(name).length > MAX_NAME_BYTES) throw new Error(`The name is too long: at most ${MAX_NAME_BYTES} bytes (about ${MAX_NAME_BYTES} letters).`);
  return name;
}

// Renames the server session `id` at `baseRevision` (the revision the musician saw). Throws an
// ApiError for any refusal but a conflict, which is an outcome.
export async function renameServerSession(id: string, baseRevision: number, typed: string): Promise<RenameOutcome> {
  const name = checkedName(typed);
  const current = await getSession(id, 'rename');
  if (current.revision !== baseRevision) return { kind: 'conflict', currentRevision: current.revision };
  try {
    return { kind: 'renamed', session: await updateSession(id, baseRevision, name, current.document, 'rename') };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'revision_conflict') {
      return { kind: 'conflict', currentRevision: error.currentRevision ?? baseRevision + 1 };
    }
    throw error;
  }
}

// A new server session of the caller's with the document of `id` (its newest revision), named
// "<name> (copy)".
export async function duplicateServerSession(id: string): Promise<ServerSession> {
  const original = await getSession(id, 'duplicate');
  return createSession(copyName(original.name), original.document, 'duplicate');
}
