// The server API client (src/main/server/api.ts): every failure becomes an ApiError whose
// message says what happened and what to do next, by what the studio was doing; writes carry the
// login's CSRF token and reads do not; a write refused for a stale token is retried once with the
// token /auth/me gives now; an unreachable server is said so; /auth/me's 401 means signed out.
import { afterEach, describe, expect, test, vi } from 'vitest';

import {
  ApiError, createSession, currentUser, deleteSession, explain, hasAsset, listSessions, setCsrfToken, signIn, updateSession,
} from '../../src/main/server/api';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const error = (status: number, code: string, message: string, extra: object = {}) =>
  new Response(JSON.stringify({ error: { code, message, ...extra } }), { status, headers: { 'Content-Type': 'application/json' } });
const ok = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

// Answers the requests in order and records them.
function server(...answers: (Response | Error)[]) {
  const calls: { url: string; method: string; headers: Record<string, string>; body?: unknown }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push({ url, method: init.method ?? 'GET', headers: (init.headers ?? {}) as Record<string, string>, body: init.body });
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected request ${url}`);
    if (answer instanceof Error) throw answer;
    return answer;
  }));
  return calls;
}

describe('messages a musician reads', () => {
  test('a wrong password says so and what to check', () => {
    expect(explain('sign-in', 401, { code: 'invalid_credentials', message: 'wrong username or password' }))
      .toBe('Wrong username or password. Check both (passwords are case-sensitive) and try again.');
  });
  test('an expired login on save says to sign in and that the work is kept', () => {
    const text = explain('save', 401, { code: 'login_expired', message: 'your login has expired or was ended; sign in again' });
    expect(text).toMatch(/^The session was not saved to the server: you are not signed in, or your sign-in has expired\. Sign in and try again\./);
    expect(text).toMatch(/Your work is kept in this browser\.$/);
  });
  test('a hidden or missing session on open says to sign in with the account that saved it', () => {
    expect(explain('open', 404, { code: 'not_found', message: 'session abc not found' }))
      .toBe('The session could not be opened from the server: it does not exist, or your account may not open it. If it is yours, sign in with the account that saved it.');
  });
  test('a save refused by role offers the copy', () => {
    expect(explain('save', 403, { code: 'forbidden', message: 'only a session\'s editors and owners may change it' }))
      .toMatch(/you may view this session but not change it\. Save it as a copy of your own instead\./);
  });
  test('a conflict names the server\'s revision', () => {
    expect(explain('save', 409, { code: 'revision_conflict', message: '…', currentRevision: 4 }))
      .toMatch(/^Someone else saved this session on the server after your copy was made \(it is now at revision 4\)\./);
  });
  test('throttled sign-ins say how long to wait', () => {
    expect(explain('sign-in', 429, { code: 'too_many_attempts', message: 'too many failed logins; try again in 12 s' }))
      .toBe('Too many failed sign-ins. Try again in 12 seconds.');
  });
  test('a taken username and a bad field are the server\'s sentence, capitalised, with what to do', () => {
    expect(explain('sign-up', 409, { code: 'username_taken', message: 'the username \'bob\' is taken; choose another', field: 'username' }))
      .toBe('The username \'bob\' is taken; choose another.');
    expect(explain('sign-up', 400, { code: 'invalid_request', message: 'password must be at least 8 bytes', field: 'password' }))
      .toBe('Password must be at least 8 bytes. Correct it and try again.');
  });
  test('a refused audio file names the reason and the fix', () => {
    expect(explain('upload', 422, { code: 'invalid_audio', message: 'the wav file cannot be used: truncated' }))
      .toBe('An audio file could not be uploaded to the server: the server could not use it (the wav file cannot be used: truncated). Replace the file with one that plays, then save again. Your work is kept in this browser.');
  });
  test('server faults and answers that are not the API\'s still say what happened', () => {
    expect(explain('list', 500, null)).toBe('Your server sessions could not be listed: the server had a problem (HTTP 500). Try again in a moment.');
    expect(explain('delete', 418, null)).toBe('The session was not deleted from the server: the server refused (HTTP 418).');
    expect(explain('open', 404, null)).toMatch(/: it does not exist, or your account may not open it\./);
  });
});

describe('requests', () => {
  test('writes carry the CSRF token of the sign-in, reads do not, JSON bodies say so', async () => {
    const calls = server(
      ok({ user: { id: 'u1', username: 'alice', displayName: 'alice' }, csrfToken: 'token-1' }),
      ok({ sessions: [] }),
      ok({ id: 's1', revision: 1 }, 201),
      new Response(null, { status: 204 }),
    );
    await signIn('alice', 'correct horse');
    await listSessions();
    await createSession('Song', { tracks: [] });
    await deleteSession('s1');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/v1/auth/login', 'GET /api/v1/sessions', 'POST /api/v1/sessions', 'DELETE /api/v1/sessions/s1']);
    expect(calls[0].headers['Content-Type']).toBe('application/json');
    expect(calls[1].headers['X-CSRF-Token']).toBeUndefined();
    expect(calls[2].headers['X-CSRF-Token']).toBe('token-1');
    expect(JSON.parse(calls[2].body as string)).toEqual({ name: 'Song', document: { tracks: [] } });
    expect(calls[3].headers['X-CSRF-Token']).toBe('token-1');
  });

  test('a write refused for a stale CSRF token is sent again once with the current one', async () => {
    setCsrfToken('old');
    const calls = server(
      error(403, 'csrf_token_invalid', 'send the csrfToken from /api/v1/auth/me in the X-CSRF-Token header'),
      ok({ user: { id: 'u1' }, csrfToken: 'new' }),
      ok({ id: 's1', revision: 3 }),
    );
    expect((await updateSession('s1', 2, 'Song', {})).revision).toBe(3);
    expect(calls.map((c) => `${c.method} ${c.url} ${c.headers['X-CSRF-Token'] ?? '-'}`))
      .toEqual(['PUT /api/v1/sessions/s1 old', 'GET /api/v1/auth/me -', 'PUT /api/v1/sessions/s1 new']);
  });

  test('a conflict is an ApiError with the current revision', async () => {
    server(error(409, 'revision_conflict', 'the session changed since revision 2 (now 3); fetch it, merge your edits, and retry', { field: 'revision', currentRevision: 3 }));
    const failure = await updateSession('s1', 2, 'Song', {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(409);
    expect((failure as ApiError).code).toBe('revision_conflict');
    expect((failure as ApiError).currentRevision).toBe(3);
  });

  test('an unreachable server is said so, and a page that is not the API\'s answer is not taken for one', async () => {
    server(new TypeError('Failed to fetch'), new Response('<html>bad gateway</html>', { status: 502 }));
    const offline = (await listSessions().catch((e: unknown) => e)) as ApiError;
    expect(offline.status).toBe(0);
    expect(offline.code).toBe('network');
    expect(offline.message).toBe('Your server sessions could not be listed: the server could not be reached. Check your connection and try again.');
    const proxy = (await listSessions().catch((e: unknown) => e)) as ApiError;
    expect(proxy.status).toBe(502);
    expect(proxy.message).toBe('Your server sessions could not be listed: the server had a problem (HTTP 502). Try again in a moment.');
  });

  test('/auth/me: not asked by a browser that never signed in here; 401 is nobody signed in; the token of a cookie login is kept for writes', async () => {
    localStorage.clear();
    const none = server();
    expect(await currentUser()).toBeNull();
    expect(none).toEqual([]);
    server(ok({ user: { id: 'u1', username: 'alice' }, csrfToken: 't' }), error(401, 'login_expired', 'your login has expired or was ended; sign in again'));
    await signIn('alice', 'correct horse');
    expect(await currentUser()).toBeNull();  // ended elsewhere
    expect(await currentUser()).toBeNull();  // and not asked again
    localStorage.setItem('wasm-studio:signed-in', '1');
    const calls = server(ok({ user: { id: 'u2', username: 'bob' }, csrfToken: 'bob-token' }), ok({ id: 's', revision: 1 }, 201));
    expect((await currentUser())?.username).toBe('bob');
    await createSession('x', {});
    expect(calls[1].headers['X-CSRF-Token']).toBe('bob-token');
  });

  test('HEAD of an asset: 200 has it, 404 lacks it, anything else is an error', async () => {
    server(new Response(null, { status: 200 }), new Response(null, { status: 404 }), new Response(null, { status: 401 }));
    const sha = 'a'.repeat(64);
    expect(await hasAsset(sha)).toBe(true);
    expect(await hasAsset(sha)).toBe(false);
    await expect(hasAsset(sha)).rejects.toThrow('An audio file could not be uploaded to the server: you are not signed in, or your sign-in has expired. Sign in and try again. Your work is kept in this browser.');
  });
});
