// @vitest-environment jsdom
// The timeline's auto-scroll decisions (src/main/studio/timeline/auto-scroll.ts): following the
// playhead a page at a time, scrolling at the edges while a clip is dragged (faster the farther
// out), and the Follow playhead setting, on by default and remembered; a scroll by hand pauses it
// until the next Play or a press of the toggle (the timeline's store).
import { afterEach, describe, expect, test } from 'vitest';

import { EDGE_ZONE, FOLLOW_LEAD, edgeSpeed, followScroll } from '../../src/main/studio/timeline/auto-scroll';
import { createTimelineUi } from '../../src/main/studio/timeline/timeline-store';

afterEach(() => localStorage.clear());

describe('following the playhead', () => {
  test('the view stays still while the playhead crosses it', () => {
    expect(followScroll(0, 0, 800)).toBeNull();
    expect(followScroll(799, 0, 800)).toBeNull();
    expect(followScroll(1500, 1000, 800)).toBeNull();
  });
  test('past the right edge it turns a page: the playhead near the left edge', () => {
    expect(followScroll(800, 0, 800)).toBe(800 - FOLLOW_LEAD);
    expect(followScroll(1800.4, 1000, 800)).toBe(1800 - FOLLOW_LEAD);
  });
  test('back before the left edge (a loop wrapped, a seek) it goes back there, never before 0', () => {
    expect(followScroll(100, 1000, 800)).toBe(100 - FOLLOW_LEAD);
    expect(followScroll(10, 1000, 800)).toBe(0);
  });
  test('a narrow view keeps the lead within an eighth of it', () => {
    expect(followScroll(500, 0, 80)).toBe(490);
  });
});

describe('scrolling at the edges while dragging', () => {
  test('none away from the edges; towards an edge within its zone; faster the farther out', () => {
    expect(edgeSpeed(500, 0, 1000)).toBe(0);
    expect(edgeSpeed(EDGE_ZONE + 1, 0, 1000)).toBe(0);
    const inZone = edgeSpeed(1000 - EDGE_ZONE / 2, 0, 1000);
    const atEdge = edgeSpeed(1000, 0, 1000);
    const past = edgeSpeed(1040, 0, 1000);
    expect(inZone).toBeGreaterThan(0);
    expect(atEdge).toBeGreaterThan(inZone);
    expect(past).toBeGreaterThan(atEdge);
    expect(edgeSpeed(-40, 0, 1000)).toBe(-past);
    expect(edgeSpeed(1e6, 0, 1000)).toBe(3000);  // bounded
  });
  test('a small view keeps a middle that does not scroll', () => {
    expect(edgeSpeed(50, 0, 100)).toBe(0);
    expect(edgeSpeed(20, 0, 100)).toBeLessThan(0);
  });
});

describe('the Follow playhead setting', () => {
  test('on by default; turned off, it is remembered for the next timeline', () => {
    const ui = createTimelineUi();
    expect(ui.getState().following).toBe(true);
    ui.getState().setFollowing(false);
    expect(createTimelineUi().getState().following).toBe(false);
    ui.getState().setFollowing(true);
    expect(createTimelineUi().getState().following).toBe(true);
  });
  test('a press of the toggle ends a pause by scrolling', () => {
    const ui = createTimelineUi();
    ui.getState().setFollowPaused(true);
    ui.getState().setFollowing(true);
    expect(ui.getState().followPaused).toBe(false);
  });
});
