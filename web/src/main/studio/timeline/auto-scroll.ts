// The timeline scrolling by itself: following the playhead while the session plays, and while a
// clip is dragged to an edge of the lanes. Pure functions of positions in pixels, so what they
// decide is checked in vitest (tests/unit/auto-scroll.test.ts); Timeline.tsx and Clip.tsx apply
// them. "Follow playhead" is a setting remembered in this browser.

// ---- following the playhead, page by page (as REAPER and Logic do): the view stays still while
// the playhead crosses it, and when the playhead leaves it (past the right edge, or back before
// the left one as a loop wraps) the view jumps so that the playhead is near its left edge again.

// How far in from the left edge the playhead lands after a page turn: a little room before it.
export const FOLLOW_LEAD = 24;

// The scrollLeft that brings `playheadX` (pixels into the lanes) back into a view of the lanes
// [scrollLeft, scrollLeft + viewWidth), or null when it is in view.
export function followScroll(playheadX: number, scrollLeft: number, viewWidth: number): number | null {
  if (playheadX >= scrollLeft && playheadX < scrollLeft + viewWidth) return null;
  return Math.max(0, Math.round(playheadX - Math.min(FOLLOW_LEAD, viewWidth / 8)));
}

// ---- scrolling while a clip is dragged to an edge: within EDGE_ZONE pixels of an edge of the
// lanes, or past it, the view scrolls that way, the faster the farther the pointer is.
export const EDGE_ZONE = 24;
const EDGE_BASE = 120;  // pixels a second on entering the zone
const EDGE_GAIN = 16;   // more pixels a second per pixel deeper
const EDGE_MAX = 3000;

// Pixels a second along one axis for a pointer at `pointer` in a view spanning [low, high]: < 0
// towards low, > 0 towards high, 0 away from both edges.
export function edgeSpeed(pointer: number, low: number, high: number): number {
  const near = Math.min(EDGE_ZONE, (high - low) / 4);  // a small view keeps a middle that does not scroll
  const from = low + near;
  const to = high - near;
  if (pointer < from) return -Math.min(EDGE_MAX, EDGE_BASE + (from - pointer) * EDGE_GAIN);
  if (pointer > to) return Math.min(EDGE_MAX, EDGE_BASE + (pointer - to) * EDGE_GAIN);
  return 0;
}

// ---- the setting
const FOLLOW_KEY = 'wasm-studio.followPlayhead';

export function storedFollowing(): boolean {
  try {
    return globalThis.localStorage?.getItem(FOLLOW_KEY) !== 'false';  // on unless turned off
  } catch {
    return true;  // storage refused (a private window's policy): the default
  }
}

export function storeFollowing(following: boolean): void {
  try {
    globalThis.localStorage?.setItem(FOLLOW_KEY, String(following));
  } catch {
    // not remembered, still in force for this page
  }
}
