// @vitest-environment node
// The local-first storage on a real Dexie over fake-indexeddb: sessions listed newest first,
// renamed, duplicated, deleted; audio stored once per sha256 and refused when damaged; an open
// session saved as it changes (a burst of edits makes one write, writes never overlap, a failed
// write says what to do and is retried at the next change) and read back exactly, with the
// demo's path-named audio found by sha256.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { sha256Hex } from '../../src/main/audio/module-cache';
import { Autosave, type SaveState } from '../../src/main/storage/autosave';
import { assetBytes, putAsset } from '../../src/main/storage/local-assets';
import {
  createSession, deleteSession, duplicateSession, lastOpenedSession, listSessions, markOpened, readSession, renameSession,
} from '../../src/main/storage/local-sessions';
import { SessionSaver, storedSources } from '../../src/main/storage/session-saver';
import { StudioDb } from '../../src/main/storage/studio-db';

let db: StudioDb;
let dbCount = 0;
beforeEach(() => {
  db = new StudioDb(`test-local-${++dbCount}`);
});
afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

const file = async (text: string, name = 'a.wav') => {
  const bytes = new TextEncoder().encode(text);
  return { sha256: await sha256Hex(bytes.buffer), name, type: 'audio/wav', bytes: new Blob([bytes]) };
};
const text = async (bytes: ArrayBuffer | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));

describe('sessions', () => {
  test('listed newest first; the last opened is the one to restore', async () => {
    const a = await createSession(db, { name: 'A', document: '{"a":1}' }, 1000);
    const b = await createSession(db, { name: 'B', document: '{"b":1}' }, 2000);
    expect((await listSessions(db)).map((s) => s.name)).toEqual(['B', 'A']);
    expect((await lastOpenedSession(db))?.id).toBe(b.id);
    await markOpened(db, a.id, 3000);
    expect((await lastOpenedSession(db))?.id).toBe(a.id);
    expect((await listSessions(db)).map((s) => s.name)).toEqual(['B', 'A']);  // opening is not saving
  });

  test('rename, duplicate and delete', async () => {
    const a = await createSession(db, { name: 'Song', document: '{"x":1}', sources: { 'audio/x.wav': 'f'.repeat(64) } }, 1000);
    await renameSession(db, a.id, '  Better song ');
    expect((await readSession(db, a.id))?.name).toBe('Better song');
    await expect(renameSession(db, a.id, '   ')).rejects.toThrow(/needs a name/);
    await expect(renameSession(db, 'gone', 'X')).rejects.toThrow(/no longer/);

    const copy = await duplicateSession(db, a.id, 2000);
    expect(copy.id).not.toBe(a.id);
    expect(copy).toMatchObject({ name: 'Better song (copy)', document: '{"x":1}', sources: { 'audio/x.wav': 'f'.repeat(64) } });
    expect((await listSessions(db)).map((s) => s.name)).toEqual(['Better song (copy)', 'Better song']);

    await deleteSession(db, a.id);
    expect((await listSessions(db)).map((s) => s.id)).toEqual([copy.id]);
    expect(await readSession(db, a.id)).toBeUndefined();
  });
});

describe('assets', () => {
  test('stored once per sha256, the first name kept; read back checked against the hash', async () => {
    const first = await file('same bytes', 'first.wav');
    expect(await putAsset(db, first)).toBe(true);
    expect(await putAsset(db, { ...(await file('same bytes', 'second.wav')) })).toBe(false);
    expect(await db.assets.count()).toBe(1);
    expect((await db.assets.get(first.sha256))?.name).toBe('first.wav');
    expect(await text(await assetBytes(db, first.sha256))).toBe('same bytes');
    expect(await assetBytes(db, '0'.repeat(64))).toBeUndefined();

    // A record whose bytes are not what its key says is not played.
    await db.assets.update(first.sha256, { bytes: new Blob([new TextEncoder().encode('other bytes')]) });
    await expect(assetBytes(db, first.sha256)).rejects.toThrow(/first\.wav is damaged/);
  });
});

