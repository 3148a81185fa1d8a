// @vitest-environment node
// The timeline's arithmetic (src/main/studio/timeline/timeline-model.ts): conversions between
// beats, pixels, seconds and frames; zoom that keeps the beat under the pointer; the grid and
// snapping; ruler ticks; hit tests; where a dragged or nudged clip lands; the loop from a drag.
import { describe, expect, test } from 'vitest';

import {
  MAX_PIXELS_PER_BEAT, MIN_PIXELS_PER_BEAT, adjacentTrack, barBeat, barTicks, beatsToFrames, beatsToPixels, clipAt, clipsIn,
  dragLanding, framesToBeats, gridStep, hitTest, laneAt, loopFromDrag, pixelsToBeats, positionName, quartersPerBar, reorderIndex,
  scrollKeeping, snap, stepMove, timeLabel, timeTicks, timelineBeats, visibleBeats, zoomSteps,
} from '../../src/main/studio/timeline/timeline-model';

const fourFour = { numerator: 4, denominator: 4 };
const sixEight = { numerator: 6, denominator: 8 };
const base = { tempo: 120, sampleRate: 48000, signature: fourFour };

describe('conversions', () => {
  test('beats, frames and pixels convert both ways', () => {
    expect(beatsToFrames(1, base)).toBe(24000); // half a second at 120 bpm
    expect(beatsToFrames(8, { ...base, tempo: 90 })).toBe(256000);
    expect(framesToBeats(24000, base)).toBe(1);
    expect(framesToBeats(beatsToFrames(13.25, base), base)).toBeCloseTo(13.25, 12);
    expect(beatsToPixels(3, 32)).toBe(96);
    expect(pixelsToBeats(96, 32)).toBe(3);
    expect(quartersPerBar(sixEight)).toBe(3);
  });

  test('bars and beats count from 1 in the signature\'s beat, exact beats never read as the one before', () => {
    expect(barBeat(0, fourFour)).toEqual({ bar: 1, beat: 1, rest: 0 });
    expect(barBeat(5, fourFour)).toMatchObject({ bar: 2, beat: 2 });
    expect(barBeat(3, sixEight)).toMatchObject({ bar: 2, beat: 1 }); // six eighths = three quarters
    expect(barBeat(0.1 * 3 * 10, fourFour)).toMatchObject({ bar: 1, beat: 4 }); // 3.0000000000000004
    expect(positionName(16, fourFour)).toBe('bar 5 beat 1');
    expect(positionName(17.5, fourFour)).toBe('bar 5 beat 2.5');
  });

  test('the view\'s beats and the timeline\'s length', () => {
    expect(visibleBeats(320, 640, 32)).toEqual({ from: 10, to: 30 });
    expect(timelineBeats(32, fourFour)).toBe(16 * 4); // 8 bars of content + 8: the minimum, 16 bars
    expect(timelineBeats(400, fourFour)).toBe((100 + 8) * 4);
  });
});

describe('zoom', () => {
  test('steps multiply by 1.25 and stay within the limits', () => {
    expect(zoomSteps(32, 1)).toBe(40);
    expect(zoomSteps(32, -1)).toBe(25.6);
    expect(zoomSteps(500, 3)).toBe(MAX_PIXELS_PER_BEAT);
    expect(zoomSteps(2.1, -3)).toBe(MIN_PIXELS_PER_BEAT);
  });

  test('the beat under the anchor stays under it', () => {
    const scroll = scrollKeeping(200, 300, 32, 64); // beat (200 + 300) / 32 = 15.625
    expect((scroll + 300) / 64).toBeCloseTo(15.625, 12);
    expect(scrollKeeping(0, 10, 32, 16)).toBe(0); // never before the start
  });
});

describe('grid and snapping', () => {
  test('the finest step at least 12 pixels wide: fractions of the beat, the bar, then whole bars', () => {
    expect(gridStep(512, fourFour)).toBe(1 / 8);
    expect(gridStep(32, fourFour)).toBe(0.5);
    expect(gridStep(12, fourFour)).toBe(1);
    expect(gridStep(8, fourFour)).toBe(4); // a beat would be 8 px: the bar
    expect(gridStep(2, fourFour)).toBe(8); // two bars
    expect(gridStep(32, sixEight)).toBe(0.5); // an eighth
    expect(gridStep(4, sixEight)).toBe(3); // the 6/8 bar
  });

  test('snapping rounds to the nearest line, never before 0', () => {
    expect(snap(3.24, 0.5)).toBe(3);
    expect(snap(3.26, 0.5)).toBe(3.5);
    expect(snap(-1, 1)).toBe(0);
    expect(snap(7.9, 4)).toBe(8);
  });
});

