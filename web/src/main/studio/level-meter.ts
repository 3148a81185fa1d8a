// What every level meter of the studio does at display rate (the transport bar's master meter and
// the mixer's strips): two bars (left, right) on a canvas, green to yellow to red, the loudest
// peak held for HOLD_SECONDS as a number in dB, and "Clip" as text once the level passed 0 dB
// (colour is never the only carrier of meaning).
import { type RefObject, useEffect, useRef } from 'react';

import { peakDb } from '../format/time';

const FLOOR_DB = -60;
export const HOLD_SECONDS = 1.5;

// Where a linear peak reaches on a meter of FLOOR_DB..0 dB.
export function meterFraction(linear: number): number {
  if (!(linear > 0)) return 0;
  const db = 20 * Math.log10(linear);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

export interface LevelMeterRefs {
  canvas: RefObject<HTMLCanvasElement | null>;
  readout: RefObject<HTMLSpanElement | null>; // the held peak, as text
  clip: RefObject<HTMLSpanElement | null>; // shown once the level passed 0 dB
}

export interface LevelMeterLook {
  vertical: boolean;
  background: string; // of an empty bar
}

// Draws the meter every animation frame from `peaks(now)` (linear left and right) while mounted;
// a change of `deps` starts it over (a new source of peaks).
export function useLevelMeter(peaks: (now: number) => [number, number], look: LevelMeterLook, deps: unknown[]): LevelMeterRefs {
  const refs = { canvas: useRef<HTMLCanvasElement>(null), readout: useRef<HTMLSpanElement>(null), clip: useRef<HTMLSpanElement>(null) };
  useEffect(() => {
    let frame = 0;
    let held = 0;
    let heldAt = 0;
    let shownText = '';
    // A meter scrolled out of view (most of a big session's strips) is not drawn: a canvas
    // redrawn every frame costs its raster and upload even where no one sees it.
    let visible = true;
    const watched = refs.canvas.current;
    const observer = watched !== null && typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => { visible = entries[entries.length - 1].isIntersecting; }) : null;
    if (watched !== null) observer?.observe(watched);
    const draw = (now: number) => {
      frame = requestAnimationFrame(draw);
      const element = refs.canvas.current;
      if (!visible) return;
      const context = element?.getContext('2d');
      if (!element || !context) return;
      const levels = peaks(now);
      const loudest = Math.max(levels[0], levels[1]);
      if (loudest >= held || now - heldAt > HOLD_SECONDS * 1000) {
        held = loudest;
        heldAt = now;
      }
      if (loudest > 1 && refs.clip.current?.hidden) refs.clip.current.hidden = false;
      const text = peakDb(held);
      if (text !== shownText && refs.readout.current) {
        refs.readout.current.textContent = text;
        shownText = text;
      }
      const { width, height } = element;
      context.clearRect(0, 0, width, height);
      const gradient = look.vertical ? context.createLinearGradient(0, height, 0, 0) : context.createLinearGradient(0, 0, width, 0);
      gradient.addColorStop(0, '#4cd08a');
      gradient.addColorStop(0.75, '#4cd08a');
      gradient.addColorStop(0.9, '#f5c451');
      gradient.addColorStop(1, '#ff6b6b');
      const bar = ((look.vertical ? width : height) - 2) / 2;
      levels.forEach((peak, channel) => {
        const at = channel * (bar + 2);
        const reach = meterFraction(peak);
        context.fillStyle = look.background;
        if (look.vertical) context.fillRect(at, 0, bar, height);
        else context.fillRect(0, at, width, bar);
        context.fillStyle = gradient;
        if (look.vertical) context.fillRect(at, height * (1 - reach), bar, height * reach);
        else context.fillRect(0, at, reach * width, bar);
      });
    };
    frame = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(frame);
      observer?.disconnect();
    };
    // `deps` names what the peaks come from; `peaks` and `look` may be new objects every render.
  }, deps);
  return refs;
}
