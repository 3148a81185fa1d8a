// What the mixer's sliders mean: the fader's dB and the pan, each as a position (0 at the bottom
// or left, 1 at the top or right), a value text, keyboard steps and a typed value. Pure, so that
// the rules are tested without a page (tests/unit/mixer-scales.test.ts).

export interface SliderKey {
  key: string;
  shiftKey: boolean;
}

// A slider's rules: values are what the session stores.
export interface Scale {
  min: number;
  max: number;
  reset: number; // double-click
  toPosition(value: number): number;
  fromPosition(position: number): number;
  text(value: number): string;
  // The value a key gives from `value`, or null: the key is not the slider's.
  stepKey(value: number, key: SliderKey): number | null;
  // One wheel notch up (+1) or down (-1).
  stepWheel(value: number, direction: 1 | -1, fine: boolean): number;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const round = (value: number, step: number) => Math.round(value / step) * step;

// ---- the fader: -60..+6 dB over most of its travel, and below -60 down to the session's
// silence (-96 dB, shown as -inf) in the bottom 5%.
export const SILENCE_DB = -96; // the session's floor: "-96 is silence" (docs/session-format.md)
export const FADER_FLOOR_DB = -60; // the lowest level the fader's scale shows; below it, -inf
export const FADER_MAX_DB = 6;
const FLOOR_POSITION = 0.05;
export const FADER_STEP_DB = 0.5;
export const FADER_FINE_STEP_DB = 0.1;
export const FADER_PAGE_DB = 6;

export function faderText(db: number): string {
  return db <= SILENCE_DB ? '-inf dB' : `${db.toFixed(1)} dB`;
}

// A step from `db`: from -inf (or a level below the scale) the first step up is -60; a step
// below -60 stops there first, the next is -inf.
function faderStep(db: number, delta: number): number {
  if (db < FADER_FLOOR_DB) return delta > 0 ? FADER_FLOOR_DB : SILENCE_DB; // -inf, or a typed level below the scale
  const next = Number((db + delta).toFixed(1));
  if (next < FADER_FLOOR_DB) return db > FADER_FLOOR_DB ? FADER_FLOOR_DB : SILENCE_DB;
  return Math.min(next, Math.max(db, FADER_MAX_DB)); // a level above the top (typed +12) moves only down
}

export const faderScale: Scale = {
  min: SILENCE_DB,
  max: FADER_MAX_DB,
  reset: 0,
  toPosition(db) {
    if (db <= FADER_FLOOR_DB) return (FLOOR_POSITION * (Math.max(db, SILENCE_DB) - SILENCE_DB)) / (FADER_FLOOR_DB - SILENCE_DB);
    return FLOOR_POSITION + ((1 - FLOOR_POSITION) * (Math.min(db, FADER_MAX_DB) - FADER_FLOOR_DB)) / (FADER_MAX_DB - FADER_FLOOR_DB);
  },
  // A drag: the scale in 0.1 dB; the bottom 5% is -inf (a level between -96 and -60 is typed).
  fromPosition(position) {
    if (position <= FLOOR_POSITION / 2) return SILENCE_DB;
    if (position <= FLOOR_POSITION) return FADER_FLOOR_DB;
    const db = FADER_FLOOR_DB + ((clamp(position, 0, 1) - FLOOR_POSITION) * (FADER_MAX_DB - FADER_FLOOR_DB)) / (1 - FLOOR_POSITION);
    return Number(round(db, FADER_FINE_STEP_DB).toFixed(1));
  },
  text: faderText,
  stepKey(db, { key, shiftKey }) {
    const step = shiftKey ? FADER_FINE_STEP_DB : FADER_STEP_DB;
    switch (key) {
      case 'ArrowUp': case 'ArrowRight': return faderStep(db, step);
      case 'ArrowDown': case 'ArrowLeft': return faderStep(db, -step);
      case 'PageUp': return faderStep(db, FADER_PAGE_DB);
      case 'PageDown': return faderStep(db, -FADER_PAGE_DB);
      case 'Home': return SILENCE_DB; // the slider pattern: Home is the minimum, End the maximum
      case 'End': return FADER_MAX_DB;
      default: return null;
    }
  },
  stepWheel(db, direction, fine) {
    return faderStep(db, direction * (fine ? FADER_FINE_STEP_DB : FADER_STEP_DB));
  },
};

// A typed level: "-6", "-6.5 dB", "+3", "-inf" (or "inf"); in the session's range up to the
// fader's top. Returns the level, or the error to show.
export function parseTypedDb(text: string): { ok: true; db: number } | { ok: false; error: string } {
  const typed = text.trim().replace(/\s*db$/i, '').trim();
  if (/^-?inf(inity)?$/i.test(typed) || typed === '-∞') return { ok: true, db: SILENCE_DB };
  const error = `"${text.trim()}" is not a level: type a number of dB from ${SILENCE_DB} to +${FADER_MAX_DB} (e.g. -6.5), or -inf.`;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(typed)) return { ok: false, error };
  const db = Number(typed);
  if (db < SILENCE_DB || db > FADER_MAX_DB) return { ok: false, error };
  return { ok: true, db: Number(db.toFixed(1)) };
}

// ---- the pan: -1 (left)..1 (right) in 1% steps (the finest the value text shows, so Shift is no finer) ("30% L", "C", "30% R").
export const PAN_STEP = 0.01;
export const PAN_PAGE = 0.1;

export function panText(pan: number): string {
  const percent = Math.round(Math.abs(pan) * 100);
  return percent === 0 ? 'C' : `${percent}% ${pan < 0 ? 'L' : 'R'}`;
}

const panStep = (pan: number, delta: number) => clamp(Number(round(pan + delta, PAN_STEP).toFixed(2)), -1, 1);

export const panScale: Scale = {
  min: -1,
  max: 1,
  reset: 0,
  toPosition: (pan) => (clamp(pan, -1, 1) + 1) / 2,
  fromPosition: (position) => panStep(clamp(position, 0, 1) * 2 - 1, 0),
  text: panText,
  stepKey(pan, { key }) {
    switch (key) {
      case 'ArrowUp': case 'ArrowRight': return panStep(pan, PAN_STEP);
      case 'ArrowDown': case 'ArrowLeft': return panStep(pan, -PAN_STEP);
      case 'PageUp': return panStep(pan, PAN_PAGE);
      case 'PageDown': return panStep(pan, -PAN_PAGE);
      case 'Home': return -1;
      case 'End': return 1;
      default: return null;
    }
  },
  stepWheel: (pan, direction) => panStep(pan, direction * PAN_STEP),
};