describe('saving an open session', () => {
  test('the demo gets a record at its first save, its audio stored and found again by path', async () => {
    let document = '{"v":1}';
    const drums = await file('drum bytes', 'drums.wav');
    const saver = new SessionSaver(db, () => document, null, 'Demo session');
    saver.addAsset(drums, 'audio/drums.wav');
    await saver.save();
    expect(saver.id).not.toBeNull();
    document = '{"v":2}';
    await saver.save();
    const stored = (await readSession(db, saver.id!))!;
    expect(stored).toMatchObject({ name: 'Demo session', document: '{"v":2}', sources: { 'audio/drums.wav': drums.sha256 } });
    expect(await db.sessions.count()).toBe(1);

    // Restored without the server: the path and a sha256-named source both come from the database.
    const fallback = vi.fn(async (key: string): Promise<ArrayBuffer> => { throw new Error(`fetched ${key}`); });
    const sources = storedSources(db, stored, fallback);
    expect(await text(await sources('audio/drums.wav'))).toBe('drum bytes');
    expect(await text(await sources(drums.sha256))).toBe('drum bytes');
    expect(fallback).not.toHaveBeenCalled();
    // What the database lacks comes from the fallback and is handed on to be stored.
    const fetched: string[] = [];
    const withFallback = storedSources(db, stored, async () => new TextEncoder().encode('from server').buffer, (key) => fetched.push(key));
    expect(await text(await withFallback('audio/keys.flac'))).toBe('from server');
    expect(fetched).toEqual(['audio/keys.flac']);
  });

  test('a session deleted elsewhere while open is saved as a new one, not lost', async () => {
    const saver = new SessionSaver(db, () => '{"kept":true}', null, 'S');
    await saver.save();
    const first = saver.id!;
    await deleteSession(db, first);
    await saver.save();
    expect(saver.id).not.toBe(first);
    expect((await readSession(db, saver.id!))?.document).toBe('{"kept":true}');
  });

  test('autosave: a burst of changes is one write of the latest; a write during a write waits; failure says what to do and is retried', async () => {
    vi.useFakeTimers();
    const states: SaveState['kind'][] = [];
    let lastState = { kind: 'not-saved' } as SaveState;
    const writes: number[] = [];
    let value = 0;
    let fail = false;
    let release: () => void = () => {};
    let gate: Promise<void> = Promise.resolve();
    const saved = new Autosave(async () => {
      const writing = value;  // what the session is when the write starts
      await gate;
      if (fail) throw new Error('QuotaExceededError');
      writes.push(writing);
    }, (state) => { states.push(state.kind); lastState = state; }, 400);

    for (value = 1; value <= 5; ++value) saved.changed();
    value = 5;
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(writes).toEqual([5]);
    expect(lastState.kind).toBe('saved');

    // A change while a write is under way is written after it, not beside it.
    gate = new Promise((resolve) => { release = resolve; });
    value = 6;
    saved.changed();
    await vi.advanceTimersByTimeAsync(400);
    value = 7;
    saved.changed();
    const flushed = saved.flush();
    release();
    await flushed;
    expect(writes).toEqual([5, 6, 7]);

    fail = true;
    saved.changed();
    await saved.flush();
    expect(lastState).toMatchObject({ kind: 'failed' });
    expect((lastState as Extract<SaveState, { kind: 'failed' }>).message).toMatch(/Not saved: QuotaExceededError\. .*free some disk space/);
    fail = false;
    value = 8;
    saved.changed();
    await saved.flush();
    expect(writes).toEqual([5, 6, 7, 8]);
    expect(lastState.kind).toBe('saved');
    expect(states).toContain('saving');
    await saved.close();
  });
});

test('a source neither stored nor fetchable is named, with what to do', async () => {
  const db2 = new StudioDb('test-local-missing');
  const sources = storedSources(db2, { sources: {} }, async () => { throw new Error('HTTP 404'); });
  await expect(sources('f'.repeat(64))).rejects.toThrow(/the audio of source f{64} is not in this browser, and fetching it failed \(HTTP 404\); .*project file/);
  await db2.delete();
});
