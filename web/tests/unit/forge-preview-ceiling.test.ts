// The Forge preview's hard ceiling (hard-ceiling.ts) as the Web Audio API defines a WaveShaperNode:
// nothing leaves above -1 dBFS however loud it comes in (x1000, +inf), and below the ceiling the
// signal passes unchanged.
import { describe, expect, it } from 'vitest';

import { ceilingCurve, shaped } from '../../src/main/forge/preview/hard-ceiling';

const CEILING = 10 ** (-1 / 20);

describe('the preview\'s hard ceiling', () => {
  const curve = ceilingCurve(-1);
  it('holds any level at the ceiling', () => {
    for (const x of [0.9, 1, 1.5, 1000, -1000, 1e30, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(Math.abs(shaped(curve, x))).toBeLessThanOrEqual(CEILING + 1e-7);
    }
    expect(shaped(curve, 1000)).toBeCloseTo(CEILING, 6);
  });
  it('passes what is under the ceiling unchanged', () => {
    for (let i = 0; i <= 1000; ++i) {
      const x = -0.89 + (1.78 * i) / 1000;
      expect(Math.abs(shaped(curve, x) - x)).toBeLessThan(1e-6);
    }
  });
});
