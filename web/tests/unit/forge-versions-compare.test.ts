// Two Forge versions compared in words: the plan's changes by knob id and the source's lines.
import { describe, expect, it } from 'vitest';

import type { ForgePlan } from '../../src/main/server/api';
import { comparePlans, lineChanges } from '../../src/main/forge/versions/compare';

const plan = (over: Partial<ForgePlan> = {}): ForgePlan => ({
  id: 'echo', name: 'Echo', description: '', mix: null, notes: [],
  parameters: [{ id: 'feedback', name: 'Feedback', unit: '%', min: 0, max: 95, default: 40, scale: 'linear' }],
  blocks: [{ kind: 'delay', controls: { feedback: { param: 'feedback' } }, options: {} }],
  ...over,
});

describe('comparing two versions', () => {
  it('names renamed, moved, added and removed knobs and a changed chain', () => {
    const after = plan({
      name: 'Canyon',
      parameters: [
        { id: 'feedback', name: 'Repeats', unit: '%', min: 0, max: 95, default: 25, scale: 'linear' },
        { id: 'mix', name: 'Mix', unit: '%', min: 0, max: 100, default: 100, scale: 'linear' },
      ],
      blocks: [...plan().blocks, { kind: 'lowpass', controls: { cutoff: 2000, resonance: 0.7 }, options: {} }],
    });
    expect(comparePlans(plan(), after)).toEqual([
      'renamed from Echo to Canyon',
      'chain: delay became delay → lowpass',
      'the Feedback knob is called Repeats',
      'Repeats: default 40 became 25 %',
      'added the Mix knob (0 to 100 %)',
    ]);
    expect(comparePlans(after, plan())).toContain('removed the Mix knob');
    expect(comparePlans(plan(), plan())).toEqual(['the same plan']);
    expect(comparePlans(null, plan())).toEqual(['only one of them has a plan']);
  });

  it('counts the lines added and removed', () => {
    expect(lineChanges('a\nb\nc', 'a\nx\nc\nd')).toEqual({ added: 2, removed: 1 });
    expect(lineChanges('same', 'same')).toEqual({ added: 0, removed: 0 });
  });
});
