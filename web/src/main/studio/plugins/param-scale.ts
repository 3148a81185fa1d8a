// A plugin parameter as a slider's Scale (../mixer/scales.ts), from its descriptor entry: where a
// value sits on the slider (linear, or logarithmic for a "log" parameter such as a frequency),
// its value text in its unit, and the keyboard's steps: an arrow moves 1% of the travel (Shift:
// 0.1%, the fine adjustment), Page Up/Down 10%, Home/End the ends; an integer parameter moves by
// whole numbers. Pure, so the rules are tested without a page (tests/unit/param-scale.test.ts).
import type { Scale } from '../mixer/scales';

export interface ParamDescriptor {
  id: number;
  key: string;
  name: string;
  unit: string;
  type: 'float' | 'int' | 'bool' | 'choice';
  scale: 'linear' | 'log' | 'db';
  min: number;
  max: number;
  default: number;
  choices?: string[];
}

export interface PluginDescriptorView {
  id: string;
  name: string;
  params: ParamDescriptor[];
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

// " dB", " ms", ":1" (a ratio's unit follows its number).
const withUnit = (unit: string) => (unit === '' ? '' : unit.startsWith(':') ? unit : ` ${unit}`);

// "2.50 kHz", "-6.00 dB", "250 ms", "4.00:1": three significant figures, kHz from 1000 Hz.
export function paramText(param: ParamDescriptor, value: number): string {
  if (param.type === 'int') return `${Math.round(value)}${withUnit(param.unit)}`;
  let shown = value;
  let unit = param.unit;
  if (unit === 'Hz' && Math.abs(value) >= 1000) {
    shown = value / 1000;
    unit = 'kHz';
  }
  const magnitude = Math.abs(shown);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
  return `${shown.toFixed(digits)}${withUnit(unit)}`;
}

export function paramScale(param: ParamDescriptor): Scale {
  const logarithmic = param.scale === 'log' && param.min > 0;
  const toPosition = (value: number) => {
    const v = clamp(value, param.min, param.max);
    return logarithmic ? Math.log(v / param.min) / Math.log(param.max / param.min) : (v - param.min) / (param.max - param.min);
  };
  const fromPosition = (position: number) => {
    const p = clamp(position, 0, 1);
    const value = logarithmic ? param.min * (param.max / param.min) ** p : param.min + p * (param.max - param.min);
    return param.type === 'int' ? Math.round(value) : Number(value.toPrecision(6));
  };
  const step = (value: number, travel: number) => {
    if (param.type === 'int') {
      const whole = Math.max(1, Math.round(Math.abs(travel) * (param.max - param.min)));
      return clamp(Math.round(value) + Math.sign(travel) * whole, param.min, param.max);
    }
    return fromPosition(toPosition(value) + travel);
  };
  return {
    min: param.min,
    max: param.max,
    reset: param.default,
    toPosition,
    fromPosition,
    text: (value) => paramText(param, value),
    stepKey(value, { key, shiftKey }) {
      const fine = shiftKey ? 0.001 : 0.01;
      switch (key) {
        case 'ArrowUp': case 'ArrowRight': return step(value, param.type === 'int' ? 1 / (param.max - param.min) : fine);
        case 'ArrowDown': case 'ArrowLeft': return step(value, param.type === 'int' ? -1 / (param.max - param.min) : -fine);
        case 'PageUp': return step(value, 0.1);
        case 'PageDown': return step(value, -0.1);
        case 'Home': return param.min;
        case 'End': return param.max;
        default: return null;
      }
    },
    stepWheel: (value, direction, fine) => step(value, direction * (param.type === 'int' ? 1 / (param.max - param.min) : fine ? 0.001 : 0.01)),
  };
}

// ---- typed entry: what a musician types into a parameter's value field.
// A number with or without the parameter's unit ("-6", "-6 dB", "30%", "4:1"), a k suffix for
// thousands ("2.5k", "2.5 kHz"), seconds for a millisecond parameter and back ("1.2 s" is
// 1200 ms), "-inf" for a decibel parameter's minimum; a choice by its name or its number; a
// switch as on/off. Refused with a message saying what to type when it is not one, or outside
// the parameter's range (nothing changes then).
export type Parsed = { ok: true; value: number } | { ok: false; error: string };

const NUMBER = /^([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*(.*)$/;

// Multipliers of a typed suffix, per parameter unit ('' = no suffix).
function unitFactor(unit: string, suffix: string): number | null {
  const s = suffix.trim().toLowerCase();
  const u = unit.toLowerCase();
  if (s === '' || s === u || (u.startsWith(':') && s === u)) return 1;
  if (s === 'k') return 1000;
  if (u === 'hz' && s === 'khz') return 1000;
  if (u === 'ms' && s === 's') return 1000;
  if (u === 's' && s === 'ms') return 0.001;
  if (u === 'dbfs' && s === 'db') return 1;
  return null;
}

export function parseParamText(param: ParamDescriptor, text: string): Parsed {
  const typed = text.trim();
  const range = `${paramText(param, param.min)} to ${paramText(param, param.max)}`;
  if (param.type === 'choice') {
    const choices = param.choices ?? [];
    const byName = choices.findIndex((c) => c.toLowerCase() === typed.toLowerCase());
    if (byName >= 0) return { ok: true, value: byName };
    const index = /^\d+$/.test(typed) ? Number(typed) - 1 : -1;  // people count choices from 1
    if (index >= 0 && index < choices.length) return { ok: true, value: index };
    return { ok: false, error: `"${typed}" is not a choice of ${param.name}: type one of ${choices.join(', ')}.` };
  }
  if (param.type === 'bool') {
    if (/^(on|yes|true|1)$/i.test(typed)) return { ok: true, value: 1 };
    if (/^(off|no|false|0)$/i.test(typed)) return { ok: true, value: 0 };
    return { ok: false, error: `"${typed}" is not a setting of ${param.name}: type on or off.` };
  }
  const error = `"${typed}" is not a value for ${param.name}: type a number from ${range}${param.unit === '' ? '' : ` (the unit ${param.unit} may be left out)`}.`;
  if (/^-\s*(inf|infinity|∞)(\s*db(fs)?)?$/i.test(typed) && param.unit.toLowerCase().startsWith('db')) return { ok: true, value: param.min };
  const match = NUMBER.exec(typed);
  if (match === null) return { ok: false, error };
  let suffix = match[2];
  // "4:1" for a ratio; "2.5k Hz" is 2.5 kHz.
  if (param.unit.startsWith(':') && suffix.replace(/\s/g, '') === param.unit) suffix = param.unit;
  const compact = suffix.replace(/\s+/g, '');
  const factor = unitFactor(param.unit, compact) ?? (compact.toLowerCase().startsWith('k') ? unitFactor(param.unit, compact.slice(1)) === 1 ? 1000 : null : null);
  if (factor === null) return { ok: false, error };
  let value = Number(match[1].replace(',', '.')) * factor;
  if (param.type === 'int') value = Math.round(value);
  else value = Number(value.toPrecision(6));
  if (!(value >= param.min && value <= param.max)) return { ok: false, error };
  return { ok: true, value };
}
