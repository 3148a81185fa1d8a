// The timeline's arithmetic, pure functions with no DOM and no React: beats <-> pixels <-> frames,
// the zoom, the snapping grid, the ruler's ticks, hit tests and where a dragged clip lands. The
// components (Timeline.tsx and its parts) only measure and draw; what trim, split, fades,
// automation and MIDI editing will need to compute goes here, where vitest checks it
// (tests/unit/timeline-model.test.ts).
//
// Units (docs/session-format.md, "Time"): positions and lengths are beats (quarter notes);
// seconds = beats x 60 / tempo; frames = seconds x sample rate. A "beat" of the time signature
// (what bars:beats counts) is 4 / denominator quarter notes.
import type { TimeSignature } from '../../format/time';

export interface TimeBase {
  tempo: number; // quarter notes per minute
  sampleRate: number;
  signature: TimeSignature;
}

// ---- time
export const quartersPerBar = (signature: TimeSignature): number => (signature.numerator * 4) / signature.denominator;
export const quartersPerBeat = (signature: TimeSignature): number => 4 / signature.denominator;
export const beatsToSeconds = (beats: number, tempo: number): number => (beats * 60) / tempo;
export const secondsToBeats = (seconds: number, tempo: number): number => (seconds * tempo) / 60;
export const beatsToFrames = (beats: number, base: TimeBase): number => beatsToSeconds(beats, base.tempo) * base.sampleRate;
export const framesToBeats = (frames: number, base: TimeBase): number => secondsToBeats(frames / base.sampleRate, base.tempo);

// A position as a musician names it: bar and beat from 1, and the fraction of the beat left over.
export function barBeat(beats: number, signature: TimeSignature): { bar: number; beat: number; rest: number } {
  const unit = quartersPerBeat(signature);
  const counted = Math.max(0, beats) / unit + 1e-9; // a hair so an exact beat never reads as the one before
  const whole = Math.floor(counted);
  return { bar: Math.floor(whole / signature.numerator) + 1, beat: (whole % signature.numerator) + 1, rest: Math.max(0, counted - whole - 1e-9) };
}

// "bar 3 beat 2", with the sixteenths when the position is between beats ("bar 3 beat 2.5").
export function positionName(beats: number, signature: TimeSignature): string {
  const { bar, beat, rest } = barBeat(beats, signature);
  const fraction = Math.round(rest * 100) / 100;
  return `bar ${bar} beat ${fraction > 0 && fraction < 1 ? String(beat + fraction) : beat}`;
}

// ---- zoom (pixels per beat) and scroll
export const MIN_PIXELS_PER_BEAT = 2;
export const MAX_PIXELS_PER_BEAT = 512;
export const DEFAULT_PIXELS_PER_BEAT = 32;
export const ZOOM_FACTOR = 1.25; // one step of +/-, a button or a wheel notch

export const beatsToPixels = (beats: number, pixelsPerBeat: number): number => beats * pixelsPerBeat;
export const pixelsToBeats = (pixels: number, pixelsPerBeat: number): number => pixels / pixelsPerBeat;

export function clampZoom(pixelsPerBeat: number): number {
  return Math.min(MAX_PIXELS_PER_BEAT, Math.max(MIN_PIXELS_PER_BEAT, pixelsPerBeat));
}

// The zoom `steps` steps in (positive) or out (negative).
export function zoomSteps(pixelsPerBeat: number, steps: number): number {
  return clampZoom(pixelsPerBeat * ZOOM_FACTOR ** steps);
}

// The scroll that keeps the beat under `anchor` (pixels from the view's left edge) where it is
// when the zoom changes from `from` to `to`.
export function scrollKeeping(scrollLeft: number, anchor: number, from: number, to: number): number {
  const beat = (scrollLeft + anchor) / from;
  return Math.max(0, beat * to - anchor);
}

// The beats a view of `width` pixels scrolled to `scrollLeft` shows.
export function visibleBeats(scrollLeft: number, width: number, pixelsPerBeat: number): { from: number; to: number } {
  return { from: scrollLeft / pixelsPerBeat, to: (scrollLeft + width) / pixelsPerBeat };
}

