// @vitest-environment node
// Uploaded plugins across browsers (src/main/studio/plugins/server-uploads.ts): the menu lists this
// browser's uploads and the account's on the server once each by sha256; one that is only on the
// server is kept here when inserted, its bytes checked against its sha256 and a vAIst Forge
// plugin's manifest against its module. A project file of a session naming such a plugin holds
// the descriptor and glue the server kept (src/main/server/server-project.ts), or says it lacks
// them.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { readProjectFile } from '../../src/main/project/read-project';
import { writeProjectFile } from '../../src/main/project/write-project';
import { pluginFromBrowserOrServer } from '../../src/main/server/server-project';
import type { PluginDescriptorView } from '../../src/main/studio/plugins/param-scale';
import { type ServerUpload, fetchServerUploads, keepServerUpload, mergeUploads } from '../../src/main/studio/plugins/server-uploads';
import { type UploadedPlugin, listUploaded, rememberUploaded } from '../../src/main/studio/plugins/uploaded-plugins';
import { StudioDb } from '../../src/main/storage/studio-db';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const descriptor = (id: string, name: string) => ({ id, name, params: [] }) as unknown as PluginDescriptorView;
const module = (seed: number) => new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, seed]);

const local = (bytes: Uint8Array, name: string): UploadedPlugin => ({
  sha256: sha(bytes), format: 'wsp', descriptor: descriptor(`user.${name.toLowerCase()}`, name), fileName: `${name}.wasm`, uploadedAt: 1,
});
const onServer = (bytes: Uint8Array, name: string, format: 'wsp' | 'vaist' = 'wsp'): ServerUpload => ({
  sha256: sha(bytes), format, pluginId: `user.${name.toLowerCase()}`, name, descriptor: descriptor(`user.${name.toLowerCase()}`, name),
  size: bytes.length, public: false, uploadedAt: 2,
});

// fetch answering from a table of paths (anything else 404), recording what was asked.
function serve(table: Record<string, () => Response>) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    asked.push(url);
    const answer = table[url];
    return answer ? answer() : new Response(JSON.stringify({ error: { code: 'not_found', message: 'no' } }), { status: 404 });
  }));
  return asked;
}
const json = (body: unknown) => () => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
const bytesOf = (bytes: Uint8Array) => () => new Response(bytes.slice(), { status: 200 });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the menu: this browser\'s uploads and the server\'s', () => {
  it('lists each plugin once by sha256, this browser\'s record first, sorted by name', () => {
    const [a, b, c] = [module(1), module(2), module(3)];
    const merged = mergeUploads([local(b, 'Bravo'), local(a, 'Alpha')], [onServer(c, 'Charlie'), onServer(a, 'Alpha (renamed on server)')]);
    expect(merged.map((p) => [p.descriptor.name, p.here])).toEqual([['Alpha', true], ['Bravo', true], ['Charlie', false]]);
    expect(merged[2]).toMatchObject({ sha256: sha(c), format: 'wsp', fileName: 'Charlie.wasm', uploadedAt: 2 });
    expect(mergeUploads([], [])).toEqual([]);
    expect(mergeUploads([local(a, 'Alpha')], []).map((p) => p.here)).toEqual([true]);
  });

  it('labels versions kept in the Forge by plugin and version, here or only on the server', () => {
    const [a, b] = [module(1), module(2)];
    const kept = (bytes: Uint8Array, version: number) => ({ ...onServer(bytes, 'Echo'), forge: { name: 'Canyon Echo', version } });
    const merged = mergeUploads([local(a, 'Echo')], [kept(a, 1), kept(b, 2)]);
    expect(merged.map((p) => [p.label, p.here])).toEqual([['Canyon Echo v1', true], ['Canyon Echo v2', false]]);
  });

  it('reads every page the server gives; signed out (401) the server says nothing', async () => {
    const [a, b] = [module(1), module(2)];
    const asked = serve({
      '/api/v1/plugins/uploads?limit=200': json({ plugins: [onServer(a, 'Alpha')], next: `5.${sha(a)}` }),
      [`/api/v1/plugins/uploads?limit=200&after=5.${sha(a)}`]: json({ plugins: [onServer(b, 'Bravo')] }),
    });
    expect((await fetchServerUploads())?.map((p) => p.name)).toEqual(['Alpha', 'Bravo']);
    expect(asked).toHaveLength(2);
    serve({ '/api/v1/plugins/uploads?limit=200': () => new Response('{}', { status: 401 }) });
    expect(await fetchServerUploads()).toBeNull();
  });
});

