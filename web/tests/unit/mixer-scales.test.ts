// @vitest-environment node
// The mixer's sliders (src/main/studio/mixer/scales.ts): the fader's dB over its travel (-inf at
// the bottom, -60..+6 dB above), its keys (0.5 dB, Shift 0.1 dB, PageUp/Down 6 dB, Home -inf,
// End +6), the wheel, typed levels (and the error for one that is not), the reset; the pan's
// value text and steps.
import { describe, expect, test } from 'vitest';

import {
  FADER_MAX_DB, SILENCE_DB, faderScale, faderText, panScale, panText, parseTypedDb,
} from '../../src/main/studio/mixer/scales';

const key = (value: number, name: string, shiftKey = false) => faderScale.stepKey(value, { key: name, shiftKey });

describe('the fader', () => {
  test('maps -inf to the bottom, -60 dB to 5% of the travel, +6 dB to the top, and back', () => {
    expect(faderScale.toPosition(SILENCE_DB)).toBe(0);
    expect(faderScale.toPosition(-60)).toBeCloseTo(0.05);
    expect(faderScale.toPosition(FADER_MAX_DB)).toBe(1);
    expect(faderScale.toPosition(0)).toBeCloseTo(0.05 + (0.95 * 60) / 66);
    for (const db of [-60, -42.5, -12, -6, -0.1, 0, 3.5, 6]) expect(faderScale.fromPosition(faderScale.toPosition(db))).toBe(db);
    expect(faderScale.fromPosition(0)).toBe(SILENCE_DB);
    expect(faderScale.fromPosition(-0.3)).toBe(SILENCE_DB);  // a drag past the bottom
    expect(faderScale.fromPosition(1.4)).toBe(FADER_MAX_DB);  // and past the top
    expect(faderScale.toPosition(12)).toBe(1);  // a session's +12 dB sits at the top
  });

  test('reads "-6.0 dB", and "-inf dB" for silence', () => {
    expect(faderText(-6)).toBe('-6.0 dB');
    expect(faderText(0)).toBe('0.0 dB');
    expect(faderText(3.25)).toBe('3.3 dB');
    expect(faderText(SILENCE_DB)).toBe('-inf dB');
    expect(faderScale.text(-95.9)).toBe('-95.9 dB');
  });

  test('steps 0.5 dB on the arrows, 0.1 dB with Shift, 6 dB on PageUp/PageDown; Home is -inf, End +6 dB', () => {
    expect(key(-4, 'ArrowUp')).toBe(-3.5);
    expect(key(-4, 'ArrowRight')).toBe(-3.5);
    expect(key(-4, 'ArrowDown')).toBe(-4.5);
    expect(key(-4, 'ArrowLeft')).toBe(-4.5);
    expect(key(-4, 'ArrowUp', true)).toBe(-3.9);
    expect(key(-4, 'ArrowDown', true)).toBe(-4.1);
    expect(key(-0.3, 'ArrowUp', true)).toBe(-0.2);  // no float dust: -0.2, not -0.20000000000000004
    expect(key(-4, 'PageUp')).toBe(2);
    expect(key(-4, 'PageDown')).toBe(-10);
    expect(key(-4, 'Home')).toBe(SILENCE_DB);
    expect(key(-4, 'End')).toBe(FADER_MAX_DB);
    expect(key(-4, 'a')).toBeNull();
    expect(key(-4, 'Tab')).toBeNull();
  });

  test('stops at the ends: +6 dB at the top; below -60 dB comes -60 first, then -inf; up from -inf is -60', () => {
    expect(key(5.8, 'ArrowUp')).toBe(6);
    expect(key(6, 'PageUp')).toBe(6);
    expect(key(-58, 'PageDown')).toBe(-60);
    expect(key(-60, 'ArrowDown')).toBe(SILENCE_DB);
    expect(key(SILENCE_DB, 'ArrowDown')).toBe(SILENCE_DB);
    expect(key(SILENCE_DB, 'ArrowUp')).toBe(-60);
    expect(key(SILENCE_DB, 'PageUp')).toBe(-60);
    expect(key(-70, 'ArrowUp')).toBe(-60);  // a level below the scale, from the session
    expect(key(10, 'ArrowUp')).toBe(10);  // above the top (a session's +10 dB): only down moves
    expect(key(10, 'ArrowDown')).toBe(9.5);
  });

  test('the wheel steps like the arrows (Shift finer); a double-click resets to 0 dB', () => {
    expect(faderScale.stepWheel(-4, 1, false)).toBe(-3.5);
    expect(faderScale.stepWheel(-4, -1, true)).toBe(-4.1);
    expect(faderScale.reset).toBe(0);
  });

  test('takes typed levels: "-6", "-6.5 dB", "+3", "-inf"; refuses others with a message that says what to type', () => {
    expect(parseTypedDb('-6')).toEqual({ ok: true, db: -6 });
    expect(parseTypedDb(' -6.5 dB ')).toEqual({ ok: true, db: -6.5 });
    expect(parseTypedDb('-6.5dB')).toEqual({ ok: true, db: -6.5 });
    expect(parseTypedDb('+3')).toEqual({ ok: true, db: 3 });
    expect(parseTypedDb('.5')).toEqual({ ok: true, db: 0.5 });
    expect(parseTypedDb('-12.34')).toEqual({ ok: true, db: -12.3 });
    expect(parseTypedDb('-inf')).toEqual({ ok: true, db: SILENCE_DB });
    expect(parseTypedDb('-inf dB')).toEqual({ ok: true, db: SILENCE_DB });
    expect(parseTypedDb('-96')).toEqual({ ok: true, db: SILENCE_DB });
    for (const bad of ['', 'loud', '7', '-97', '1e3', '--3', '3..', 'NaN', 'Infinity dB x']) {
      const parsed = parseTypedDb(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/type a number of dB from -96 to \+6 \(e\.g\. -6\.5\), or -inf/);
    }
  });
});

describe('the pan', () => {
  test('reads "30% L", "C", "30% R"', () => {
    expect(panText(-0.3)).toBe('30% L');
    expect(panText(0)).toBe('C');
    expect(panText(0.004)).toBe('C');
    expect(panText(0.3)).toBe('30% R');
    expect(panText(1)).toBe('100% R');
  });

  test('steps 1% on the arrows, 10% on PageUp/PageDown, within hard left and right; resets to the centre', () => {
    const pan = (value: number, name: string) => panScale.stepKey(value, { key: name, shiftKey: false });
    expect(pan(-0.2, 'ArrowRight')).toBe(-0.19);
    expect(pan(-0.2, 'ArrowLeft')).toBe(-0.21);
    expect(pan(-0.2, 'PageUp')).toBe(-0.1);
    expect(pan(0.95, 'PageUp')).toBe(1);
    expect(pan(-0.95, 'PageDown')).toBe(-1);
    expect(pan(0.5, 'Home')).toBe(-1);
    expect(pan(0.5, 'End')).toBe(1);
    expect(panScale.fromPosition(0.5)).toBe(0);
    expect(panScale.fromPosition(0.65)).toBe(0.3);
    expect(panScale.toPosition(-1)).toBe(0);
    expect(panScale.reset).toBe(0);
  });
});