// How far the timeline reaches: past the last clip, the loop and the markers by `extraBars`
// bars, at least `minimumBars`.
export function timelineBeats(lastBeat: number, signature: TimeSignature, extraBars = 8, minimumBars = 16): number {
  const bar = quartersPerBar(signature);
  return Math.max(minimumBars, Math.ceil(lastBeat / bar) + extraBars) * bar;
}

// ---- the grid
// The finest musical step (a fraction or multiple of the signature's beat, or whole bars) at
// least `minPixels` wide at this zoom: what snapping and the arrow keys move by.
export function gridStep(pixelsPerBeat: number, signature: TimeSignature, minPixels = 12): number {
  const beat = quartersPerBeat(signature);
  const bar = quartersPerBar(signature);
  const steps = [beat / 8, beat / 4, beat / 2, beat];
  if (bar > beat) steps.push(bar);
  for (let bars = 2; bars <= 1024; bars *= 2) steps.push(bar * bars);
  return steps.find((step) => step * pixelsPerBeat >= minPixels) ?? steps[steps.length - 1];
}

// `beats` on the grid of `step` (never before 0).
export function snap(beats: number, step: number): number {
  return Math.max(0, Math.round(beats / step) * step);
}

// ---- the ruler
export interface BarTick {
  beats: number;
  bar: number;
  beat: number; // 1 on the bar line
  labelled: boolean; // room for the bar number
}

// The bar and beat lines between `from` and `to` (beats) at this zoom: beats when they are at least
// `minBeatPixels` apart, bars otherwise, thinned to every 2nd, 4th... when even those crowd;
// labels on bars at least `minLabelPixels` apart.
export function barTicks(from: number, to: number, pixelsPerBeat: number, signature: TimeSignature,
  minBeatPixels = 8, minLabelPixels = 40): BarTick[] {
  const bar = quartersPerBar(signature);
  const beat = quartersPerBeat(signature);
  let barEvery = 1;
  while (barEvery * bar * pixelsPerBeat < minBeatPixels) barEvery *= 2;
  let labelEvery = barEvery;
  while (labelEvery * bar * pixelsPerBeat < minLabelPixels) labelEvery *= 2;
  const showBeats = beat * pixelsPerBeat >= minBeatPixels && barEvery === 1;
  const step = showBeats ? beat : bar * barEvery;
  const ticks: BarTick[] = [];
  for (let i = Math.max(0, Math.floor(from / step)); i * step <= to; ++i) {
    const beats = i * step;
    const { bar: barNumber, beat: beatNumber } = barBeat(beats, signature);
    ticks.push({ beats, bar: barNumber, beat: beatNumber, labelled: beatNumber === 1 && (barNumber - 1) % labelEvery === 0 });
  }
  return ticks;
}

export interface TimeTick {
  seconds: number;
  label: string;
}

const TIME_STEPS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];

// "m:ss", with tenths or hundredths when the step needs them.
export function timeLabel(seconds: number, step: number): string {
  const digits = step >= 1 ? 0 : Number.isInteger(Math.round(step * 1000) / 100) ? 1 : 2;
  const rounded = Number(seconds.toFixed(digits));
  const minutes = Math.floor(rounded / 60);
  const rest = rounded - minutes * 60;
  const whole = Math.floor(rest + 1e-9);
  const fraction = digits > 0 ? `.${Math.round((rest - whole) * 10 ** digits).toString().padStart(digits, '0')}` : '';
  return `${minutes}:${String(whole).padStart(2, '0')}${fraction}`;
}

// Labelled time marks between `from` and `to` seconds, at least `minPixels` apart.
export function timeTicks(from: number, to: number, pixelsPerSecond: number, minPixels = 64): TimeTick[] {
  const step = TIME_STEPS.find((s) => s * pixelsPerSecond >= minPixels) ?? TIME_STEPS[TIME_STEPS.length - 1];
  const ticks: TimeTick[] = [];
  for (let i = Math.max(0, Math.floor(from / step)); i * step <= to; ++i) ticks.push({ seconds: i * step, label: timeLabel(i * step, step) });
  return ticks;
}

// ---- hit tests
export interface ClipSpan {
  id: string;
  start: number; // beats
  length: number;
}

