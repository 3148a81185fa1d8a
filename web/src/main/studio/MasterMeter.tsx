// The master level: two bars (left, right) drawn on a canvas at display rate from the peaks the
// worklet publishes, green to yellow to red, with a numeric peak-hold readout and "Clip" as
// text (colour is never the only carrier of meaning).
import { useEffect, useRef } from 'react';

import { STATE_PEAK_LEFT, STATE_PEAK_RIGHT } from '../../shared/engine-protocol';
import { peakDb } from '../format/time';

const FLOOR_DB = -60;
export const HOLD_SECONDS = 1.5;

// Where a linear peak reaches on a meter of FLOOR_DB..0 dB (the mixer's strips too).
export function meterFraction(linear: number): number {
  if (!(linear > 0)) return 0;
  const db = 20 * Math.log10(linear);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

export function MasterMeter({ state }: { state: Float64Array }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const readout = useRef<HTMLSpanElement>(null);
  const clip = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    let frame = 0;
    let held = 0;
    let heldAt = 0;
    let shownText = '';
    let clipped = false;
    const draw = (now: number) => {
      frame = requestAnimationFrame(draw);
      const element = canvas.current;
      const context = element?.getContext('2d');
      if (!element || !context) return;
      const peaks = [state[STATE_PEAK_LEFT], state[STATE_PEAK_RIGHT]];
      const loudest = Math.max(peaks[0], peaks[1]);
      if (loudest >= held || now - heldAt > HOLD_SECONDS * 1000) {
        held = loudest;
        heldAt = now;
      }
      if (loudest > 1 && !clipped) {
        clipped = true;
        if (clip.current) clip.current.hidden = false;
      }
      const text = peakDb(held);
      if (text !== shownText && readout.current) {
        readout.current.textContent = text;
        shownText = text;
      }
      const { width, height } = element;
      context.clearRect(0, 0, width, height);
      const gradient = context.createLinearGradient(0, 0, width, 0);
      gradient.addColorStop(0, '#4cd08a');
      gradient.addColorStop(0.75, '#4cd08a');
      gradient.addColorStop(0.9, '#f5c451');
      gradient.addColorStop(1, '#ff6b6b');
      const bar = (height - 2) / 2;
      peaks.forEach((peak, channel) => {
        const y = channel * (bar + 2);
        context.fillStyle = '#272c36';
        context.fillRect(0, y, width, bar);
        context.fillStyle = gradient;
        context.fillRect(0, y, meterFraction(peak) * width, bar);
      });
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [state]);

  return (
    <div className="meter" role="group" aria-label="Master level">
      <span className="meter-label">Master</span>
      <canvas ref={canvas} className="meter-bars" width={240} height={18} aria-hidden="true" />
      <span ref={readout} className="meter-readout" aria-label="Master peak">-inf dB</span>
      <span ref={clip} className="meter-clip" hidden>Clip</span>
    </div>
  );
}
