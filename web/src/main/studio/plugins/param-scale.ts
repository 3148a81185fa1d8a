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
