// @vitest-environment node
// A session's audio by content (src/main/server/session-sources.ts): a save gives every source
// named by its path only its sha256 (the bytes kept in the assets table once); opening a server
// session resolves source keys from the assets table, else from the server, whose bytes are
// checked against the sha256 the session names and kept for offline use; a source named by path
// only cannot be found and says what to do.
import 'fake-indexeddb/auto';
import { afterEach, expect, test, vi } from 'vitest';

import { pinSources, serverSourceBytes, sha256Hex, sourceHashes } from '../../src/main/server/session-sources';
import { StudioDb } from '../../src/main/storage/studio-db';

let db: StudioDb;
afterEach(async () => {
  vi.unstubAllGlobals();
  await db.delete();
});

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
const session = () => ({
  tracks: [
    { id: 'a', clips: [{ id: 'c1', source: { path: 'audio/drums.wav' } }, { id: 'c2', source: { path: 'audio/drums.wav' } }] },
    { id: 'b', clips: [{ id: 'c3', source: { path: 'audio/keys.flac', sha256: 'f'.repeat(64) } }, { id: 'm', notes: [] }] },
  ],
});

test('pinning: path-only sources get their sha256, hashed and stored once; sources with one keep it', async () => {
  db = new StudioDb('test-server-sources');
  const document = session();
  const read = vi.fn(async (key: string) => bytes(`bytes of ${key}`));
  const hashes = await pinSources(db, document, read);
  const drums = await sha256Hex(bytes('bytes of audio/drums.wav'));
  expect(read).toHaveBeenCalledTimes(1);
  expect(hashes.sort()).toEqual([drums, 'f'.repeat(64)].sort());
  expect(document.tracks[0].clips.map((c) => c.source)).toEqual([{ path: 'audio/drums.wav', sha256: drums }, { path: 'audio/drums.wav', sha256: drums }]);
  const stored = await db.assets.get(drums);
  expect(stored).toMatchObject({ sha256: drums, name: 'drums.wav', type: 'audio/wav', size: 24 });
  expect(new TextDecoder().decode(await stored!.bytes.arrayBuffer())).toBe('bytes of audio/drums.wav');
  expect(sourceHashes(document).get('audio/keys.flac')).toBe('f'.repeat(64));
});

test('opening: the assets table first, then the server (checked, kept); a wrong body and a path-only source are refused', async () => {
  db = new StudioDb('test-server-sources-2');
  const good = bytes('the keys');
  const goodSha = await sha256Hex(good);
  const localSha = await sha256Hex(bytes('local drums'));
  await db.assets.put({ sha256: localSha, name: 'drums.wav', type: 'audio/wav', size: 11, bytes: new Blob([bytes('local drums')]) });
  const document = { tracks: [{ id: 't', clips: [
    { source: { path: 'audio/drums.wav', sha256: localSha } }, { source: { sha256: goodSha } },
    { source: { path: 'x/liar.wav', sha256: 'e'.repeat(64) } }, { source: { path: 'only/path.wav' } },
  ] }] };
  const requested: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    requested.push(url);
    return new Response(url.endsWith(goodSha) ? good : bytes('not it'), { status: 200, headers: { 'Content-Type': 'audio/flac' } });
  }));
  const resolve = serverSourceBytes(db, document);
  expect(new TextDecoder().decode(await resolve('audio/drums.wav'))).toBe('local drums');
  expect(requested).toEqual([]);
  expect(new TextDecoder().decode(await resolve(goodSha))).toBe('the keys');
  expect(requested).toEqual([`/api/v1/assets/${goodSha}`]);
  expect((await db.assets.get(goodSha))?.type).toBe('audio/flac');
  await expect(resolve('x/liar.wav')).rejects.toThrow('The server sent other bytes than the audio file liar.wav the session names; it was not used.');
  expect(await db.assets.get('e'.repeat(64))).toBeUndefined();
  const absent = 'd'.repeat(64);
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'not_found', message: 'asset not found' } }), { status: 404 })));
  await expect(serverSourceBytes(db, { tracks: [{ clips: [{ source: { path: 'a/gone.wav', sha256: absent } }, { source: { sha256: absent } }] }] })('a/gone.wav'))
    .rejects.toThrow('The audio file gone.wav is not stored in this browser, and the server does not have it or your account may not read it. Sign in as the session\'s owner, or ask them to save it again with its audio.');
  vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
  await expect(serverSourceBytes(db, { tracks: [{ clips: [{ source: { sha256: absent } }] }] })(absent))
    .rejects.toThrow('An audio file of the session (sha256 dddddddddddd…) is not stored in this browser, and the server could not be reached. Check your connection and try again.');
  await expect(resolve('only/path.wav')).rejects.toThrow(/path\.wav is named by its path only.*Import the file again and save\./);
});
