// What the timeline shows of the session, derived from the session document as the session
// library writes it (SessionModel.document) and replaced after every change to it: the tempo,
// signature, loop and markers, and per track its header state and its clips. Defaults are the
// session format's (docs/session-format.md) for members a document leaves out.
import type { TimeSignature } from '../../format/time';
import type { SessionDocument } from '../../audio/session-model';

export interface TimelineNote {
  pitch: number;
  start: number; // beats from the clip's start
  length: number;
  velocity: number;
}

export interface TimelineClip {
  id: string;
  kind: 'audio' | 'midi';
  start: number; // beats
  length: number;
  mute: boolean;
  label: string; // the source's file name, or "MIDI, 4 notes"
  source: { key: string; offset: number; gainDb: number } | null; // audio clips: the engine's source key, offset in seconds
  notes: TimelineNote[]; // MIDI clips
}

export type TrackKind = 'audio' | 'instrument' | 'bus';

export interface TimelineTrack {
  id: string;
  name: string;
  colour: string;
  kind: TrackKind;
  mute: boolean;
  solo: boolean;
  armed: boolean;
  inserts: number;
  clips: TimelineClip[];
}

export interface TimelineView {
  tempo: number;
  signature: TimeSignature;
  sampleRate: number;
  loop: { start: number; end: number; enabled: boolean };
  markers: { id: string; time: number; name: string }[];
  tracks: TimelineTrack[];
  lastBeat: number; // where the last clip, marker or the loop ends
}

// The document's members the timeline reads (the session model types only what the mixer needs).
interface ClipJson {
  id: string;
  start: number;
  length: number;
  mute?: boolean;
  source?: { path?: string; sha256?: string };
  offset?: number;
  gainDb?: number;
  notes?: { pitch: number; start: number; length: number; velocity?: number }[];
}
interface TrackJson {
  id: string;
  name?: string;
  colour?: string;
  kind: string;
  mute?: boolean;
  solo?: boolean;
  armed?: boolean;
  inserts?: unknown[];
  clips?: ClipJson[];
}
interface DocumentJson {
  tempo?: number;
  timeSignature?: TimeSignature;
  sampleRate?: number;
  loop?: { start: number; end: number; enabled?: boolean };
  markers?: { id: string; time: number; name?: string }[];
  tracks: TrackJson[];
}

export const DEFAULT_COLOUR = '#808080';

// The engine's key for a clip's source (engine/js/session_render.mjs, sessionNeeds).
export const sourceKey = (source: { path?: string; sha256?: string }): string => source.path ?? source.sha256 ?? '';

function clipView(clip: ClipJson, kind: TrackKind): TimelineClip {
  const midi = kind === 'instrument';
  const notes = (clip.notes ?? []).map((n) => ({ pitch: n.pitch, start: n.start, length: n.length, velocity: n.velocity ?? 0.8 }));
  const path = clip.source?.path ?? '';
  return {
    id: clip.id,
    kind: midi ? 'midi' : 'audio',
    start: clip.start,
    length: clip.length,
    mute: clip.mute === true,
    label: midi ? `MIDI, ${notes.length} ${notes.length === 1 ? 'note' : 'notes'}` : path !== '' ? path.slice(path.lastIndexOf('/') + 1) : 'audio',
    source: !midi && clip.source !== undefined ? { key: sourceKey(clip.source), offset: clip.offset ?? 0, gainDb: clip.gainDb ?? 0 } : null,
    notes,
  };
}

export function trackKind(kind: string): TrackKind {
  return kind === 'instrument' || kind === 'bus' ? kind : 'audio';
}

// Each track's view, by the document's track object: the session model keeps that object's
// identity while the track is unchanged, so its view (and the memoised rows showing it) is reused.
const trackViews = new WeakMap<TrackJson, TimelineTrack>();

function trackView(track: TrackJson): TimelineTrack {
  let view = trackViews.get(track);
  if (view === undefined) {
    const kind = trackKind(track.kind);
    view = {
      id: track.id,
      name: track.name || track.id,
      colour: track.colour ?? DEFAULT_COLOUR,
      kind,
      mute: track.mute ?? false,
      solo: track.solo ?? false,
      armed: track.armed ?? false,
      inserts: track.inserts?.length ?? 0,
      clips: (track.clips ?? []).map((clip) => clipView(clip, kind)),
    };
    trackViews.set(track, view);
  }
  return view;
}

export function timelineView(document: SessionDocument): TimelineView {
  const doc = document as unknown as DocumentJson;
  const tracks = doc.tracks.map(trackView);
  const loop = { start: doc.loop?.start ?? 0, end: doc.loop?.end ?? 16, enabled: doc.loop?.enabled ?? false };
  const markers = (doc.markers ?? []).map((m) => ({ id: m.id, time: m.time, name: m.name ?? '' }));
  let lastBeat = loop.end;
  for (const track of tracks) for (const clip of track.clips) lastBeat = Math.max(lastBeat, clip.start + clip.length);
  for (const marker of markers) lastBeat = Math.max(lastBeat, marker.time);
  return {
    tempo: doc.tempo ?? 120,
    signature: doc.timeSignature ?? { numerator: 4, denominator: 4 },
    sampleRate: doc.sampleRate ?? 48000,
    loop,
    markers,
    tracks,
    lastBeat,
  };
}

// What a screen reader hears for a track: its name, kind and states ("Drums, audio track, muted").
export function trackLabel(track: Pick<TimelineTrack, 'name' | 'kind' | 'mute' | 'solo' | 'armed'>): string {
  const states = [track.mute ? 'muted' : '', track.solo ? 'soloed' : '', track.armed ? 'armed' : ''].filter((s) => s !== '');
  return [`${track.name}, ${track.kind === 'bus' ? 'bus' : `${track.kind} track`}`, ...states].join(', ');
}

// Which tracks a clip of this track may go to: audio clips to audio tracks, MIDI to instrument tracks.
export function acceptsClipsOf(kind: TrackKind): (track: TimelineTrack) => boolean {
  return (track) => kind !== 'bus' && track.kind === kind;
}
