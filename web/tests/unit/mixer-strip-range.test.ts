// @vitest-environment node
// Which of the mixer's strips are drawn (src/main/studio/mixer/strip-range.ts): the view with its
// overscan, always the first and the last strip, the kept (focused, selected) strip and its
// neighbours; and the drawn strips' left margins that put each at its place in the row.
import { describe, expect, test } from 'vitest';

import { stripIndexes, stripMargins } from '../../src/main/studio/mixer/strip-range';

describe('the mixer\'s drawn strips', () => {
  test('the view, the first and the last strip', () => {
    expect(stripIndexes(64, 20, 24, [])).toEqual([0, 20, 21, 22, 23, 24, 63]);
    expect(stripIndexes(64, -2, 5, [])).toEqual([0, 1, 2, 3, 4, 5, 63]);
    expect(stripIndexes(64, 60, 66, [])).toEqual([0, 60, 61, 62, 63]);
  });

  test('a kept strip and the ones beside it, wherever the view is', () => {
    expect(stripIndexes(64, 0, 4, [40])).toEqual([0, 1, 2, 3, 4, 39, 40, 41, 63]);
    expect(stripIndexes(64, 0, 4, [5])).toEqual([0, 1, 2, 3, 4, 5, 6, 63]);
    expect(stripIndexes(64, 30, 34, [63])).toEqual([0, 30, 31, 32, 33, 34, 62, 63]);
    expect(stripIndexes(64, 30, 34, [0])).toEqual([0, 1, 30, 31, 32, 33, 34, 63]);
  });

  test('few strips or none; a kept index that is no strip\'s', () => {
    expect(stripIndexes(0, 0, 3, [0])).toEqual([]);
    expect(stripIndexes(1, 0, 3, [0])).toEqual([0]);
    expect(stripIndexes(3, 0, 10, [])).toEqual([0, 1, 2]);
    expect(stripIndexes(10, 0, 2, [-1, 10, 99])).toEqual([0, 1, 2, 9]);
  });

  test('each drawn strip\'s margin is the room of the strips left out before it', () => {
    const at = (index: number) => ({ start: index * 144, end: index * 144 + 136 });  // 136 px strips, 8 px gaps
    expect(stripMargins([at(0), at(1), at(2)])).toEqual([0, 8, 8]);
    expect(stripMargins([at(0), at(20), at(21), at(63)])).toEqual([0, 20 * 144 - 136, 8, 42 * 144 - 136]);
    expect(stripMargins([at(5)])).toEqual([5 * 144]);
    expect(stripMargins([])).toEqual([]);
  });
});
