// The Forge's preview track as a session (docs/session-format.md) and the edits that change it
// (docs/session-ops.md). Pure: no audio, no page; preview-player.ts sends these through the
// studio's Transport, and tests/unit/forge-preview-swap.test.ts plays them on engine.wasm.
//
// Two tracks play the same source in step, "preview-a" and "preview-b"; one is heard, the other
// is muted. The built plugin sits on the heard one. A rebuilt version is added to the muted one,
// then one edit swaps which is muted: the engine glides every mute change over a linear ramp
// (GraphOptions::controlRampMs, 10 ms), so the old instance fades out while the new one fades in,
// with no step in the output; the old insert is then removed from the track that went silent.
// The master carries the safety limiter (a ceiling of -1 dBFS), which the preview never removes.
import type { ParamDescriptor, PluginDescriptorView } from '../../studio/plugins/param-scale';

export const PREVIEW_TRACKS = ['preview-a', 'preview-b'] as const;
export type PreviewTrack = (typeof PREVIEW_TRACKS)[number];
export const LIMITER_INSERT = 'preview-safety-limiter';
export const LIMITER_PLUGIN = 'studio.wasm.limiter';
export const SYNTH_PLUGIN = 'studio.wasm.synth';
export const CEILING_DB = -1;
const LIMITER_CEILING_PARAM = 1;  // the factory limiter's "ceiling" (plugins/limiter)
export const LOOP_SOURCE_KEY = 'forge-preview/loop.wav';
export const TEMPO = 120;

export const other = (track: PreviewTrack): PreviewTrack => (track === 'preview-a' ? 'preview-b' : 'preview-a');
export const pluginInsertId = (track: PreviewTrack) => `${track}-plugin`;
const synthInsertId = (track: PreviewTrack) => `${track}-synth`;

// What the preview plays: the built-in loop, a file of the user's (its decoded source), or the
// note pattern through an instrument track.
export type PreviewSource =
  | { kind: 'loop'; frames: number; sampleRate: number }
  | { kind: 'file'; key: string; name: string; frames: number; sampleRate: number; channels: number }
  | { kind: 'notes' };

// The plugin on the preview: the session's reference to it (a module of our ABI, or a vAIst Forge
// plugin imported as built, which the engine drives by its manifest) and its descriptor.
export interface PreviewPlugin {
  ref: { id: string; format: 'wsp' | 'vaist'; sha256: string };
  descriptor: PluginDescriptorView & { kind?: string };
  instrument: boolean;
}

// What the plugin's insert holds now: the values the session stores and its bypass.
export interface PluginSettings {
  params: Record<string, number>;
  bypass: boolean;
}

// Two bars of 4/4 at TEMPO: the note pattern's length, and the loop's.
export const PATTERN_BEATS = 8;

// The note pattern: a bass line and chords (A minor, F, C, G), the same every time.
export const NOTE_PATTERN = (() => {
  const notes: { pitch: number; velocity: number; start: number; length: number }[] = [];
  const chords = [[57, 60, 64], [53, 57, 60], [48, 52, 55], [55, 59, 62]];
  chords.forEach((chord, bar) => {
    const start = bar * 2;
    for (const pitch of chord) notes.push({ pitch: pitch + 12, velocity: 0.55, start, length: 1.9 });
    notes.push({ pitch: chord[0] - 12, velocity: 0.8, start, length: 0.45 });
    notes.push({ pitch: chord[0] - 12, velocity: 0.6, start: start + 0.75, length: 0.2 });
    notes.push({ pitch: chord[0], velocity: 0.7, start: start + 1.5, length: 0.45 });
  });
  return notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch);
})();

// How long the source plays, in beats (the loop region).
export function sourceBeats(source: PreviewSource): number {
  if (source.kind === 'notes') return PATTERN_BEATS;
  const beats = (source.frames / source.sampleRate) * (TEMPO / 60);
  return Math.max(0.25, Math.round(beats * 1000) / 1000);
}

function insertOf(id: string, plugin: object, settings: PluginSettings) {
  return { id, plugin, params: settings.params, state: '', bypass: settings.bypass };
}

// One preview track: its source, then the plugin (after the factory synth when an effect plays
// the note pattern).
export function previewTrack(track: PreviewTrack, source: PreviewSource, heard: boolean,
  plugin: PreviewPlugin | null, settings: PluginSettings) {
  const inserts: object[] = [];
  if (source.kind === 'notes' && (plugin === null || !plugin.instrument)) {
    inserts.push(insertOf(synthInsertId(track), { id: SYNTH_PLUGIN, format: 'wsp' }, { params: {}, bypass: false }));
  }
  if (plugin !== null) inserts.push(insertOf(pluginInsertId(track), plugin.ref, settings));
  const length = sourceBeats(source);
  const clip = source.kind === 'notes'
    ? { id: `${track}-clip`, start: 0, length, notes: NOTE_PATTERN }
    : {
      id: `${track}-clip`, start: 0, length, offset: 0, gainDb: 0,
      source: source.kind === 'loop'
        ? { path: LOOP_SOURCE_KEY, sampleRate: source.sampleRate, channels: 2, length: source.frames }
        : { path: source.key, sampleRate: source.sampleRate, channels: source.channels, length: source.frames },
    };
  return {
    id: track, name: 'Preview', kind: source.kind === 'notes' ? 'instrument' : 'audio', volumeDb: 0, pan: 0,
    mute: !heard, solo: false, output: 'master', inserts, clips: [clip],
  };
}

