// The transport position as bars:beats and m:ss.mmm, refreshed at display rate straight into the
// DOM (a React render per frame would be wasted work).
import { useEffect, useRef } from 'react';

import { STATE_POSITION } from '../../shared/engine-protocol';
import { barsBeats, clockTime, type TimeSignature } from '../format/time';

// The tempo and signature are the session's as they are now (they are edits).
export function PositionDisplay({ state, tempo, signature, sampleRate }: { state: Float64Array; tempo: number; signature: TimeSignature; sampleRate: number }) {
  const bars = useRef<HTMLSpanElement>(null);
  const time = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    let frame = 0;
    let shown = -1;
    const update = () => {
      frame = requestAnimationFrame(update);
      const position = state[STATE_POSITION];
      if (position === shown) return;
      shown = position;
      if (bars.current) bars.current.textContent = barsBeats(position, sampleRate, tempo, signature);
      if (time.current) time.current.textContent = clockTime(position, sampleRate);
    };
    frame = requestAnimationFrame(update);
    return () => cancelAnimationFrame(frame);
  }, [state, tempo, signature, sampleRate]);

  return (
    <div className="position" role="group" aria-label="Position">
      <span ref={bars} className="position-bars" data-testid="position-bars" aria-label="Bars and beats">1:1</span>
      <span ref={time} className="position-time" data-testid="position-time" aria-label="Time">0:00.000</span>
    </div>
  );
}
