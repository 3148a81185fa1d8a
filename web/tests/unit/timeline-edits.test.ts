// @vitest-environment node
// The timeline's edits (src/main/studio/timeline/timeline-edits.ts) applied by the real session
// library (SessionModel over the build's engine.wasm) to the demo session: each is one batch that
// undo takes back byte for byte; a duplicated track's clips and inserts get fresh ids; typed values
// are read or refused with what to type; the timeline's view follows the document.
import { beforeAll, describe, expect, test } from 'vitest';

import { SessionModel } from '../../src/main/audio/session-model';
import {
  addTrackOps, batch, duplicateTrackOps, moveClipOps, moveTrackOps, parseBarPosition, parseNumerator, parseTempo, removeTrackOps,
  updateTrackOps,
} from '../../src/main/studio/timeline/timeline-edits';
import { timelineView, trackLabel } from '../../src/main/studio/timeline/timeline-view';
import { builtEngineAndDemo } from './built-files';

let engine: WebAssembly.Module;
let demo: Uint8Array;
beforeAll(async () => {
  ({ engine, demo } = await builtEngineAndDemo());
});

const fresh = (model: SessionModel) => (prefix: string) => model.freshId(prefix);
const apply = (model: SessionModel, ops: object[]) => model.apply(JSON.stringify(batch(ops as Record<string, unknown>[])));

