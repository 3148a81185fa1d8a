// @vitest-environment node
// Structural sharing (src/main/audio/share-unchanged.ts): what did not change keeps its identity,
// what changed is new all the way up to the root, and the result always equals the new document.
import { describe, expect, test } from 'vitest';

import { shareUnchanged } from '../../src/main/audio/share-unchanged';

const session = () => ({
  tempo: 120,
  master: { volumeDb: 0, inserts: [{ id: 'm-eq', plugin: { id: 'eq' } }] },
  tracks: [
    { id: 'a', name: 'Drums', clips: [{ id: 'c1', start: 0 }, { id: 'c2', start: 4 }] },
    { id: 'b', name: 'Bass', clips: [{ id: 'c3', start: 0 }] },
    { id: 'c', name: 'Keys', clips: [] },
  ],
});

describe('shareUnchanged', () => {
  test('an equal document is the previous one, whole', () => {
    const previous = session();
    expect(shareUnchanged(previous, session())).toBe(previous);
  });

  test('one clip moved: its clip, track, tracks array and root are new; everything else is kept', () => {
    const previous = session();
    const next = session();
    next.tracks[0].clips[1].start = 8;
    const shared = shareUnchanged(previous, next);
    expect(shared).toEqual(next);
    expect(shared).not.toBe(previous);
    expect(shared.tracks).not.toBe(previous.tracks);
    expect(shared.tracks[0]).not.toBe(previous.tracks[0]);
    expect(shared.tracks[0].clips[0]).toBe(previous.tracks[0].clips[0]);
    expect(shared.tracks[0].clips[1]).not.toBe(previous.tracks[0].clips[1]);
    expect(shared.tracks[1]).toBe(previous.tracks[1]);
    expect(shared.tracks[2]).toBe(previous.tracks[2]);
    expect(shared.master).toBe(previous.master);
  });

  test('a track moved keeps its identity (matched by id), and so do the others', () => {
    const previous = session();
    const next = session();
    next.tracks = [next.tracks[2], next.tracks[0], next.tracks[1]];
    const shared = shareUnchanged(previous, next);
    expect(shared).toEqual(next);
    expect(shared.tracks[0]).toBe(previous.tracks[2]);
    expect(shared.tracks[1]).toBe(previous.tracks[0]);
    expect(shared.tracks[2]).toBe(previous.tracks[1]);
  });

  test('members added, removed or changed in type are seen', () => {
    const previous = session() as Record<string, unknown>;
    const added = { ...session(), loop: { start: 0, end: 4 } };
    expect(shareUnchanged(previous, added)).toEqual(added);
    const removed = session() as Record<string, unknown>;
    delete removed.tempo;
    const sharedRemoved = shareUnchanged(previous, removed);
    expect(sharedRemoved).toEqual(removed);
    expect('tempo' in sharedRemoved).toBe(false);
    const retyped = { ...session(), tempo: '120' };
    expect(shareUnchanged(previous, retyped as unknown as Record<string, unknown>)).toEqual(retyped);
    const fewer = session();
    fewer.tracks.pop();
    const sharedFewer = shareUnchanged(session(), fewer);
    expect(sharedFewer.tracks).toHaveLength(2);
  });

  test('a track replaced by another with the same id is compared, not assumed equal', () => {
    const previous = session();
    const next = session();
    next.tracks[1] = { id: 'b', name: 'Sub bass', clips: [{ id: 'c3', start: 0 }] };
    const shared = shareUnchanged(previous, next);
    expect(shared.tracks[1].name).toBe('Sub bass');
    expect(shared.tracks[1].clips[0]).toBe(previous.tracks[1].clips[0]);
  });
});
