// @vitest-environment node
// The page's session copy runs the session library in engine.wasm (docs/session-ops.md): apply,
// undo and redo give back the same session byte for byte; a refused operation says why, with the
// library's own words and path, and changes nothing; track keys for the control ring are stable
// and never reused. Needs the build's engine.wasm (staged into web/dist by the web_app target).
import { beforeAll, describe, expect, test } from 'vitest';

import { SessionModel } from '../../src/main/audio/session-model';
import { builtEngineAndDemo } from './built-files';

let engine: WebAssembly.Module;
let demo: Uint8Array;

beforeAll(async () => {
  ({ engine, demo } = await builtEngineAndDemo());
});

const batch = (...ops: object[]) => JSON.stringify({ format: 'wasm-studio-ops', version: 1, ops });

describe('SessionModel', () => {
  test('apply, undo and redo give back the same session, byte for byte', () => {
    const model = new SessionModel(engine, demo);
    const original = model.sessionText;
    const firstTrack = model.document.tracks[0].id;
    const applied = model.apply(batch(
      { op: 'tempo.set', bpm: 97 },
      { op: 'track.update', id: firstTrack, set: { volumeDb: -4.5, mute: true } },
      { op: 'marker.add', marker: { id: 'm-test', time: 3, name: 'Drop' } },
    ));
    expect(applied.ok).toBe(true);
    const edited = model.sessionText;
    expect(edited).not.toBe(original);
    expect(model.undo().ok).toBe(true);
    expect(model.sessionText).toBe(original);
    expect(model.redo().ok).toBe(true);
    expect(model.sessionText).toBe(edited);
  });

  test('a refused batch says why and changes nothing, not even its valid first operation', () => {
    const model = new SessionModel(engine, demo);
    const before = model.sessionText;
    const result = model.apply(batch({ op: 'tempo.set', bpm: 90 }, { op: 'track.remove', id: 'no-such-track' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.op).toBe(1);
    expect(result.errors[0].message).toMatch(/no-such-track|no such track/);
    expect(model.sessionText).toBe(before);
    expect(model.undo().ok).toBe(false);  // nothing was applied, so there is nothing to undo
  });

  test('a malformed batch is refused with its path', () => {
    const model = new SessionModel(engine, demo);
    const result = model.apply('{"format":"wasm-studio-ops","version":1,"ops":[{"op":"tempo.set","bpm":"fast"}]}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].path).toMatch(/ops\[0\]/);
  });

  test('an edit keeps the identity of every track it did not touch, so views of them are reused', () => {
    const model = new SessionModel(engine, demo);
    const before = model.document;
    const [first, second] = before.tracks;
    expect(model.apply(batch({ op: 'track.update', id: first.id, set: { volumeDb: -3 } })).ok).toBe(true);
    const after = model.document;
    expect(after).not.toBe(before);
    expect(after.tracks[0]).not.toBe(first);
    expect(after.tracks[0].volumeDb).toBe(-3);
    expect(after.tracks[1]).toBe(second);
    expect(after.master).toBe(before.master);
    expect(after).toEqual(JSON.parse(model.sessionText));
    expect(model.undo().ok).toBe(true);
    expect(model.document.tracks[1]).toBe(second);
    expect(model.document).toEqual(JSON.parse(model.sessionText));
  });

  test('after every kind of edit, undo and redo, the document equals the session text parsed', () => {
    const model = new SessionModel(engine, demo);
    const [drums, bass] = model.document.tracks;
    const clip = (drums as unknown as { clips: { id: string }[] }).clips[0].id;
    const edits = [
      batch({ op: 'clip.move', id: clip, start: 12 }),
      batch({ op: 'track.move', id: bass.id, index: 0 }),
      batch({ op: 'track.add', track: { id: 'added', name: 'Added', kind: 'audio' } }, { op: 'tempo.set', bpm: 101 }),
      batch({ op: 'track.remove', id: drums.id }),
      batch({ op: 'master.setVolume', volumeDb: -2 }, { op: 'loop.set', loop: { start: 2, end: 6, enabled: true } }),
    ];
    const same = () => expect(model.document).toEqual(JSON.parse(model.sessionText));
    for (const edit of edits) {
      expect(model.apply(edit).ok).toBe(true);
      same();
    }
    for (let i = 0; i < edits.length; ++i) {
      expect(model.undo().ok).toBe(true);
      same();
    }
    expect(model.redo().ok).toBe(true);
    same();
  });

  test('track keys stay with their track and are never reused', () => {
    const model = new SessionModel(engine, demo);
    const first = model.document.tracks[0].id;
    const key = model.trackKey(first)!;
    expect(model.apply(batch({ op: 'track.remove', id: first })).ok).toBe(true);
    expect(model.trackKey(first)).toBeUndefined();
    expect(model.undo().ok).toBe(true);
    const back = model.trackKey(first)!;
    expect(back).not.toBe(key);  // an event still in flight for the old key cannot reach it
    expect(new Set(Object.values(model.trackKeys)).size).toBe(model.document.tracks.length);
  });

  test('a session that does not load is refused with the library\'s reason', () => {
    expect(() => new SessionModel(engine, new TextEncoder().encode('{"format":"wasm-studio-session","version":1,"tempo":"fast"}'))).toThrow(/not valid: tempo/);
  });
});
