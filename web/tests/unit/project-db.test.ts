// @vitest-environment node
// Project files to and from the local database (over fake-indexeddb): a stored session downloads
// whole, also when its document is broken; a project file imports as a new session whose files
// are stored once each by sha256; a refused archive stores nothing.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioDb } from '../../src/main/storage/studio-db';
import { importProjectFile, projectFileFromDb, projectFileName } from '../../src/main/project/project-db';
import { ProjectFileError, readProjectFile } from '../../src/main/project/read-project';
import { forgeZip, manifestJson } from './zip-builder';

const encoder = new TextEncoder();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const wav = (fill: number) => {
  const bytes = new Uint8Array(2048).fill(fill);
  bytes.set(encoder.encode('RIFF'), 0);
  bytes.set(encoder.encode('WAVE'), 8);
  return bytes;
};
const one = wav(1);
const two = wav(2);

const document = (sources: string[]) => `${JSON.stringify({
  format: 'wasm-studio-session',
  version: 1,
  tracks: [{ id: 't', kind: 'audio', clips: sources.map((s, i) => ({ id: `c${i}`, source: { sha256: s }, start: i, length: 1 })) }],
}, null, 2)}\n`;

let db: StudioDb;
let count = 0;
beforeEach(async () => {
  db = new StudioDb(`project-db-test-${(count += 1)}`);
  await db.assets.bulkAdd([one, two].map((bytes, i) => ({
    sha256: sha(bytes), name: `take${i + 1}.wav`, type: 'audio/wav', size: bytes.length, bytes: new Blob([bytes]),
  })));
});
afterEach(async () => {
  await db.delete();
});

const blobBytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe('project files and the local database', () => {
  it('builds a stored session\'s project file from the database', async () => {
    await db.sessions.add({ id: 's1', name: 'Song: take 1/2', document: document([sha(one), sha(two)]), updatedAt: 1, openedAt: 1 });
    const download = await projectFileFromDb(db, 's1');
    expect(download.problems).toEqual([]);
    expect(download.fileName).toBe('Song_ take 1_2.wstudio.zip');
    const read = await readProjectFile(download.blob);
    expect(read.errors).toEqual([]);
    expect(read.name).toBe('Song: take 1/2');
    expect(read.assets.map((a) => a.name).sort()).toEqual(['take1.wav', 'take2.wav']);
  });

  it('builds the file of a session that does not open, with its audio', async () => {
    const broken = document([sha(one), sha(two)]).replace('"tracks"', '"tracks" "oops"');
    await db.sessions.add({ id: 's2', name: 'Broken', document: broken, updatedAt: 1, openedAt: 1 });
    const download = await projectFileFromDb(db, 's2');
    expect(download.problems[0]).toMatch(/not valid JSON/);
    const read = await readProjectFile(download.blob);
    expect(read.session).toBe(broken);
    expect(read.assets).toHaveLength(2);
  });

  it('says which session is missing', async () => {
    await expect(projectFileFromDb(db, 'nope')).rejects.toThrow(/no session nope/);
  });

  it('imports a project file as a new session, storing each file once', async () => {
    await db.sessions.add({ id: 's1', name: 'Song', document: document([sha(one), sha(two)]), updatedAt: 1, openedAt: 1 });
    const { blob } = await projectFileFromDb(db, 's1');

    const fresh = new StudioDb(`project-db-test-fresh-${count}`);
    try {
      const first = await importProjectFile(fresh, blob, 'Song.wstudio.zip');
      expect(first).toMatchObject({ name: 'Song', sessionOk: true, errors: [], assetsAdded: 2 });
      const stored = await fresh.sessions.get(first.sessionId as string);
      const session = JSON.parse(stored!.document);
      expect(session.tracks[0].clips[0].source).toEqual({ sha256: sha(one), path: `audio/${sha(one)}.wav` });
      const asset = await fresh.assets.get(sha(two));
      expect(asset).toMatchObject({ name: 'take2.wav', type: 'audio/wav', size: two.length });
      expect(await blobBytes(asset!.bytes)).toEqual(two);

      const second = await importProjectFile(fresh, blob);
      expect(second.assetsAdded).toBe(0);                      // deduplicated by sha256
      expect(second.sessionId).not.toBe(first.sessionId);      // a new session each time
      expect(await fresh.sessions.count()).toBe(2);
      expect(await fresh.assets.count()).toBe(2);
    } finally {
      await fresh.delete();
    }
  });

  it('imports the audio of a session that does not validate, and says why', async () => {
    const zip = forgeZip([
      { name: 'project.json', data: manifestJson() },
      { name: 'session.json', data: encoder.encode('{"format": "wasm-studio-session", "version": 1, "tracks": [}') },
      { name: `audio/${sha(one)}.wav`, data: one },
    ]);
    await db.assets.clear();
    const imported = await importProjectFile(db, new Blob([zip]), 'x.wstudio.zip');
    expect(imported.sessionOk).toBe(false);
    expect(imported.errors[0]).toMatch(/^session.json: session.json is not valid JSON/);
    expect(imported.name).toBe('Forged');
    expect(await db.assets.count()).toBe(1);
    expect(await db.sessions.count()).toBe(1);
  });

  it('stores nothing from a refused archive', async () => {
    const zip = forgeZip([
      { name: 'project.json', data: manifestJson() },
      { name: `audio/${sha(one)}.wav`, data: one },
      { name: '../../escape', data: one },
    ]);
    await db.assets.clear();
    await expect(importProjectFile(db, new Blob([zip]))).rejects.toBeInstanceOf(ProjectFileError);
    expect(await db.assets.count()).toBe(0);
    expect(await db.sessions.count()).toBe(0);
  });

  it('names files safely', () => {
    expect(projectFileName('..')).toBe('session.wstudio.zip');
    expect(projectFileName('a<b>:c')).toBe('a_b__c.wstudio.zip');
  });
});
