// When the studio's copy of a server session is stale (src/main/server/conflict.ts), and what the
// local database keeps when the server's version replaces it (src/main/server/local-copies.ts):
// a 409 of a save and an announcement of a newer revision are conflicts; announcements of the
// studio's own saves are not, even when they arrive before the save's answer; the dialog's text
// names the revisions, who and when; the musician's version is kept as a local copy before the
// server's replaces it, and nothing is copied when the two are the same.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';

import { ApiError } from '../../src/main/server/api';
import { RevisionWatch, conflictFromError, conflictFromEvent, describeConflict, parseRevisionEvent } from '../../src/main/server/conflict';
import { adoptServerVersion, recordServerLink } from '../../src/main/server/local-copies';
import { StudioDb } from '../../src/main/storage/studio-db';
import type { ServerSession } from '../../src/main/server/api';

const link = { id: 's1', revision: 2 };
const announced = (revision: number, sessionId = 's1', userId = 'u2') => ({ type: 'revision' as const, sessionId, revision, userId });

describe('conflicts', () => {
  test('a 409 revision_conflict of a save is one, with the server\'s revision; other failures are not', () => {
    const conflict = new ApiError('save', 409, { code: 'revision_conflict', message: '…', currentRevision: 5 });
    expect(conflictFromError(conflict, link)).toEqual({ sessionId: 's1', baseRevision: 2, currentRevision: 5, cause: 'save' });
    expect(conflictFromError(new ApiError('save', 403, { code: 'forbidden', message: '…' }), link)).toBeNull();
    expect(conflictFromError(new Error('offline'), link)).toBeNull();
  });

  test('an announced revision newer than the copy\'s is one; the copy\'s own, older ones and other sessions\' are not', () => {
    expect(conflictFromEvent(announced(3), link)).toEqual({ sessionId: 's1', baseRevision: 2, currentRevision: 3, byUserId: 'u2', cause: 'announced' });
    expect(conflictFromEvent(announced(2), link)).toBeNull();
    expect(conflictFromEvent(announced(1), link)).toBeNull();
    expect(conflictFromEvent(announced(9, 'other'), link)).toBeNull();
  });

  test('the events socket\'s messages: revisions are read, anything else is ignored', () => {
    expect(parseRevisionEvent('{"type":"revision","sessionId":"s1","revision":3,"userId":"u"}')).toEqual(announced(3, 's1', 'u'));
    expect(parseRevisionEvent('{"type":"deleted","sessionId":"s1"}')).toBeNull();
    expect(parseRevisionEvent('{"type":"revision","sessionId":"s1","revision":"3","userId":"u"}')).toBeNull();
    expect(parseRevisionEvent('not json')).toBeNull();
  });

  test('the announcement of the studio\'s own save, arriving before its answer, is not a conflict', () => {
    const watch = new RevisionWatch(link);
    watch.saveStarted();
    expect(watch.announced(announced(3, 's1', 'me'))).toBeNull();  // held
    expect(watch.saveEnded({ id: 's1', revision: 3 })).toBeNull();  // it was this save's
    expect(watch.current).toEqual({ id: 's1', revision: 3 });
    expect(watch.announced(announced(4))?.currentRevision).toBe(4);
  });

  test('someone else\'s save held during a save that failed is a conflict when it ends; the newest one wins', () => {
    const watch = new RevisionWatch(link);
    watch.saveStarted();
    expect(watch.announced(announced(3))).toBeNull();
    expect(watch.announced(announced(4))).toBeNull();
    expect(watch.saveEnded()).toEqual({ sessionId: 's1', baseRevision: 2, currentRevision: 4, byUserId: 'u2', cause: 'announced' });
  });

  test('the dialog says which revisions, who and when', () => {
    const at = new Date(2026, 11, 6, 17, 32).getTime();
    const clock = new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    expect(describeConflict({ sessionId: 's1', baseRevision: 2, currentRevision: 3, byName: 'Bob', at, cause: 'save' }))
      .toBe(`Your save was not made: revision 3 of this session was saved on the server by Bob at ${clock}, after revision 2 that your copy is based on. Nothing was overwritten: choose which version to go on with. Neither is lost.`);
    expect(describeConflict({ sessionId: 's1', baseRevision: 2, currentRevision: 4, cause: 'announced' }))
      .toBe('Revision 4 of this session was just saved on the server; your copy is based on revision 2. Nothing was overwritten: choose which version to go on with. Neither is lost.');
  });
});

describe('local copies', () => {
  let db: StudioDb;
  afterEach(async () => {
    await db.delete();
  });
  const server = (revision: number, document: Record<string, unknown>): ServerSession => ({
    id: 's1', ownerId: 'u1', name: 'Song', public: false, revision, createdAt: 1, updatedAt: 2, role: 'owner', document,
  });

  test('the server\'s version replaces the linked session only after a differing local version is kept as a copy', async () => {
    db = new StudioDb('test-server-copies');
    await recordServerLink(db, 'local-1', 'Song', JSON.stringify({ tempo: 120 }), { id: 's1', revision: 2 });
    const { localId, copyId } = await adoptServerVersion(db, server(3, { tempo: 90 }));
    expect(localId).toBe('local-1');
    expect(copyId).not.toBeNull();
    const linked = await db.sessions.get('local-1');
    expect(linked?.server).toEqual({ id: 's1', revision: 3 });
    expect(JSON.parse(linked!.document)).toEqual({ tempo: 90 });
    const copy = await db.sessions.get(copyId!);
    expect(copy?.server).toBeUndefined();
    expect(JSON.parse(copy!.document)).toEqual({ tempo: 120 });
    expect(copy?.name).toMatch(/^Song \(my version, .+\)$/);
  });

  test('the same version makes no copy; a session never seen here gets a new linked row', async () => {
    db = new StudioDb('test-server-copies-2');
    const first = await adoptServerVersion(db, server(1, { tempo: 100 }));
    expect(first.copyId).toBeNull();
    const again = await adoptServerVersion(db, server(1, { tempo: 100 }));
    expect(again).toEqual({ localId: first.localId, copyId: null });
    expect(await db.sessions.count()).toBe(1);
  });
});
