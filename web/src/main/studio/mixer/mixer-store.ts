// The mixer's view of the session (zustand): per strip what the mixer shows, derived from the
// session document as the session library writes it, and replaced after every change to the
// session (SessionModel.subscribe: edits, undo, redo, a plugin bypassed by the overload guard or
// the stall watchdog). The store is read-only to components: they change the session through
// Transport.apply, and the store follows.
import { createStore, type StoreApi } from 'zustand/vanilla';

import type { SessionDocument, SessionInsert, SessionModel, SessionTrack } from '../../audio/session-model';

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

// Each track's strip, by the document's track object: the session model keeps that object's
// identity while the track is unchanged, so its strip view (and the memoised strip) is reused.
const stripViews = new WeakMap<SessionTrack, StripView>();

// The defaults are the session format's (docs/session-format.md), for members a document leaves out.
function stripView(track: SessionTrack): StripView {
  let view = stripViews.get(track);
  if (view === undefined) {
    view = {
      id: track.id,
      name: track.name || track.id,
      colour: track.colour ?? DEFAULT_COLOUR,
      kind: track.kind === 'instrument' || track.kind === 'bus' ? track.kind : 'audio',
      volumeDb: track.volumeDb ?? 0,
      pan: track.pan ?? 0,
      mute: track.mute ?? false,
      solo: track.solo ?? false,
      inserts: insertViews(track.inserts),
    };
    stripViews.set(track, view);
  }
  return view;
}

// The master strip, by the document's master object.
const masterViews = new WeakMap<SessionDocument['master'], StripView>();

function masterView(master: SessionDocument['master']): StripView {
  let view = masterViews.get(master);
  if (view === undefined) {
    view = {
      id: MASTER_ID, name: 'Master', colour: DEFAULT_COLOUR, kind: 'master', volumeDb: master.volumeDb ?? 0, pan: 0,
      mute: false, solo: false, inserts: insertViews(master.inserts),
    };
    masterViews.set(master, view);
  }
  return view;
}

export function mixerView(document: SessionDocument): MixerView {
  return { tracks: document.tracks.map(stripView), master: masterView(document.master) };
}

export type MixerStore = StoreApi<MixerView>;

// A store of `session`'s mixer view as it is now; follow() keeps it up to date.
export function createMixerStore(session: SessionModel): MixerStore {
  return createStore<MixerView>()(() => mixerView(session.document));
}

// Keeps `store` following `session` (from now: it is brought up to date first) until the
// returned function is called.
export function followSession(store: MixerStore, session: SessionModel): () => void {
  store.setState(mixerView(session.document), true);
  return session.subscribe(() => store.setState(mixerView(session.document), true));
}
