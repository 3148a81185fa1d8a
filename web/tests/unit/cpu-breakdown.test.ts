// @vitest-environment node
// The CPU meter's breakdown (src/main/studio/cpu-breakdown.ts): every track and insert named as
// the musician knows them, with the load from its stats slot, heaviest first.
import { expect, test } from 'vitest';

import { TRACK_STAT, TRACK_STAT_SLOTS, type GraphLayout } from '../../src/shared/engine-protocol';
import { cpuBreakdown, percent } from '../../src/main/studio/cpu-breakdown';

test('names tracks and inserts and sorts them by load', () => {
  const layout: GraphLayout = {
    stats: null, modules: [],
    tracks: [
      { id: 'drums', at: 0, inserts: [{ id: 'd-comp', at: TRACK_STAT_SLOTS, handle: 1 }] },
      { id: 'master', at: TRACK_STAT_SLOTS + 1, inserts: [] },
    ],
  };
  const stats = new Float64Array(2 * TRACK_STAT_SLOTS + 1);
  stats[TRACK_STAT.Cpu] = 0.30;
  stats[TRACK_STAT_SLOTS] = 0.25;
  stats[TRACK_STAT_SLOTS + 1 + TRACK_STAT.Cpu] = 0.02;
  const document = { tracks: [{ id: 'drums', name: 'Drums', inserts: [{ id: 'd-comp', plugin: { id: 'studio.wasm.compressor' } }] }], master: {} };
  expect(cpuBreakdown(layout, stats, document).map((e) => `${e.name} ${percent(e.load)}`))
    .toEqual(['Drums 30%', 'compressor on Drums 25%', 'Master 2%']);
});

test('a reading that is not a number counts as none and leaves the others heaviest first', () => {
  const layout: GraphLayout = {
    stats: null, modules: [],
    tracks: ['a', 'b', 'c', 'd', 'master'].map((id, i) => ({ id, at: i * TRACK_STAT_SLOTS, inserts: [] })),
  };
  const stats = new Float64Array(5 * TRACK_STAT_SLOTS);
  [0.01, Number.NaN, 0.02, Number.POSITIVE_INFINITY, 0.015].forEach((load, i) => { stats[i * TRACK_STAT_SLOTS + TRACK_STAT.Cpu] = load; });
  const document = { tracks: [], master: {} };
  expect(cpuBreakdown(layout, stats, document).map((e) => `${e.name} ${percent(e.load)}`))
    .toEqual(['c 2%', 'Master 2%', 'a 1%', 'b 0%', 'd 0%']);
});
