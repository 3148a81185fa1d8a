// Drawing a clip's content on a canvas: an audio clip's waveform from its source's peaks, a MIDI
// clip's notes. The canvas covers part of the clip (`from`..`to`, beats from the clip's start:
// what the view shows of it), at the zoom's pixels per beat and the screen's device pixel ratio.
import { type Peaks, columnPeaks } from '../../../shared/peaks';
import type { TimelineNote } from './timeline-view';

export interface ClipWindow {
  from: number; // beats from the clip's start
  to: number;
  pixelsPerBeat: number;
  ratio: number; // device pixels per CSS pixel
  height: number; // device pixels
}

// A scratch buffer for the columns' min/max, grown as needed (drawing happens on one thread).
let scratch = new Float32Array(0);

export function drawWaveform(context: CanvasRenderingContext2D, peaks: Peaks, window: ClipWindow,
  clip: { offset: number; gainDb: number; tempo: number }, colour: string): void {
  const columns = Math.round((window.to - window.from) * window.pixelsPerBeat * window.ratio);
  if (columns <= 0) return;
  if (scratch.length < 2 * columns) scratch = new Float32Array(2 * columns);
  const secondsPerBeat = 60 / clip.tempo;
  const framesPerColumn = (secondsPerBeat * peaks.sampleRate) / (window.pixelsPerBeat * window.ratio);
  const first = (clip.offset + window.from * secondsPerBeat) * peaks.sampleRate;
  columnPeaks(peaks, first, framesPerColumn, columns, scratch);
  const gain = 10 ** (clip.gainDb / 20);
  const middle = window.height / 2;
  const half = window.height / 2 - 1;
  context.fillStyle = colour;
  for (let c = 0; c < columns; ++c) {
    const low = Math.max(-1, scratch[2 * c] * gain);
    const high = Math.min(1, scratch[2 * c + 1] * gain);
    const top = middle - high * half;
    const bottom = middle - low * half;
    context.fillRect(c, top, 1, Math.max(1, bottom - top));
  }
}

// The notes as bars, pitch upwards, over the clip's range of pitches (at least an octave).
export function drawNotes(context: CanvasRenderingContext2D, notes: readonly TimelineNote[], window: ClipWindow, colour: string): void {
  if (notes.length === 0) return;
  let low = 127;
  let high = 0;
  for (const note of notes) {
    low = Math.min(low, note.pitch);
    high = Math.max(high, note.pitch);
  }
  const span = Math.max(12, high - low + 1);
  const bottomPitch = low - Math.floor((span - (high - low + 1)) / 2);
  const row = window.height / span;
  const scale = window.pixelsPerBeat * window.ratio;
  context.fillStyle = colour;
  for (const note of notes) {
    if (note.start + note.length < window.from || note.start > window.to) continue;
    const x = (note.start - window.from) * scale;
    const y = window.height - (note.pitch - bottomPitch + 1) * row;
    context.fillRect(x, y, Math.max(1, note.length * scale - 1), Math.max(2, row - 1));
  }
}
