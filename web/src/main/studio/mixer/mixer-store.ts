// The mixer's view of the session (zustand): per strip what the mixer shows, derived from the
// session document as the session library writes it, and replaced after every change to the
// session (SessionModel.subscribe: edits, undo, redo, a plugin bypassed by the overload guard or
// the stall watchdog). A strip whose view did not change keeps its object (and an edit that
// changed no strip keeps the whole view), so a memoised strip draws again only when it changed:
// one fader's edit on a 64-track session re-renders one strip, a clip's move none. The store is
// read-only to components: they change the session through Transport.apply, and the store follows.
import { createStore, type StoreApi } from 'zustand/vanilla';

import type { SessionDocument, SessionInsert, SessionModel } from '../../audio/session-model';

export const MASTER_ID = 'master';

export interface InsertView {
  id: string;
  plugin: string; // the plugin's id (its name until the catalog's names reach the mixer)
  bypass: boolean;
}
export interface StripView {
  id: string; // the track's id, or MASTER_ID
  name: string;
  colour: string;
  kind: 'audio' | 'instrument' | 'bus' | 'master';
  volumeDb: number;
  pan: number; // -1 (left)..1 (right); 0 for the master, which has none
  mute: boolean;
  solo: boolean;
  inserts: InsertView[];
}
export interface MixerView {
  tracks: StripView[]; // in session order
  master: StripView;
}

const DEFAULT_COLOUR = '#808080';

function insertViews(inserts: SessionInsert[] | undefined): InsertView[] {
  return (inserts ?? []).map((insert) => ({ id: insert.id, plugin: insert.plugin.id, bypass: insert.bypass ?? false }));
}

function sameInserts(a: InsertView[], b: InsertView[]): boolean {
  return a.length === b.length && a.every((insert, i) => insert.id === b[i].id && insert.plugin === b[i].plugin && insert.bypass === b[i].bypass);
}
function sameStrip(a: StripView, b: StripView): boolean {
  return a.id === b.id && a.name === b.name && a.colour === b.colour && a.kind === b.kind && a.volumeDb === b.volumeDb
    && a.pan === b.pan && a.mute === b.mute && a.solo === b.solo && sameInserts(a.inserts, b.inserts);
}

// `next` with every strip equal to one of `previous` replaced by that one (the same object), and
// `previous` itself when nothing changed.
export function sharedView(previous: MixerView, next: MixerView): MixerView {
  const before = new Map(previous.tracks.map((strip) => [strip.id, strip]));
  const keep = (strip: StripView, old: StripView | undefined) => (old !== undefined && sameStrip(old, strip) ? old : strip);
  const tracks = next.tracks.map((strip) => keep(strip, before.get(strip.id)));
  const master = keep(next.master, previous.master);
  const unchanged = master === previous.master && tracks.length === previous.tracks.length && tracks.every((strip, i) => strip === previous.tracks[i]);
  return unchanged ? previous : { tracks, master };
}

// The defaults are the session format's (docs/session-format.md), for members a document leaves out.
export function mixerView(document: SessionDocument): MixerView {
  return {
    tracks: document.tracks.map((track) => ({
      id: track.id,
      name: track.name || track.id,
      colour: track.colour ?? DEFAULT_COLOUR,
      kind: track.kind === 'instrument' || track.kind === 'bus' ? track.kind : 'audio',
      volumeDb: track.volumeDb ?? 0,
      pan: track.pan ?? 0,
      mute: track.mute ?? false,
      solo: track.solo ?? false,
      inserts: insertViews(track.inserts),
    })),
    master: {
      id: MASTER_ID, name: 'Master', colour: DEFAULT_COLOUR, kind: 'master', volumeDb: document.master.volumeDb ?? 0, pan: 0,
      mute: false, solo: false, inserts: insertViews(document.master.inserts),
    },
  };
}

export type MixerStore = StoreApi<MixerView>;

// A store of `session`'s mixer view as it is now; follow() keeps it up to date.
export function createMixerStore(session: SessionModel): MixerStore {
  return createStore<MixerView>()(() => mixerView(session.document));
}

// Keeps `store` following `session` (from now: it is brought up to date first) until the
// returned function is called.
export function followSession(store: MixerStore, session: SessionModel): () => void {
  const follow = () => store.setState(sharedView(store.getState(), mixerView(session.document)), true);
  follow();
  return session.subscribe(follow);
}