describe('ruler ticks', () => {
  test('beats when there is room, bar numbers where labels fit', () => {
    const ticks = barTicks(0, 8, 32, fourFour);
    expect(ticks.map((t) => t.beats)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ticks.filter((t) => t.labelled).map((t) => t.bar)).toEqual([1, 2, 3]);
    expect(ticks[5]).toMatchObject({ bar: 2, beat: 2, labelled: false });
  });

  test('crowded bars are thinned to every 2nd, 4th... and labelled more sparsely still', () => {
    const ticks = barTicks(0, 64, 1, fourFour); // a bar is 4 px
    expect(ticks.map((t) => t.beats).slice(0, 3)).toEqual([0, 8, 16]); // every 2nd bar (8 px)
    expect(ticks.filter((t) => t.labelled).map((t) => t.bar)).toEqual([1, 17]); // every 16th bar: 8 would be 32 px, under 40
  });

  test('time marks at a round step at least 64 pixels apart, labelled m:ss', () => {
    const ticks = timeTicks(0, 10, 64); // 64 px a second
    expect(ticks.map((t) => t.label)).toEqual(['0:00', '0:01', '0:02', '0:03', '0:04', '0:05', '0:06', '0:07', '0:08', '0:09', '0:10']);
    expect(timeTicks(59, 61.5, 128).map((t) => t.label)).toEqual(['0:59.0', '0:59.5', '1:00.0', '1:00.5', '1:01.0', '1:01.5']);
    expect(timeLabel(75.25, 0.05)).toBe('1:15.25');
    expect(timeTicks(0, 0.5, 256).map((t) => t.label)).toEqual(['0:00.00', '0:00.25', '0:00.50']);
  });
});

describe('hit tests', () => {
  const lanes = [
    [{ id: 'a', start: 0, length: 4 }, { id: 'b', start: 2, length: 4 }],
    [],
    [{ id: 'c', start: 8, length: 1 }],
  ];

  test('lanes by height, clips by span; the later of two overlapping clips is on top', () => {
    expect(laneAt(-1, 64, 3)).toBe(-1);
    expect(laneAt(0, 64, 3)).toBe(0);
    expect(laneAt(191, 64, 3)).toBe(2);
    expect(laneAt(192, 64, 3)).toBe(-1);
    expect(clipAt(lanes[0], 3)?.id).toBe('b');
    expect(clipAt(lanes[0], 1)?.id).toBe('a');
    expect(clipAt(lanes[0], 6)).toBeNull(); // the end is not in the clip
    expect(hitTest(lanes, 8.5 * 32, 130, 32, 64)).toEqual({ track: 2, clip: lanes[2][0] });
    expect(hitTest(lanes, 10, 70, 32, 64)).toEqual({ track: 1, clip: null });
    expect(hitTest(lanes, 10, 200, 32, 64)).toBeNull();
  });

  test('the clips a range overlaps', () => {
    expect(clipsIn(lanes[0], 4, 10).map((c) => c.id)).toEqual(['b']);
    expect(clipsIn(lanes[0], 6, 10)).toEqual([]);
  });
});

describe('moving clips', () => {
  const options = { pixelsPerBeat: 32, laneHeight: 64, step: 1, snapping: true, trackCount: 4 };

  test('a drag lands on the grid, on whole lanes, within the tracks', () => {
    expect(dragLanding({ start: 4, track: 1 }, 50, 10, options)).toEqual({ start: 6, track: 1 }); // 4 + 1.5625 -> 6
    expect(dragLanding({ start: 4, track: 1 }, 40, 40, options)).toEqual({ start: 5, track: 2 });
    expect(dragLanding({ start: 4, track: 1 }, -500, -500, options)).toEqual({ start: 0, track: 0 });
    expect(dragLanding({ start: 4, track: 1 }, 0, 1000, options)).toEqual({ start: 4, track: 3 });
  });

  test('without snapping the start follows the pointer exactly', () => {
    expect(dragLanding({ start: 4, track: 0 }, 50, 0, { ...options, snapping: false }).start).toBe(4 + 50 / 32);
  });

  test('a lane that does not take the clip keeps it on its track', () => {
    const accepts = (track: number) => track !== 2;
    expect(dragLanding({ start: 0, track: 1 }, 0, 64, { ...options, accepts })).toEqual({ start: 0, track: 1 });
    expect(dragLanding({ start: 0, track: 1 }, 0, 128, { ...options, accepts })).toEqual({ start: 0, track: 3 });
  });

  test('the keyboard moves by grid steps, onto the grid first', () => {
    expect(stepMove(4, 1, 1)).toBe(5);
    expect(stepMove(4, -1, 0.25)).toBe(3.75);
    expect(stepMove(1.3, 1, 1)).toBe(2);
    expect(stepMove(1.3, -1, 1)).toBe(1);
    expect(stepMove(0, -1, 1)).toBe(0);
    expect(stepMove(8, 1, 4)).toBe(12); // Shift: a bar
  });

  test('the adjacent track of a kind skips the others', () => {
    const kinds = ['audio', 'instrument', 'audio', 'bus'];
    const audio = (t: number) => kinds[t] === 'audio';
    expect(adjacentTrack(0, 1, 4, audio)).toBe(2);
    expect(adjacentTrack(2, 1, 4, audio)).toBe(-1);
    expect(adjacentTrack(2, -1, 4, audio)).toBe(0);
  });

  test('a track dragged by whole lanes, within the list', () => {
    expect(reorderIndex(2, -70, 64, 5)).toBe(1);
    expect(reorderIndex(2, 20, 64, 5)).toBe(2);
    expect(reorderIndex(2, 1000, 64, 5)).toBe(4);
  });
});

describe('the loop from a drag', () => {
  test('ordered, snapped, never empty', () => {
    expect(loopFromDrag(9.2, 3.9, 1, true)).toEqual({ start: 4, end: 9 });
    expect(loopFromDrag(3.9, 9.2, 1, false)).toEqual({ start: 3.9, end: 9.2 });
    expect(loopFromDrag(4.1, 4.3, 1, true)).toBeNull();
  });
});
