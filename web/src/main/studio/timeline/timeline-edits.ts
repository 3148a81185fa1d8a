// The timeline's edits as session operations (docs/session-ops.md), built from the document as
// it is: pure functions, so what they send is checked in vitest (tests/unit/timeline-edits.test.ts).
// Transport.apply sends them; every one is undone whole.
import type { SessionDocument } from '../../audio/session-model';
import type { TrackKind } from './timeline-view';

export type Op = Record<string, unknown>;

export const batch = (ops: Op[]) => ({ format: 'wasm-studio-ops', version: 1, ops });

// Track colours a musician picks from: twelve hues (studio-design.md), each named, since colour is
// never the only carrier (the names are what a screen reader says).
export const TRACK_PALETTE: readonly { name: string; colour: string }[] = [
  { name: 'Red', colour: '#e05a47' },
  { name: 'Orange', colour: '#e08a3c' },
  { name: 'Amber', colour: '#e0c04a' },
  { name: 'Lime', colour: '#a4c639' },
  { name: 'Green', colour: '#6abf69' },
  { name: 'Teal', colour: '#3fb8b0' },
  { name: 'Cyan', colour: '#4cb6e0' },
  { name: 'Blue', colour: '#3d7fd6' },
  { name: 'Indigo', colour: '#7b7fe0' },
  { name: 'Purple', colour: '#c58be0' },
  { name: 'Pink', colour: '#e07aa8' },
  { name: 'Grey', colour: '#808080' },
];

export function colourName(colour: string): string {
  return TRACK_PALETTE.find((p) => p.colour.toLowerCase() === colour.toLowerCase())?.name ?? colour;
}

// A fresh id from the session (SessionModel.freshId: `prefix-N`, no object has it). Distinct
// prefixes never give the same id, so one batch may create several objects.
export type FreshId = (prefix: string) => string;

// Ids are at most 64 characters (session-format.md, "Ids"); room is left for "-N".
const prefixOf = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 48);

// A new track; an instrument track with `instrument` (a plugin id: the factory synth) as its first
// insert, in the same batch, so that it sounds at once and one undo takes both back.
export function addTrackOps(document: SessionDocument, kind: Exclude<TrackKind, 'bus'>, freshId: FreshId, index?: number,
  instrument?: string): { id: string; ops: Op[] } {
  const id = freshId(kind === 'audio' ? 'audio' : 'instrument');
  const count = document.tracks.filter((t) => t.kind === kind).length + 1;
  const colour = TRACK_PALETTE[document.tracks.length % TRACK_PALETTE.length].colour;
  const track = { id, name: `${kind === 'audio' ? 'Audio' : 'Instrument'} ${count}`, colour, kind };
  const ops: Op[] = [{ op: 'track.add', track, ...(index !== undefined ? { index } : {}) }];
  if (kind === 'instrument' && instrument !== undefined) {
    const insert = freshId(prefixOf(`${id}-${instrument.slice(instrument.lastIndexOf('.') + 1)}`));
    ops.push({ op: 'insert.add', chain: id, insert: { id: insert, plugin: { id: instrument, format: 'wsp' }, params: {}, state: '', bypass: false } });
  }
  return { id, ops };
}

// A copy of a track right after it, with its clips and inserts (everything it holds, unknown
// members included) under fresh ids; named "<name> copy".
export function duplicateTrackOps(document: SessionDocument, trackId: string, freshId: FreshId): { id: string; ops: Op[] } | null {
  const index = document.tracks.findIndex((t) => t.id === trackId);
  if (index < 0) return null;
  const copy = structuredClone(document.tracks[index]) as unknown as Record<string, unknown> & { clips?: { id: string }[]; inserts?: { id: string }[] };
  const id = freshId(prefixOf(trackId));
  copy.id = id;
  copy.name = `${String(copy.name || trackId)} copy`.slice(0, 256);
  copy.clips?.forEach((clip, i) => { clip.id = freshId(prefixOf(`${id}-c${i + 1}`)); });
  copy.inserts?.forEach((insert, i) => { insert.id = freshId(prefixOf(`${id}-i${i + 1}`)); });
  return { id, ops: [{ op: 'track.add', track: copy, index: index + 1 }] };
}

export const removeTrackOps = (trackId: string): Op[] => [{ op: 'track.remove', id: trackId }];
export const moveTrackOps = (trackId: string, index: number): Op[] => [{ op: 'track.move', id: trackId, index }];
export const updateTrackOps = (trackId: string, set: Record<string, unknown>): Op[] => [{ op: 'track.update', id: trackId, set }];

// A clip moved to `start` beats, and to another track when `track` names one.
export function moveClipOps(clipId: string, start: number, track?: string): Op[] {
  return [{ op: 'clip.move', id: clipId, start, ...(track !== undefined ? { track } : {}) }];
}

export const setTempoOps = (bpm: number): Op[] => [{ op: 'tempo.set', bpm }];
export const setSignatureOps = (numerator: number, denominator: number): Op[] => [{ op: 'timeSignature.set', timeSignature: { numerator, denominator } }];
export const setLoopOps = (loop: { start: number; end: number; enabled: boolean }): Op[] => [{ op: 'loop.set', loop }];

// Typed values: what a field accepts, or why not (the session's ranges: session-format.md).
export type Parsed = { ok: true; value: number } | { ok: false; error: string };

export function parseTempo(text: string): Parsed {
  const value = Number.parseFloat(text.trim().replace(/\s*bpm$/i, '').replace(',', '.'));
  if (!Number.isFinite(value) || !/^\s*[0-9.,]+\s*(bpm)?\s*$/i.test(text)) return { ok: false, error: 'Type a tempo in bpm, such as 120.' };
  if (value < 20 || value > 999) return { ok: false, error: 'The tempo must be between 20 and 999 bpm.' };
  return { ok: true, value: Math.round(value * 1000) / 1000 };
}

export const SIGNATURE_DENOMINATORS = [1, 2, 4, 8, 16, 32] as const;

export function parseNumerator(text: string): Parsed {
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < 1 || value > 32) return { ok: false, error: 'Beats per bar must be a whole number from 1 to 32.' };
  return { ok: true, value };
}

// A bar number typed for the loop's ends ("5", or "5.3" for bar 5 beat 3), in beats.
export function parseBarPosition(text: string, quartersPerBar: number, quartersPerBeat: number): Parsed {
  const match = /^\s*(\d+)(?:[.:](\d+))?\s*$/.exec(text);
  if (match === null) return { ok: false, error: 'Type a bar, such as 5, or a bar and beat, such as 5.3.' };
  const bar = Number(match[1]);
  const beat = match[2] === undefined ? 1 : Number(match[2]);
  if (bar < 1 || beat < 1 || beat > Math.round(quartersPerBar / quartersPerBeat)) return { ok: false, error: 'That bar or beat is not in the session.' };
  return { ok: true, value: (bar - 1) * quartersPerBar + (beat - 1) * quartersPerBeat };
}
