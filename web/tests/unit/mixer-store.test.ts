// @vitest-environment node
// The mixer's store (src/main/studio/mixer/mixer-store.ts) on the real session library (the
// build's engine.wasm, staged into web/dist by web_app): the demo's strips as the session says,
// and the store following every apply, undo and redo of the session model, until it is let go;
// a strip an edit did not change keeps its object (memoised strips are not drawn again).
import { beforeAll, describe, expect, test } from 'vitest';

import { SessionModel } from '../../src/main/audio/session-model';
import { builtEngineAndDemo } from './built-files';
import { createMixerStore, followSession, mixerView, sharedView } from '../../src/main/studio/mixer/mixer-store';

let engine: WebAssembly.Module;
let demo: Uint8Array;

beforeAll(async () => {
  ({ engine, demo } = await builtEngineAndDemo());
});

const batch = (...ops: object[]) => JSON.stringify({ format: 'wasm-studio-ops', version: 1, ops });

describe('the mixer store', () => {
  test('holds the demo session\'s strips in session order, the master apart', () => {
    const view = mixerView(new SessionModel(engine, demo).document);
    expect(view.tracks.map((t) => t.id)).toEqual(['drums', 'bass', 'keys', 'lead', 'space']);
    expect(view.tracks[2]).toEqual({
      id: 'keys', name: 'Keys', colour: '#6abf69', kind: 'audio', volumeDb: -7, pan: -0.2, mute: false, solo: false,
      inserts: [{ id: 'keys-chorus', plugin: 'studio.wasm.chorus', bypass: false }, { id: 'keys-tremolo', plugin: 'studio.wasm.tremolo', bypass: false }],
    });
    expect(view.tracks[4].kind).toBe('bus');
    expect(view.master).toMatchObject({ id: 'master', name: 'Master', kind: 'master', volumeDb: 0 });
    expect(view.master.inserts.map((i) => i.id)).toEqual(['master-utility', 'master-limiter']);
  });

  test('follows every edit, undo and redo of the session; a refused edit changes nothing; let go, it stops', () => {
    const session = new SessionModel(engine, demo);
    const store = createMixerStore(session);
    const stop = followSession(store, session);
    let notified = 0;
    store.subscribe(() => ++notified);

    expect(session.apply(batch({ op: 'track.update', id: 'drums', set: { volumeDb: -12.5, pan: 0.3, mute: true } })).ok).toBe(true);
    expect(store.getState().tracks[0]).toMatchObject({ volumeDb: -12.5, pan: 0.3, mute: true, solo: false });
    expect(session.apply(batch({ op: 'master.setVolume', volumeDb: -3 }, { op: 'insert.setBypass', insert: 'master-limiter', bypass: true })).ok).toBe(true);
    expect(store.getState().master.volumeDb).toBe(-3);
    expect(store.getState().master.inserts[1]).toEqual({ id: 'master-limiter', plugin: 'studio.wasm.limiter', bypass: true });
    expect(notified).toBe(2);  // one per edit, however many operations it holds

    expect(session.undo().ok).toBe(true);
    expect(store.getState().master).toMatchObject({ volumeDb: 0 });
    expect(store.getState().master.inserts[1].bypass).toBe(false);
    expect(session.undo().ok).toBe(true);
    expect(store.getState().tracks[0]).toMatchObject({ volumeDb: -4, pan: 0, mute: false });
    expect(session.redo().ok).toBe(true);
    expect(store.getState().tracks[0]).toMatchObject({ volumeDb: -12.5, pan: 0.3, mute: true });

    const before = store.getState();
    expect(session.apply(batch({ op: 'track.update', id: 'drums', set: { volumeDb: 40 } })).ok).toBe(false);
    expect(store.getState()).toBe(before);

    stop();
    expect(session.apply(batch({ op: 'track.update', id: 'drums', set: { solo: true } })).ok).toBe(true);
    expect(store.getState().tracks[0].solo).toBe(false);
    expect(followSession(store, session)).toBeTypeOf('function');  // following again brings it up to date at once
    expect(store.getState().tracks[0].solo).toBe(true);
  });

  test('an edit keeps the objects of the strips it did not change, and the whole view when it changed none', () => {
    const session = new SessionModel(engine, demo);
    const store = createMixerStore(session);
    const stop = followSession(store, session);
    const before = store.getState();

    expect(session.apply(batch({ op: 'track.update', id: 'bass', set: { volumeDb: -9 } })).ok).toBe(true);
    const after = store.getState();
    expect(after).not.toBe(before);
    expect(after.tracks[1]).toMatchObject({ id: 'bass', volumeDb: -9 });
    expect(after.tracks.filter((strip, i) => strip === before.tracks[i]).map((s) => s.id)).toEqual(['drums', 'keys', 'lead', 'space']);
    expect(after.master).toBe(before.master);

    // A clip's move is no mixer's business: the view stays the same object, no one is told.
    let notified = 0;
    store.subscribe(() => ++notified);
    const clip = (session.document.tracks[0] as unknown as { clips: { id: string; start: number }[] }).clips[0];  // the mixer's type leaves clips out
    expect(session.apply(batch({ op: 'clip.move', id: clip.id, start: clip.start + 1 })).ok).toBe(true);
    expect(store.getState()).toBe(after);
    expect(notified).toBe(0);

    // An insert bypassed on the master: the master's strip only.
    expect(session.apply(batch({ op: 'insert.setBypass', insert: 'master-limiter', bypass: true })).ok).toBe(true);
    expect(store.getState().master).not.toBe(after.master);
    expect(store.getState().tracks).toEqual(after.tracks);
    expect(store.getState().tracks.every((strip, i) => strip === after.tracks[i])).toBe(true);
    stop();
  });

  test('sharedView: a strip equal field by field is the old object; a new or moved strip order is a new view', () => {
    const view = mixerView(new SessionModel(engine, demo).document);
    const copy = structuredClone(view);
    expect(sharedView(view, copy)).toBe(view);
    const reordered = { ...copy, tracks: [copy.tracks[1], copy.tracks[0], ...copy.tracks.slice(2)] };
    const shared = sharedView(view, reordered);
    expect(shared).not.toBe(view);
    expect(shared.tracks[0]).toBe(view.tracks[1]);
    expect(shared.tracks[1]).toBe(view.tracks[0]);
    const renamed = structuredClone(view);
    renamed.tracks[2].inserts[1].bypass = true;
    expect(sharedView(view, renamed).tracks[2]).toBe(renamed.tracks[2]);
    expect(sharedView(view, renamed).tracks[3]).toBe(view.tracks[3]);
  });
});