const loopOf = (source: PreviewSource, enabled: boolean) => ({ start: 0, end: sourceBeats(source), enabled });

// The preview's session as it opens: the source on both tracks (the first heard), no plugin
// yet, the safety limiter on the master, looping.
export function previewSessionJson(source: PreviewSource, sampleRate: number): string {
  const noPlugin = { params: {}, bypass: false };
  return JSON.stringify({
    format: 'wasm-studio-session', version: 1, name: 'Forge preview', tempo: TEMPO,
    timeSignature: { numerator: 4, denominator: 4 }, sampleRate, nextId: 1,
    tracks: PREVIEW_TRACKS.map((track, i) => previewTrack(track, source, i === 0, null, noPlugin)),
    master: {
      volumeDb: 0,
      inserts: [insertOf(LIMITER_INSERT, { id: LIMITER_PLUGIN, format: 'wsp' }, { params: { [LIMITER_CEILING_PARAM]: CEILING_DB }, bypass: false })],
    },
    loop: loopOf(source, true),
  });
}

const batch = (ops: object[]) => ({ format: 'wasm-studio-ops', version: 1, ops });

// Both tracks again for another source (a kind of track never changes, so they are replaced),
// keeping the plugin and its settings on the heard one.
export function sourceChangeOps(source: PreviewSource, heard: PreviewTrack, plugin: PreviewPlugin | null,
  settings: PluginSettings, looping: boolean) {
  const ops: object[] = PREVIEW_TRACKS.map((id) => ({ op: 'track.remove', id }));
  PREVIEW_TRACKS.forEach((track, index) => ops.push({
    op: 'track.add', index, track: previewTrack(track, source, track === heard, track === heard ? plugin : null, settings),
  }));
  ops.push({ op: 'loop.set', loop: loopOf(source, looping) });
  return batch(ops);
}

// The first plugin: added at the end of the heard track's chain, at its defaults.
export function firstPluginOps(heard: PreviewTrack, plugin: PreviewPlugin) {
  return batch([{ op: 'insert.add', chain: heard, insert: insertOf(pluginInsertId(heard), plugin.ref, { params: {}, bypass: false }) }]);
}

// The values a new version of the plugin starts from: a value the user set (the session stores
// it) is kept for the parameter with the same key in the new version, clamped into its range and,
// for whole-numbered kinds, rounded; every other parameter starts at the new version's default.
export function keptValues(before: PluginDescriptorView, stored: Record<string, number>, after: PluginDescriptorView): Record<string, number> {
  const byKey = new Map<string, ParamDescriptor>(before.params.map((p) => [p.key, p]));
  const kept: Record<string, number> = {};
  for (const param of after.params) {
    const old = byKey.get(param.key);
    const value = old !== undefined ? stored[String(old.id)] : undefined;
    if (value === undefined || !Number.isFinite(value)) continue;
    let next = Math.min(param.max, Math.max(param.min, value));
    if (param.type !== 'float') next = Math.round(next);
    kept[String(param.id)] = next;
  }
  return kept;
}

// A rebuilt version, step 1: on the silent track, after what plays the source there.
export function swapPrepareOps(silent: PreviewTrack, plugin: PreviewPlugin, settings: PluginSettings) {
  return batch([{ op: 'insert.add', chain: silent, insert: insertOf(pluginInsertId(silent), plugin.ref, settings) }]);
}
// Step 2, one edit: the silent track is heard and the heard one silent; the engine ramps both.
export function swapCrossfadeOps(heard: PreviewTrack) {
  return batch([
    { op: 'track.update', id: other(heard), set: { mute: false } },
    { op: 'track.update', id: heard, set: { mute: true } },
  ]);
}
// Step 3, after the ramp: the old version leaves the track that went silent.
export function swapRetireOps(wasHeard: PreviewTrack) {
  return batch([{ op: 'insert.remove', id: pluginInsertId(wasHeard) }]);
}

export const bypassOps = (heard: PreviewTrack, bypass: boolean) => batch([{ op: 'insert.setBypass', insert: pluginInsertId(heard), bypass }]);
export const loopOps = (source: PreviewSource, enabled: boolean) => batch([{ op: 'loop.set', loop: loopOf(source, enabled) }]);