describe('timeline edits on the demo session', () => {
  test('the view: tracks with their states and clips, the tempo, signature and loop', () => {
    const view = timelineView(new SessionModel(engine, demo).document);
    expect(view.tracks.map((t) => t.id)).toEqual(['drums', 'bass', 'keys', 'lead', 'space']);
    expect(view.tracks[0].clips[0]).toMatchObject({ id: 'drums-1', kind: 'audio', start: 0, length: 8, label: 'drums.wav', source: { key: 'audio/drums.wav', offset: 0 } });
    expect(view.tracks[3].clips[0]).toMatchObject({ kind: 'midi', label: 'MIDI, 4 notes', source: null });
    expect(view).toMatchObject({ tempo: 120, signature: { numerator: 4, denominator: 4 }, loop: { start: 16, end: 32, enabled: true }, lastBeat: 32 });
    expect(trackLabel({ ...view.tracks[0], mute: true, solo: true, armed: true })).toBe('Drums, audio track, muted, soloed, armed');
    expect(trackLabel(view.tracks[4])).toBe('Space (reverb bus), bus');
  });

  test('add a track; rename, recolour, mute; move it; each undone whole', () => {
    const model = new SessionModel(engine, demo);
    const original = model.sessionText;
    const added = addTrackOps(model.document, 'instrument', fresh(model));
    expect(apply(model, added.ops).ok).toBe(true);
    expect(model.document.tracks.at(-1)).toMatchObject({ id: added.id, name: 'Instrument 2', kind: 'instrument' });
    expect(apply(model, updateTrackOps(added.id, { name: 'Pads', colour: '#3fb8b0', mute: true })).ok).toBe(true);
    expect(apply(model, moveTrackOps(added.id, 0)).ok).toBe(true);
    expect(model.document.tracks[0]).toMatchObject({ id: added.id, name: 'Pads', colour: '#3fb8b0', mute: true });
    for (let i = 0; i < 3; ++i) expect(model.undo().ok).toBe(true);
    expect(model.sessionText).toBe(original);
  });

  test('an instrument track with the synth as its first insert: one batch, one undo takes both back', () => {
    const model = new SessionModel(engine, demo);
    const original = model.sessionText;
    const added = addTrackOps(model.document, 'instrument', fresh(model), undefined, 'studio.wasm.synth');
    expect(added.ops.map((op) => op.op)).toEqual(['track.add', 'insert.add']);
    expect(apply(model, added.ops).ok).toBe(true);
    const track = model.document.tracks.at(-1) as unknown as { id: string; kind: string; inserts: { id: string; plugin: { id: string }; bypass: boolean }[] };
    expect(track).toMatchObject({ id: added.id, kind: 'instrument' });
    expect(track.inserts.map((i) => [i.plugin.id, i.bypass])).toEqual([['studio.wasm.synth', false]]);
    expect(original.includes(`"${track.inserts[0].id}"`)).toBe(false);
    expect(model.undo().ok).toBe(true);
    expect(model.sessionText).toBe(original);
    // An audio track takes no instrument.
    expect(addTrackOps(model.document, 'audio', fresh(model), undefined, 'studio.wasm.synth').ops.map((op) => op.op)).toEqual(['track.add']);
  });

  test('duplicate a track: its clips and inserts under fresh ids, right after it; undo removes the copy', () => {
    const model = new SessionModel(engine, demo);
    const original = model.sessionText;
    const made = duplicateTrackOps(model.document, 'drums', fresh(model))!;
    expect(apply(model, made.ops).ok).toBe(true);
    const [drums, copy] = model.document.tracks as unknown as { id: string; name: string; clips: { id: string; start: number }[]; inserts: { id: string; params: object }[] }[];
    expect(copy.id).toBe(made.id);
    expect(copy.name).toBe('Drums copy');
    expect(copy.clips.map((c) => c.start)).toEqual(drums.clips.map((c) => c.start));
    expect(copy.inserts.map((i) => i.params)).toEqual(drums.inserts.map((i) => i.params));
    const ids = [copy.id, ...copy.clips.map((c) => c.id), ...copy.inserts.map((i) => i.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(original.includes(`"${id}"`)).toBe(false);
    // A second copy gets ids of its own too.
    expect(apply(model, duplicateTrackOps(model.document, 'drums', fresh(model))!.ops).ok).toBe(true);
    expect(model.undo().ok).toBe(true);
    expect(model.undo().ok).toBe(true);
    expect(model.sessionText).toBe(original);
  });

  test('delete a track and undo it: back at its place with its clips', () => {
    const model = new SessionModel(engine, demo);
    const original = model.sessionText;
    expect(apply(model, removeTrackOps('keys')).ok).toBe(true);
    expect(model.document.tracks.map((t) => t.id)).toEqual(['drums', 'bass', 'lead', 'space']);
    expect(model.undo().ok).toBe(true);
    expect(model.sessionText).toBe(original);
  });

  test('a clip moved in time and to another track is one edit; a MIDI clip refused on an audio track', () => {
    const model = new SessionModel(engine, demo);
    const original = model.sessionText;
    expect(apply(model, moveClipOps('keys-1', 2, 'bass')).ok).toBe(true);
    const view = timelineView(model.document);
    expect(view.tracks[1].clips.find((c) => c.id === 'keys-1')).toMatchObject({ start: 2 });
    expect(view.tracks[2].clips.some((c) => c.id === 'keys-1')).toBe(false);
    expect(model.undo().ok).toBe(true);
    expect(model.sessionText).toBe(original);
    const refused = apply(model, moveClipOps('lead-1', 0, 'drums'));
    expect(refused.ok).toBe(false);
    expect(model.sessionText).toBe(original);
  });
});

describe('typed values', () => {
  test('tempo', () => {
    expect(parseTempo('128')).toEqual({ ok: true, value: 128 });
    expect(parseTempo(' 97.5 bpm ')).toEqual({ ok: true, value: 97.5 });
    expect(parseTempo('97,5')).toEqual({ ok: true, value: 97.5 });
    expect(parseTempo('19')).toEqual({ ok: false, error: 'The tempo must be between 20 and 999 bpm.' });
    expect(parseTempo('12x')).toEqual({ ok: false, error: 'Type a tempo in bpm, such as 120.' });
    expect(parseTempo('')).toMatchObject({ ok: false });
  });

  test('beats per bar', () => {
    expect(parseNumerator('7')).toEqual({ ok: true, value: 7 });
    expect(parseNumerator('33')).toMatchObject({ ok: false });
    expect(parseNumerator('3.5')).toMatchObject({ ok: false });
  });

  test('bar positions: a bar, or bar and beat', () => {
    expect(parseBarPosition('5', 4, 1)).toEqual({ ok: true, value: 16 });
    expect(parseBarPosition('5.3', 4, 1)).toEqual({ ok: true, value: 18 });
    expect(parseBarPosition('2:4', 3, 0.5)).toEqual({ ok: true, value: 4.5 }); // 6/8
    expect(parseBarPosition('5.5', 4, 1)).toMatchObject({ ok: false });
    expect(parseBarPosition('0', 4, 1)).toMatchObject({ ok: false });
    expect(parseBarPosition('bar five', 4, 1)).toEqual({ ok: false, error: 'Type a bar, such as 5, or a bar and beat, such as 5.3.' });
  });
});
