// Renaming and duplicating a server session from the sessions list
// (src/main/server/server-session-actions.ts), over a fetch that answers as the server does
// (docs/api/openapi.yaml): a rename sends the document it read back unchanged with the new name,
// based on the revision the list showed; a session changed since (found when reading it, or a
// 409 to the PUT) is a conflict and nothing is written; a duplicate is a POST of the newest
// document as "<name> (copy)"; names are checked and cut as the server keeps them. The real
// server's answers are exercised in tests/browser/server.browser.test.mjs.
import { afterEach, describe, expect, test, vi } from 'vitest';

import { ApiError, setCsrfToken } from '../../src/main/server/api';
import {
  MAX_NAME_BYTES, checkedName, copyName, duplicateServerSession, renameRefusal, renameServerSession,
} from '../../src/main/server/server-session-actions';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const session = (revision: number, name = 'Song', document: object = { format: 'wasm-studio-session', tempo: 97 }) =>
  ({ id: 's1', ownerId: 'u1', name, public: false, revision, createdAt: 1, updatedAt: 2, role: 'owner', document });

function server(...answers: Response[]) {
  const calls: { url: string; method: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push({ url, method: init.method ?? 'GET', body: init.body === undefined ? undefined : JSON.parse(String(init.body)) });
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected request ${init.method ?? 'GET'} ${url}`);
    return answer;
  }));
  return calls;
}

describe('rename', () => {
  test('sends the document it read, unchanged, with the new name, based on the revision the list showed', async () => {
    const calls = server(json(session(3)), json(session(4, 'Better song')));
    const outcome = await renameServerSession('s1', 3, '  Better song ');
    expect(outcome).toMatchObject({ kind: 'renamed', session: { name: 'Better song', revision: 4 } });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/v1/sessions/s1', 'PUT /api/v1/sessions/s1']);
    expect(calls[1].body).toEqual({ revision: 3, name: 'Better song', document: session(3).document });
  });

  test('a session saved since the list was loaded is a conflict: nothing is written', async () => {
    const calls = server(json(session(5)));
    expect(await renameServerSession('s1', 3, 'Better song')).toEqual({ kind: 'conflict', currentRevision: 5 });
    expect(calls.map((c) => c.method)).toEqual(['GET']);
  });

  test('a save between the read and the write (409) is a conflict too, naming the server\'s revision', async () => {
    server(json(session(3)), json({ error: { code: 'revision_conflict', message: 'the session changed since revision 3 (now 4)', field: 'revision', currentRevision: 4 } }, 409));
    expect(await renameServerSession('s1', 3, 'Better song')).toEqual({ kind: 'conflict', currentRevision: 4 });
  });

  test('other refusals are errors in a musician\'s words; an empty or too long name is refused before asking', async () => {
    server(json(session(3)), json({ error: { code: 'forbidden', message: 'only a session\'s editors and owners may change it' } }, 403));
    const refused = await renameServerSession('s1', 3, 'Mine now').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as Error).message).toBe('The session was not renamed on the server: only its owner and its editors may rename it.');
    const calls = server();
    await expect(renameServerSession('s1', 3, '   ')).rejects.toThrow('Type a name: it may not be empty.');
    await expect(renameServerSession('s1', 3, 'é'.repeat(129))).rejects.toThrow(/too long: at most 256 bytes/);
    expect(calls).toEqual([]);
    expect(checkedName('é'.repeat(128))).toBe('é'.repeat(128));
  });

  test('owners and editors may rename; a viewer is told why not', () => {
    expect(renameRefusal('owner')).toBeNull();
    expect(renameRefusal('editor')).toBeNull();
    expect(renameRefusal('viewer')).toBe('Shared with you to view: only its owner and its editors may rename it.');
  });
});

describe('duplicate', () => {
  test('posts the newest document as a new session named "<name> (copy)"', async () => {
    const calls = server(json(session(7, 'Song', { format: 'wasm-studio-session', tempo: 123 })), json({ ...session(1, 'Song (copy)'), id: 's2' }, 201));
    const copy = await duplicateServerSession('s1');
    expect(copy).toMatchObject({ id: 's2', name: 'Song (copy)' });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/v1/sessions/s1', 'POST /api/v1/sessions']);
    expect(calls[1].body).toEqual({ name: 'Song (copy)', document: { format: 'wasm-studio-session', tempo: 123 } });
  });

  test('a copy\'s name fits the server\'s limit, cut at whole characters', () => {
    const long = copyName('🎹'.repeat(100));
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(long).toBe(`${'🎹'.repeat(62)} (copy)`);
    expect(copyName('Song')).toBe('Song (copy)');
  });
});
