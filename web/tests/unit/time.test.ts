import { describe, expect, test } from 'vitest';

import { barsBeats, clockTime, peakDb } from '../../src/main/format/time';

const FOUR_FOUR = { numerator: 4, denominator: 4 };

describe('barsBeats', () => {
  test('counts bars and beats from 1', () => {
    expect(barsBeats(0, 48000, 120, FOUR_FOUR)).toBe('1:1');
    expect(barsBeats(24000, 48000, 120, FOUR_FOUR)).toBe('1:2');  // 0.5 s = one beat at 120 bpm
    expect(barsBeats(23999, 48000, 120, FOUR_FOUR)).toBe('1:1');
    expect(barsBeats(96000, 48000, 120, FOUR_FOUR)).toBe('2:1');  // 2 s = one bar
    expect(barsBeats(7 * 96000 + 3 * 24000, 48000, 120, FOUR_FOUR)).toBe('8:4');
  });

  test('counts beats in the signature\'s denominator', () => {
    // 6/8 at 120 quarter notes per minute: an eighth is 0.25 s, a bar 1.5 s.
    const sixEight = { numerator: 6, denominator: 8 };
    expect(barsBeats(12000, 48000, 120, sixEight)).toBe('1:2');
    expect(barsBeats(72000, 48000, 120, sixEight)).toBe('2:1');
  });

  test('a position on a beat computed in floating point shows that beat', () => {
    const rate = 44100;
    const tempo = 97;
    const beatFrames = (60 / tempo) * rate;
    expect(barsBeats(beatFrames * 5, rate, tempo, FOUR_FOUR)).toBe('2:2');
  });

  test('clamps a negative position to the start', () => {
    expect(barsBeats(-100, 48000, 120, FOUR_FOUR)).toBe('1:1');
  });
});

describe('clockTime', () => {
  test('minutes, seconds and milliseconds', () => {
    expect(clockTime(0, 48000)).toBe('0:00.000');
    expect(clockTime(48000 * 3.25, 48000)).toBe('0:03.250');
    expect(clockTime(48000 * 61.5, 48000)).toBe('1:01.500');
    expect(clockTime(48000 * 3600, 48000)).toBe('60:00.000');
    expect(clockTime(47, 48000)).toBe('0:00.000');
    expect(clockTime(48, 48000)).toBe('0:00.001');
  });
});

describe('peakDb', () => {
  test('linear peaks in dB with one decimal, silence as -inf', () => {
    expect(peakDb(1)).toBe('0.0 dB');
    expect(peakDb(0.5)).toBe('-6.0 dB');
    expect(peakDb(2)).toBe('6.0 dB');
    expect(peakDb(0)).toBe('-inf dB');
    expect(peakDb(1e-9)).toBe('-inf dB');
  });
});
