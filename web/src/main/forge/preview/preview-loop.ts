// The preview's built-in loop: two bars at 120 bpm of drums (kick, snare, hats), a bass line and
// chords, rendered here in code (nothing is downloaded), the same samples every time (a seeded
// noise generator): broadband hits, low end and sustained harmony, so a filter, a drive, a
// compressor, a delay or a modulation effect each has something to act on audibly.
// It peaks at about -7 dBFS (RMS about -24 dBFS), leaving room for an effect that adds level
// before the preview's limiter (-1 dBFS) acts.
import { NOTE_PATTERN, PATTERN_BEATS, TEMPO } from './preview-session';

const midiHz = (pitch: number) => 440 * 2 ** ((pitch - 69) / 12);

// A small linear congruential generator: the loop's noise, identical on every page.
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  };
}

export function renderPreviewLoop(sampleRate: number): [Float32Array, Float32Array] {
  const beat = (60 / TEMPO) * sampleRate;
  const frames = Math.round(PATTERN_BEATS * beat);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const add = (at: number, sample: number, pan = 0) => {
    if (at < 0 || at >= frames) return;
    left[at] += sample * (1 - Math.max(0, pan));
    right[at] += sample * (1 + Math.min(0, pan));
  };

  // Kick on every beat: a sine falling from 150 Hz to 50 Hz under a short decay.
  for (let b = 0; b < PATTERN_BEATS; ++b) {
    const start = Math.round(b * beat);
    let phase = 0;
    for (let i = 0; i < 0.3 * sampleRate; ++i) {
      const t = i / sampleRate;
      phase += (2 * Math.PI * (50 + 100 * Math.exp(-t * 30))) / sampleRate;
      add(start + i, 0.45 * Math.sin(phase) * Math.exp(-t * 9));
    }
  }
  // Snare on beats 2 and 4: noise and a 190 Hz body.
  const snareNoise = noise(7);
  for (const b of [1, 3, 5, 7]) {
    const start = Math.round(b * beat);
    for (let i = 0; i < 0.2 * sampleRate; ++i) {
      const t = i / sampleRate;
      add(start + i, (0.16 * snareNoise() + 0.12 * Math.sin(2 * Math.PI * 190 * t)) * Math.exp(-t * 22));
    }
  }
  // Hats on every eighth: noise, differenced (a first-order high-pass), short, a little right.
  const hatNoise = noise(11);
  for (let e = 0; e < PATTERN_BEATS * 2; ++e) {
    const start = Math.round((e * beat) / 2);
    let previous = 0;
    for (let i = 0; i < 0.05 * sampleRate; ++i) {
      const n = hatNoise();
      add(start + i, 0.09 * (n - previous) * Math.exp((-i / sampleRate) * 70) * (e % 2 === 0 ? 1 : 0.6), 0.3);
      previous = n;
    }
  }
  // Bass and chords from the note pattern: the bass a softened sawtooth, the chords triangles,
  // each note with a short attack and release so nothing clicks.
  for (const note of NOTE_PATTERN) {
    const bass = note.pitch < 48;
    const hz = midiHz(note.pitch);
    const start = Math.round(note.start * beat);
    const length = Math.round(note.length * beat);
    const level = (bass ? 0.2 : 0.045) * note.velocity;
    for (let i = 0; i < length; ++i) {
      const t = i / sampleRate;
      const envelope = Math.min(1, t / 0.005) * Math.min(1, (length - i) / (0.01 * sampleRate)) * (bass ? Math.exp(-t * 2) : 1);
      const cycle = (hz * t) % 1;
      const wave = bass
        ? Math.sin(2 * Math.PI * cycle) + 0.3 * Math.sin(4 * Math.PI * cycle) + 0.15 * Math.sin(6 * Math.PI * cycle)
        : 1 - 4 * Math.abs(cycle - 0.5);
      add(start + i, level * envelope * wave, bass ? 0 : (note.pitch % 3) * 0.2 - 0.2);
    }
  }
  // The parts above sum to peaks near -1 dBFS: taken down 6 dB.
  for (let i = 0; i < frames; ++i) {
    left[i] *= 0.5;
    right[i] *= 0.5;
  }
  return [left, right];
}