// The track index at `y` pixels from the top of the first lane, or -1 outside every lane.
export function laneAt(y: number, laneHeight: number, trackCount: number): number {
  if (y < 0) return -1;
  const index = Math.floor(y / laneHeight);
  return index < trackCount ? index : -1;
}

// The clip of a lane under `beats`: the last one drawn (it is on top) whose span holds it.
export function clipAt<C extends ClipSpan>(clips: readonly C[], beats: number): C | null {
  for (let i = clips.length - 1; i >= 0; --i) {
    const clip = clips[i];
    if (beats >= clip.start && beats < clip.start + clip.length) return clip;
  }
  return null;
}

// The clip under a point of the lanes' area (x, y in pixels from its top left, scroll included).
export function hitTest<C extends ClipSpan>(lanes: readonly (readonly C[])[], x: number, y: number, pixelsPerBeat: number,
  laneHeight: number): { track: number; clip: C | null } | null {
  const track = laneAt(y, laneHeight, lanes.length);
  if (track < 0 || x < 0) return null;
  return { track, clip: clipAt(lanes[track], pixelsToBeats(x, pixelsPerBeat)) };
}

// The clips of a lane that overlap `from..to` beats (what a view draws).
export function clipsIn<C extends ClipSpan>(clips: readonly C[], from: number, to: number): C[] {
  return clips.filter((clip) => clip.start < to && clip.start + clip.length > from);
}

// ---- moving clips
export interface DragLanding {
  start: number;
  track: number; // index
}

// Where a clip that started at `start` on track `track` lands after the pointer moved by
// (dx, dy) pixels: its start snapped to the grid `step` (unless `snapping` is off), never before
// 0; the track moved by whole lanes, kept within `trackCount` and, when `accepts` refuses the
// lane reached (a track of another kind), left where it was.
export function dragLanding(origin: DragLanding, dx: number, dy: number, options: {
  pixelsPerBeat: number; laneHeight: number; step: number; snapping: boolean; trackCount: number; accepts?: (track: number) => boolean;
}): DragLanding {
  const moved = origin.start + pixelsToBeats(dx, options.pixelsPerBeat);
  const start = options.snapping ? snap(moved, options.step) : Math.max(0, moved);
  const reached = Math.min(options.trackCount - 1, Math.max(0, origin.track + Math.round(dy / options.laneHeight)));
  const track = options.accepts === undefined || options.accepts(reached) ? reached : origin.track;
  return { start, track };
}

// A start moved by `steps` grid steps from the keyboard: onto the grid first when it was between
// two lines (so Right from 1.3 on a grid of 1 goes to 2, Left to 1), never before 0.
export function stepMove(start: number, steps: number, step: number): number {
  const onGrid = Math.abs(start / step - Math.round(start / step)) < 1e-9;
  if (onGrid) return Math.max(0, Math.round(start / step + steps) * step);
  const base = steps > 0 ? Math.floor(start / step) : Math.ceil(start / step);
  return Math.max(0, (base + steps) * step);
}

// The nearest track from `from` in `direction` (+1 down, -1 up) that `accepts` takes, or -1.
export function adjacentTrack(from: number, direction: 1 | -1, trackCount: number, accepts: (track: number) => boolean): number {
  for (let track = from + direction; track >= 0 && track < trackCount; track += direction) if (accepts(track)) return track;
  return -1;
}

// ---- the loop region
// The loop a drag on the ruler from `a` to `b` (beats) sets: ends snapped to `step` when snapping,
// ordered; null when it would be empty.
export function loopFromDrag(a: number, b: number, step: number, snapping: boolean): { start: number; end: number } | null {
  const [low, high] = a <= b ? [a, b] : [b, a];
  const start = snapping ? snap(low, step) : Math.max(0, low);
  const end = snapping ? snap(high, step) : Math.max(0, high);
  return end > start ? { start, end } : null;
}

// ---- reordering tracks
// The index a track dragged from `from` by `dy` pixels goes to.
export function reorderIndex(from: number, dy: number, laneHeight: number, trackCount: number): number {
  return Math.min(trackCount - 1, Math.max(0, from + Math.round(dy / laneHeight)));
}
