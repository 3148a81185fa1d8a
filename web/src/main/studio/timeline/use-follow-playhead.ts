// Follow playhead (auto-scroll.ts decides where to): while the session plays and the setting is
// on, the timeline's scrolling area turns a page whenever the playhead leaves the view. A
// horizontal scroll by hand while playing pauses following until the next Play (or a press of
// the toggle): the timeline's own scrolls go through setScrollLeft, so any other change of
// scrollLeft is the musician's. Runs once per display frame, reading the engine's position as the
// playhead does, without rendering.
import { type RefObject, useEffect, useRef } from 'react';

import { STATE_PLAYING, STATE_POSITION } from '../../../shared/engine-protocol';
import type { Transport } from '../transport';
import { followScroll } from './auto-scroll';
import { HEADER_WIDTH } from './timeline-context';
import type { TimelineUiStore } from './timeline-store';

// The scrollLeft each scrolling area was last given by the timeline itself.
const ownScroll = new WeakMap<HTMLElement, number>();

// A horizontal scroll of the timeline's own (zoom keeping a point in place, focus brought into
// view, a page turn): not taken for the musician's.
export function setScrollLeft(element: HTMLElement, left: number): void {
  element.scrollLeft = left;
  ownScroll.set(element, element.scrollLeft);  // as the browser clamped it
}

export function useFollowPlayhead(scroller: RefObject<HTMLDivElement | null>, transport: Transport, ui: TimelineUiStore,
  tempo: number, pixelsPerBeat: number): void {
  const scale = useRef({ tempo, pixelsPerBeat });
  scale.current = { tempo, pixelsPerBeat };

  useEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    ownScroll.set(element, element.scrollLeft);
    const playing = () => transport.engine.state[STATE_PLAYING] !== 0;

    const onScroll = () => {
      const own = ownScroll.get(element) ?? 0;
      if (Math.abs(element.scrollLeft - own) <= 1) return;
      ownScroll.set(element, element.scrollLeft);
      const state = ui.getState();
      if (playing() && state.following && !state.followPaused) state.setFollowPaused(true);
    };
    element.addEventListener('scroll', onScroll, { passive: true });

    let frame = 0;
    let wasPlaying = playing();
    const tick = () => {
      frame = requestAnimationFrame(tick);
      const now = playing();
      const state = ui.getState();
      if (now && !wasPlaying && state.followPaused) state.setFollowPaused(false);  // the next Play
      wasPlaying = now;
      if (!now || !state.following || state.followPaused || state.dragging !== null) return;
      const seconds = transport.engine.state[STATE_POSITION] / transport.context.sampleRate;
      const x = seconds * (scale.current.tempo / 60) * scale.current.pixelsPerBeat;
      const next = followScroll(x, element.scrollLeft, element.clientWidth - HEADER_WIDTH);
      if (next !== null) setScrollLeft(element, next);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener('scroll', onScroll);
    };
  }, [scroller, transport, ui]);
}
