// What the studio says to screen readers: the announcer's quiet-during-playback rule (transport
// news is always said, the rest waits), the words for undone edits, and the "speak levels" report
// (peak over the last seconds, loudness in LUFS from the engine's K-weighted power).
import { beforeEach, describe, expect, test } from 'vitest';

import { announce, useAnnouncer } from '../../src/main/a11y/announcer';
import { describeOps } from '../../src/main/a11y/describe-ops';
import { PeakWindow, levelReport, loudnessLufs } from '../../src/main/a11y/level-report';

describe('the announcer', () => {
  beforeEach(() => {
    useAnnouncer.setState({ text: '', serial: 0, playing: false });
    useAnnouncer.getState().setQuietDuringPlayback(false);
  });

  test('says every announcement, the same words twice as two announcements', () => {
    expect(announce('Undone: clip moved')).toBe(true);
    expect(announce('Undone: clip moved')).toBe(true);
    expect(useAnnouncer.getState()).toMatchObject({ text: 'Undone: clip moved', serial: 2 });
  });

  test('quiet during playback keeps changes quiet while playing, never the transport', () => {
    useAnnouncer.getState().setQuietDuringPlayback(true);
    expect(localStorage.getItem('wasm-studio.quietDuringPlayback')).toBe('true');
    useAnnouncer.getState().setPlaying(true);
    expect(announce('Threshold -20 dB')).toBe(false);
    expect(announce('Stopped at 3.1.1', 'transport')).toBe(true);
    expect(useAnnouncer.getState().text).toBe('Stopped at 3.1.1');
    useAnnouncer.getState().setPlaying(false);
    expect(announce('Threshold -20 dB')).toBe(true);
  });
});

describe('words for edits', () => {
  test('name each kind of operation once, in order', () => {
    expect(describeOps({ ops: [{ op: 'clip.move' }] })).toBe('clip moved');
    expect(describeOps({ ops: [{ op: 'track.add' }, { op: 'clip.add' }, { op: 'clip.add' }] })).toBe('track added, clip added');
    expect(describeOps({ ops: [{ op: 'something.new' }] })).toBe('change');
    expect(describeOps(null)).toBe('change');
    expect(describeOps([{ op: 'insert.setParam', insert: 'x', param: 0, value: 1 }])).toBe('parameter changed');
  });
});

describe('the level report', () => {
  test('gives the peak in dB and the loudness in LUFS', () => {
    // A full-scale 997 Hz sine in one channel: K-weighted power 0.5 * 10^(0.069) ~ -3.01 LUFS.
    expect(loudnessLufs(10 ** ((-3.01 + 0.691) / 10))).toBeCloseTo(-3.01, 6);
    expect(levelReport('Master', 10 ** (-6.2 / 20), 10 ** ((-14.1 + 0.691) / 10))).toBe('Master: peak -6.2 dB, loudness -14.1 LUFS');
    expect(levelReport('Bass', 1.5, 0.5)).toMatch(/^Bass: peak 3\.5 dB, clipping, loudness/);
    expect(levelReport('Keys', 0, 0)).toBe('Keys: silent');
    expect(levelReport('Pad', 0.0011, 1e-9)).toBe('Pad: peak -59.2 dB, loudness below -70 LUFS');
    expect(levelReport('Tail', 0.0001, 1e-9)).toBe('Tail: peak below -60 dB');
  });

  test('the peak window holds the highest peak of the last seconds only', () => {
    const peaks = new PeakWindow(3, 100);
    peaks.add(0, 0.9);
    for (let t = 100; t <= 2900; t += 100) peaks.add(t, 0.1);
    expect(peaks.highest(2900)).toBe(0.9);
    peaks.add(3100, 0.2);
    expect(peaks.highest(3100)).toBe(0.2);  // 0.9 is 3.1 s old
    peaks.clear();
    expect(peaks.highest(3100)).toBe(0);
  });
});
