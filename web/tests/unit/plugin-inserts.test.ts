// Inserts, presets and uploads without a page: where a moved insert goes, its accessible name,
// which faults still stand after a change to the session, the musician's own presets in the
// local database, and the files an upload takes.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';

import type { SessionDocument } from '../../src/main/audio/session-model';
import { StudioDb } from '../../src/main/storage/studio-db';
import { standingFaults } from '../../src/main/studio/mixer/faults';
import { droppedIndex, insertLabel, keyedIndex } from '../../src/main/studio/mixer/insert-order';
import { checkPresetName, deleteOwnPreset, listOwnPresets, renameOwnPreset, saveOwnPreset } from '../../src/main/studio/plugins/own-presets';
import { classifyPicked, refusalText } from '../../src/main/studio/plugins/plugin-upload';
import { ServerError } from '../../src/main/studio/plugins/server-api';

describe('moving inserts', () => {
  test('Alt+Up and Alt+Down move one place, never past the ends', () => {
    expect(keyedIndex(1, 3, 'ArrowUp')).toBe(0);
    expect(keyedIndex(1, 3, 'ArrowDown')).toBe(2);
    expect(keyedIndex(0, 3, 'ArrowUp')).toBeNull();
    expect(keyedIndex(2, 3, 'ArrowDown')).toBeNull();
    expect(keyedIndex(1, 3, 'ArrowLeft')).toBeNull();
  });
  test('dropped onto another insert, it takes that one\'s place', () => {
    expect(droppedIndex(0, 2, 3)).toBe(2);
    expect(droppedIndex(2, 0, 3)).toBe(0);
    expect(droppedIndex(1, 1, 3)).toBeNull();
    expect(droppedIndex(-1, 1, 3)).toBeNull();  // not one of this chain's
  });
  test('its name carries bypass and fault', () => {
    expect(insertLabel('eq', 'Drums', false, undefined)).toBe('eq on Drums: open its window');
    expect(insertLabel('eq', 'Drums', true, { kind: 'trap' })).toBe('eq on Drums, bypassed, failed: trap: open its window');
  });
});

describe('standing faults', () => {
  const doc = (inserts: { id: string; bypass?: boolean }[]): SessionDocument =>
    ({ tracks: [{ id: 'drums', inserts: inserts.map((i) => ({ ...i, plugin: { id: 'p' } })) }], master: {} });
  const fault = (insert: string, kind: string) => ({ track: 'drums', slot: 0, insert, kind, message: '' });

  test('a fault the studio bypassed the plugin for goes when the bypass is undone or the plugin re-enabled', () => {
    const faults = [fault('a', 'over time budget'), fault('b', 'stalled')];
    expect(standingFaults(faults, doc([{ id: 'a', bypass: true }, { id: 'b', bypass: true }]))).toBe(faults);
    expect(standingFaults(faults, doc([{ id: 'a', bypass: false }, { id: 'b', bypass: true }]))).toEqual([faults[1]]);
  });
  test('a trap stays while its insert is there, and goes with it', () => {
    const faults = [fault('a', 'trap')];
    expect(standingFaults(faults, doc([{ id: 'a' }]))).toEqual(faults);
    expect(standingFaults(faults, doc([]))).toEqual([]);
  });
  test('a fault of no insert stays', () => {
    expect(standingFaults([fault('', 'stalled')], doc([]))).toHaveLength(1);
  });
});

describe('own presets in this browser', () => {
  let db: StudioDb;
  afterEach(async () => {
    await db?.delete();
  });
  test('saved, renamed and deleted without an account', async () => {
    db = new StudioDb(`presets-${Math.random()}`);
    const saved = await saveOwnPreset(db, null, 'studio.wasm.eq', '  Vocal air ', { 0: 1.5, 3: 12000 });
    expect(saved.serverProblem).toBe('');
    await saveOwnPreset(db, null, 'studio.wasm.compressor', 'Glue', { 0: -20 });
    expect((await listOwnPresets(db, 'studio.wasm.eq')).map((p) => [p.name, p.params])).toEqual([['Vocal air', { 0: 1.5, 3: 12000 }]]);
    await renameOwnPreset(db, null, saved.preset!.id, 'Air');
    expect((await listOwnPresets(db, 'studio.wasm.eq')).map((p) => p.name)).toEqual(['Air']);
    await deleteOwnPreset(db, null, saved.preset!.id);
    expect(await listOwnPresets(db, 'studio.wasm.eq')).toEqual([]);
    expect(await listOwnPresets(db, 'studio.wasm.compressor')).toHaveLength(1);
  });
  test('a name is needed, and not too long', () => {
    expect(checkPresetName('  ')).toBe('Type a name for the preset.');
    expect(checkPresetName('x'.repeat(129))).toMatch(/at most 128/);
    expect(checkPresetName('Bright')).toBeNull();
  });
});

