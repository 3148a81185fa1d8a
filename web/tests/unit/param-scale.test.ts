// A plugin parameter as a slider (src/main/studio/plugins/param-scale.ts): log parameters spread
// evenly by ratio, integer parameters move by whole numbers, Shift is ten times finer, the value
// text carries the unit, and nothing leaves the parameter's range.
import { describe, expect, test } from 'vitest';

import { type ParamDescriptor, paramScale, paramText } from '../../src/main/studio/plugins/param-scale';

const frequency: ParamDescriptor = { id: 2, key: 'freq', name: 'Freq', unit: 'Hz', type: 'float', scale: 'log', min: 20, max: 20000, default: 1000 };
const gain: ParamDescriptor = { id: 0, key: 'gain', name: 'Gain', unit: 'dB', type: 'float', scale: 'linear', min: -24, max: 24, default: 0 };
const voices: ParamDescriptor = { id: 5, key: 'voices', name: 'Voices', unit: '', type: 'int', scale: 'linear', min: 1, max: 8, default: 4 };

describe('a parameter as a slider', () => {
  test('a log parameter sits by ratio: its geometric middle is halfway, and back', () => {
    const scale = paramScale(frequency);
    expect(scale.toPosition(Math.sqrt(20 * 20000))).toBeCloseTo(0.5, 12);
    expect(scale.fromPosition(0.5)).toBeCloseTo(632.456, 2);
    expect(scale.fromPosition(0)).toBe(20);
    expect(scale.fromPosition(1)).toBe(20000);
  });

  test('arrows move 1% of the travel, Shift 0.1%, pages 10%, Home and End the ends, never past them', () => {
    const scale = paramScale(gain);
    expect(scale.stepKey(0, { key: 'ArrowUp', shiftKey: false })).toBeCloseTo(0.48, 10);
    expect(scale.stepKey(0, { key: 'ArrowUp', shiftKey: true })).toBeCloseTo(0.048, 10);
    expect(scale.stepKey(0, { key: 'PageDown', shiftKey: false })).toBeCloseTo(-4.8, 10);
    expect(scale.stepKey(0, { key: 'Home', shiftKey: false })).toBe(-24);
    expect(scale.stepKey(23.9, { key: 'PageUp', shiftKey: false })).toBe(24);
    expect(scale.stepKey(0, { key: 'Tab', shiftKey: false })).toBeNull();
    expect(scale.reset).toBe(0);
  });

  test('an integer parameter moves by whole numbers', () => {
    const scale = paramScale(voices);
    expect(scale.stepKey(4, { key: 'ArrowUp', shiftKey: false })).toBe(5);
    expect(scale.stepKey(4, { key: 'ArrowDown', shiftKey: true })).toBe(3);
    expect(scale.stepKey(8, { key: 'ArrowUp', shiftKey: false })).toBe(8);
    expect(scale.fromPosition(0.5)).toBe(5);
  });

  test('values read in their units', () => {
    expect(paramText(frequency, 2500)).toBe('2.50 kHz');
    expect(paramText(frequency, 440)).toBe('440 Hz');
    expect(paramText(gain, -6)).toBe('-6.00 dB');
    expect(paramText(gain, -12.34)).toBe('-12.3 dB');
    expect(paramText(voices, 3)).toBe('3');
    expect(paramText({ ...gain, unit: ':1', min: 1, max: 20 }, 4)).toBe('4.00:1');
  });
});
