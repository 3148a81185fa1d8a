// Which of the mixer's track strips are in the DOM (Mixer.tsx virtualises them across): the ones in
// view with a few either side, and always the first and the last strip and the strip kept for
// focus with its neighbours. That keeps the keyboard's order what it would be with every strip
// drawn: Tab into the strips from before them reaches the first, Shift+Tab from the master the
// last, and Tab or Shift+Tab out of a strip the one beside it (which the focus then brings into
// view); a strip holding focus or a drag is never taken out from under it.

// The indexes to draw, ascending: `from`..`to` (the view and its overscan, inclusive), 0 and
// count - 1, and each of `kept` with the index before and after it; all within 0..count - 1.
export function stripIndexes(count: number, from: number, to: number, kept: readonly number[]): number[] {
  if (count <= 0) return [];
  const indexes = new Set<number>([0, count - 1]);
  for (let i = Math.max(0, from); i <= Math.min(count - 1, to); ++i) indexes.add(i);
  for (const k of kept) {
    if (k < 0 || k >= count) continue;
    for (const i of [k - 1, k, k + 1]) if (i >= 0 && i < count) indexes.add(i);
  }
  return [...indexes].sort((a, b) => a - b);
}

// The drawn strips lie in a row in the DOM: each is put at its place across the whole row by a
// left margin, the room of the strips left out before it (`start`: where it begins, in pixels from
// the row's start; `end`: where it ends). Returns each strip's margin.
export function stripMargins(items: readonly { start: number; end: number }[]): number[] {
  let at = 0;
  return items.map((item) => {
    const margin = item.start - at;
    at = item.end;
    return margin;
  });
}