describe('the files of an upload', () => {
  const file = (name: string) => new File([new Uint8Array([0, 97, 115, 109])], name);
  test('one .wasm is our format; with descriptor.json (and its .js, or without: clean-named) a vAIst Forge build', () => {
    expect(classifyPicked([file('gain.wasm')])).toMatchObject({ ok: true, picked: { format: 'wsp' } });
    expect(classifyPicked([file('vaist-processor.wasm'), file('vaist-processor.js'), file('descriptor.json')])).toMatchObject({ ok: true, picked: { format: 'vaist' } });
    const clean = classifyPicked([file('warm_drive.wasm'), file('descriptor.json')]);
    expect(clean).toMatchObject({ ok: true, picked: { format: 'vaist', glue: null } });
  });
  test('anything else says what to choose', () => {
    expect(classifyPicked([])).toMatchObject({ ok: false, error: expect.stringMatching(/^No file was chosen\. Choose one plugin/) });
    expect(classifyPicked([file('a.wasm'), file('b.wasm')])).toMatchObject({ ok: false });
    expect(classifyPicked([file('a.wasm'), file('a.js')])).toMatchObject({ ok: false, error: expect.stringMatching(/needs its descriptor\.json/) });
    expect(classifyPicked([file('song.mp3')])).toMatchObject({ ok: false });
  });
  test('the server\'s refusal in the musician\'s terms', () => {
    expect(refusalText(new ServerError(401, 'unauthenticated', 'log in'), 'x.wasm')).toMatch(/^Uploading a plugin needs an account: sign in/);
    expect(refusalText(new ServerError(422, 'invalid_plugin', 'wsp_process is missing'), 'x.wasm')).toBe('x.wasm was refused: it did not pass the plugin checks. wsp_process is missing');
  });
});

describe('a conformance refusal, summarised', () => {
  test('the failed checks by name and the first reason', () => {
    const message = "the plugin fails conformance checks: ABI-8 ABI-9 (sample-rates-and-block-sizes: trap: Plugin 'Fixture' trapped: call stack exhausted (recursion too deep) in wsp_process (in the block starting at frame 0 of -6 dBFS noise at 44100 Hz, block 1)); ABI-12 (noise-stress: non-finite output: Plugin 'Fixture' output NaN on channel 1 at frame 127 (ABI-12) (in the block starting at frame 0)); ABI-12 (sine-sweeps: trap: Plugin 'Fixture' trapped). Run `vaist plugin validate` on it for details";
    expect(refusalText(new ServerError(422, 'invalid_plugin', message), 'f.wasm')).toBe(
      'f.wasm was refused: it did not pass the plugin checks. 3 checks failed (sample-rates-and-block-sizes, noise-stress, sine-sweeps); '
      + "sample-rates-and-block-sizes: trap: Plugin 'Fixture' trapped: call stack exhausted (recursion too deep) in wsp_process. Run \"vaist plugin validate\" on it to see each.");
    expect(refusalText(new ServerError(422, 'invalid_plugin', 'wsp_process is missing'), 'f.wasm')).toBe('f.wasm was refused: it did not pass the plugin checks. wsp_process is missing');
  });
});

describe('uploaded plugins when a session opens', () => {
  test('a module is found in this browser first, else on the server; descriptors by plugin id', async () => {
    const { rememberUploaded, uploadedPluginSource, listUploaded } = await import('../../src/main/studio/plugins/uploaded-plugins');
    const db = new StudioDb(`uploaded-${Math.random()}`);
    const made: Blob[] = [];
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => { made.push(blob); return `blob:local-${made.length}`; };  // jsdom has none
    try {
      const descriptor = { id: 'test.fixture.good', name: 'Conformance fixture', params: [] };
      await rememberUploaded(db, { sha256: 'a'.repeat(64), format: 'wsp', descriptor, fileName: 'good.wasm', uploadedAt: 1 }, new Blob([new Uint8Array([0, 97, 115, 109])]));
      expect((await listUploaded(db)).map((p) => p.fileName)).toEqual(['good.wasm']);
      const source = await uploadedPluginSource(db);
      expect(source.pluginUrl({ id: 'test.fixture.good', sha256: 'a'.repeat(64) })).toBe('blob:local-1');
      expect(source.pluginUrl({ id: 'other', sha256: 'b'.repeat(64) })).toBe(`/api/v1/assets/${'b'.repeat(64)}`);
      expect(source.pluginUrl({ id: 'unnamed' })).toBeNull();
      expect(source.descriptors).toEqual({ 'test.fixture.good': descriptor });
      expect(made).toHaveLength(1);
    } finally {
      URL.createObjectURL = createObjectURL;
      await db.delete();
    }
  });
});

describe('own presets from the server', () => {
  test('two windows syncing at once bring each of the user\'s server presets in once, and no one else\'s', async () => {
    const { syncOwnPresets } = await import('../../src/main/studio/plugins/own-presets');
    const db = new StudioDb(`sync-${Math.random()}`);
    const fetchBefore = globalThis.fetch;
    // The server's answer to GET /api/v1/presets/{pluginId} (the real server is in the browser test).
    globalThis.fetch = (async () => new Response(JSON.stringify({ presets: [
      { id: 's1', ownerId: 'me', pluginId: 'studio.wasm.eq', name: 'Mine', params: { 0: 3 } },
      { id: 's2', ownerId: 'someone', pluginId: 'studio.wasm.eq', name: 'Public', params: { 0: 1 } },
    ] }), { status: 200 })) as typeof fetch;
    try {
      const login = { user: { id: 'me', username: 'me' }, csrfToken: 't' };
      await Promise.all([syncOwnPresets(db, login, 'studio.wasm.eq'), syncOwnPresets(db, login, 'studio.wasm.eq')]);
      expect((await listOwnPresets(db, 'studio.wasm.eq')).map((p) => [p.name, p.serverId])).toEqual([['Mine', 's1']]);
    } finally {
      globalThis.fetch = fetchBefore;
      await db.delete();
    }
  });
});
