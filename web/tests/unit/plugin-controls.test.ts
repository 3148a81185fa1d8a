// A plugin parameter's controls without a page: typed values in the parameter's unit
// (param-scale.ts parseParamText), stepped parameters moving by their steps, Shift's fine
// adjustment and the reset to the default.
import { describe, expect, test } from 'vitest';

import { type ParamDescriptor, paramScale, parseParamText } from '../../src/main/studio/plugins/param-scale';

const p = (over: Partial<ParamDescriptor>): ParamDescriptor => ({ id: 0, key: 'k', name: 'Param', unit: '', type: 'float', scale: 'linear', min: 0, max: 1, default: 0, ...over });
const threshold = p({ name: 'Threshold', unit: 'dB', min: -60, max: 0, default: -18 });
const cutoff = p({ name: 'Cutoff', unit: 'Hz', scale: 'log', min: 20, max: 20000, default: 1000 });
const mix = p({ name: 'Mix', unit: '%', min: 0, max: 100, default: 50 });
const ratio = p({ name: 'Ratio', unit: ':1', scale: 'log', min: 1, max: 20, default: 4 });
const release = p({ name: 'Release', unit: 'ms', scale: 'log', min: 5, max: 3000, default: 150 });
const decay = p({ name: 'Decay', unit: 's', scale: 'log', min: 0.2, max: 30, default: 2.5 });
const semitone = p({ name: 'Semitone', unit: 'st', type: 'int', min: -12, max: 12, default: 0 });
const mode = p({ name: 'Mode', type: 'choice', min: 0, max: 2, choices: ['Peak', 'RMS', 'Hybrid'] });
const sync = p({ name: 'Sync', type: 'bool' });

const value = (param: ParamDescriptor, text: string) => {
  const parsed = parseParamText(param, text);
  return parsed.ok ? parsed.value : parsed.error;
};

describe('typed values', () => {
  test('a number with or without its unit, spaces or none', () => {
    expect(value(threshold, '-6 dB')).toBe(-6);
    expect(value(threshold, '-6dB')).toBe(-6);
    expect(value(threshold, ' -6 ')).toBe(-6);
    expect(value(threshold, '-6,5')).toBe(-6.5);
    expect(value(mix, '30%')).toBe(30);
    expect(value(mix, '30 %')).toBe(30);
    expect(value(ratio, '4:1')).toBe(4);
    expect(value(ratio, '2.5')).toBe(2.5);
  });

  test('k for thousands, kHz for a frequency, seconds for milliseconds and back', () => {
    expect(value(cutoff, '2.5k')).toBe(2500);
    expect(value(cutoff, '2.5 kHz')).toBe(2500);
    expect(value(cutoff, '2.5khz')).toBe(2500);
    expect(value(cutoff, '440 Hz')).toBe(440);
    expect(value(release, '1.2 s')).toBe(1200);
    expect(value(release, '250ms')).toBe(250);
    expect(value(decay, '300 ms')).toBe(0.3);
  });

  test('-inf is a decibel parameter\'s minimum', () => {
    expect(value(threshold, '-inf')).toBe(-60);
    expect(value(threshold, '-inf dB')).toBe(-60);
    expect(parseParamText(mix, '-inf').ok).toBe(false);
  });

  test('an integer parameter rounds to its step', () => {
    expect(value(semitone, '3.4')).toBe(3);
    expect(value(semitone, '-7 st')).toBe(-7);
  });

  test('a choice by its name (any case) or its number counted from 1; a switch as on or off', () => {
    expect(value(mode, 'rms')).toBe(1);
    expect(value(mode, '3')).toBe(2);
    expect(value(mode, 'Loud')).toMatch(/^"Loud" is not a choice of Mode: type one of Peak, RMS, Hybrid\.$/);
    expect(value(sync, 'on')).toBe(1);
    expect(value(sync, 'Off')).toBe(0);
  });

  test('what is not a value, or is outside the range, is refused with what to type', () => {
    expect(value(threshold, 'loud')).toBe('"loud" is not a value for Threshold: type a number from -60.0 dB to 0.00 dB (the unit dB may be left out).');
    expect(value(threshold, '+3 dB')).toMatch(/^"\+3 dB" is not a value for Threshold/);
    expect(value(cutoff, '30k')).toMatch(/from 20.0 Hz to 20.0 kHz/);
    expect(value(mix, '30 dB')).toMatch(/is not a value for Mix/);
    expect(value(mix, '')).toMatch(/is not a value for Mix/);
  });
});

describe('steps, fine adjustment and the default', () => {
  test('a stepped (integer) parameter moves by one per arrow, Shift too, and its pages are whole', () => {
    const scale = paramScale(semitone);
    expect(scale.stepKey(0, { key: 'ArrowUp', shiftKey: false })).toBe(1);
    expect(scale.stepKey(0, { key: 'ArrowUp', shiftKey: true })).toBe(1);
    expect(scale.stepKey(0, { key: 'PageUp', shiftKey: false })).toBe(2);
    expect(Number.isInteger(scale.fromPosition(0.37))).toBe(true);
    expect(scale.stepWheel(12, 1, false)).toBe(12);
  });

  test('Shift is ten times finer for a continuous parameter, by keys and by the wheel', () => {
    const scale = paramScale(mix);
    const coarse = scale.stepKey(50, { key: 'ArrowUp', shiftKey: false })! - 50;
    const fine = scale.stepKey(50, { key: 'ArrowUp', shiftKey: true })! - 50;
    expect(coarse).toBeCloseTo(1, 10);
    expect(fine).toBeCloseTo(0.1, 10);
    expect(scale.stepWheel(50, -1, true)).toBeCloseTo(49.9, 10);
  });

  test('the reset value is the descriptor default', () => {
    expect(paramScale(threshold).reset).toBe(-18);
    expect(paramScale(cutoff).reset).toBe(1000);
  });
});