describe('inserting a plugin that is only on the server', () => {
  let db: StudioDb;
  let count = 0;
  beforeEach(() => {
    db = new StudioDb(`server-uploads-test-${(count += 1)}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('keeps its module and a vAIst plugin\'s manifest in this browser', async () => {
    const bytes = module(7);
    const manifest = { format: 'wasm-studio-vaist-manifest', version: 1, sha256: sha(bytes) };
    serve({ [`/api/v1/assets/${sha(bytes)}`]: bytesOf(bytes), [`/api/v1/assets/${sha(bytes)}/manifest`]: json(manifest) });
    const [listed] = mergeUploads([], [onServer(bytes, 'Drive', 'vaist')]);
    const kept = await keepServerUpload(db, listed);
    expect(kept).toMatchObject({ sha256: sha(bytes), format: 'vaist', manifest });
    expect(kept).not.toHaveProperty('here');
    expect(await listUploaded(db)).toEqual([kept]);
    expect(new Uint8Array(await (await db.assets.get(sha(bytes)))!.bytes.arrayBuffer())).toEqual(bytes);
    // Kept now: the merged list has it as this browser's.
    expect(mergeUploads(await listUploaded(db), [onServer(bytes, 'Drive', 'vaist')]).map((p) => p.here)).toEqual([true]);
  });

  it('refuses bytes that are not the module it names, and a manifest of another module; keeps nothing', async () => {
    const bytes = module(8);
    serve({ [`/api/v1/assets/${sha(bytes)}`]: bytesOf(module(9)) });
    const [wrongBytes] = mergeUploads([], [onServer(bytes, 'Drive')]);
    await expect(keepServerUpload(db, wrongBytes)).rejects.toThrow(/whose bytes hash to [0-9a-f]{64}, not/);
    serve({ [`/api/v1/assets/${sha(bytes)}`]: bytesOf(bytes), [`/api/v1/assets/${sha(bytes)}/manifest`]: json({ sha256: sha(module(9)) }) });
    const [wrongManifest] = mergeUploads([], [onServer(bytes, 'Drive', 'vaist')]);
    await expect(keepServerUpload(db, wrongManifest)).rejects.toThrow(/manifest .* describes another module/);
    serve({});
    await expect(keepServerUpload(db, wrongBytes)).rejects.toThrow(/could not be read from the server \(HTTP 404\)/);
    expect(await listUploaded(db)).toEqual([]);
    expect(await db.assets.count()).toBe(0);
  });

  it('a plugin already here is not fetched again', async () => {
    const bytes = module(10);
    await rememberUploaded(db, local(bytes, 'Here'), new Blob([bytes]));
    const asked = serve({});
    const [listed] = mergeUploads(await listUploaded(db), [onServer(bytes, 'Here')]);
    expect(await keepServerUpload(db, listed)).toEqual(local(bytes, 'Here'));
    expect(asked).toEqual([]);
  });
});

describe('a project file of a session naming a vAIst Forge plugin', () => {
  let db: StudioDb;
  beforeEach(() => {
    db = new StudioDb('server-uploads-project');
  });
  afterEach(async () => {
    await db.delete();
  });
  const bytes = module(11);
  const session = JSON.stringify({
    format: 'wasm-studio-session', version: 1,
    tracks: [{ id: 't', kind: 'audio', inserts: [{ id: 'd', plugin: { id: 'vaist.drive', format: 'vaist', sha256: sha(bytes) } }] }],
  });
  const files = { descriptor: { name: 'Drive', parameters: [] }, glue: 'var Module = {};' };

  it('holds the descriptor and glue the server kept with it', async () => {
    serve({ [`/api/v1/assets/${sha(bytes)}`]: bytesOf(bytes), [`/api/v1/assets/${sha(bytes)}/vaist`]: json(files) });
    const written = await writeProjectFile(session, async () => null, { getPlugin: (ref) => pluginFromBrowserOrServer(db, ref) });
    expect(written.problems).toEqual([]);
    const read = await readProjectFile(written.blob);
    expect(read.errors).toEqual([]);
    expect(read.plugins.map((p) => [p.sha256, p.vaist])).toEqual([[sha(bytes), files]]);
  });

  it('says what it lacks when the server has no files for it (an upload from before it kept them)', async () => {
    await db.assets.put({ sha256: sha(bytes), name: 'drive.wasm', type: 'application/wasm', size: bytes.length, bytes: new Blob([bytes]) });
    const asked = serve({});
    const written = await writeProjectFile(session, async () => null, { getPlugin: (ref) => pluginFromBrowserOrServer(db, ref) });
    expect(asked).toEqual([`/api/v1/assets/${sha(bytes)}/vaist`]);  // the module is here
    expect(written.problems).toEqual([expect.stringMatching(/^The vAIst Forge plugin vaist\.drive \([0-9a-f]{64}\) is in the file without its descriptor\.json and glue/)]);
    expect((await readProjectFile(written.blob)).plugins.map((p) => p.vaist)).toEqual([undefined]);
  });
});
