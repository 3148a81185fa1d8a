// Two versions side by side, in words: what changed in the plan (name, blocks, knobs by id: added,
// removed, renamed, range or default moved, the mix) and how many source lines were added and
// removed (a longest-common-subsequence line diff).
import type { ForgePlan } from '../../server/api';

type Param = ForgePlan['parameters'][number];

const unit = (p: Param) => (p.unit ? ` ${p.unit}` : '');

export function comparePlans(a: ForgePlan | null | undefined, b: ForgePlan | null | undefined): string[] {
  if (!a || !b) return [a === b ? 'neither has a plan (written by hand)' : 'only one of them has a plan'];
  const out: string[] = [];
  if (a.name !== b.name) out.push(`renamed from ${a.name} to ${b.name}`);
  const kindsA = a.blocks.map((x) => x.kind).join(' → ');
  const kindsB = b.blocks.map((x) => x.kind).join(' → ');
  if (kindsA !== kindsB) out.push(`chain: ${kindsA} became ${kindsB}`);
  const before = new Map(a.parameters.map((p) => [p.id, p]));
  const after = new Map(b.parameters.map((p) => [p.id, p]));
  for (const [id, p] of after) {
    const q = before.get(id);
    if (!q) {
      out.push(`added the ${p.name} knob (${p.min} to ${p.max}${unit(p)})`);
      continue;
    }
    if (q.name !== p.name) out.push(`the ${q.name} knob is called ${p.name}`);
    if (q.min !== p.min || q.max !== p.max) out.push(`${p.name}: range ${q.min}–${q.max} became ${p.min}–${p.max}${unit(p)}`);
    if (q.default !== p.default) out.push(`${p.name}: default ${q.default} became ${p.default}${unit(p)}`);
  }
  for (const [id, q] of before) if (!after.has(id)) out.push(`removed the ${q.name} knob`);
  const fixed = (plan: ForgePlan) => plan.blocks.map((x) => JSON.stringify(x)).join('\n');
  if (out.length === 0 && fixed(a) !== fixed(b)) out.push('fixed settings of the blocks changed');
  if (out.length === 0) out.push('the same plan');
  return out;
}

// Lines added and removed from `a` to `b`.
export function lineChanges(a: string, b: string): { added: number; removed: number } {
  const x = a.split('\n');
  const y = b.split('\n');
  let previous = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i += 1) {
    const row = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j += 1) row[j] = x[i - 1] === y[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
    previous = row;
  }
  const common = previous[y.length];
  return { added: y.length - common, removed: x.length - common };
}
