// The transport position as bars:beats and m:ss.mmm, refreshed at display rate straight into the
// DOM (a React render per frame would be wasted work).
import { useEffect, useRef } from 'react';

import { STATE_POSITION } from '../../shared/engine-protocol';
import { barsBeats, clockTime } from '../format/time';
import type { SessionInfo } from '../audio/session-assets';

export function PositionDisplay({ state, info, sampleRate }: { state: Float64Array; info: SessionInfo; sampleRate: number }) {
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
      if (bars.current) bars.current.textContent = barsBeats(position, sampleRate, info.tempo, info.timeSignature);
      if (time.current) time.current.textContent = clockTime(position, sampleRate);
    };
    frame = requestAnimationFrame(update);
    return () => cancelAnimationFrame(frame);
  }, [state, info, sampleRate]);

  return (
    <div className="position" role="group" aria-label="Position">
      <span ref={bars} className="position-bars" data-testid="position-bars" aria-label="Bars and beats">1:1</span>
      <span ref={time} className="position-time" data-testid="position-time" aria-label="Time">0:00.000</span>
    </div>
  );
}
