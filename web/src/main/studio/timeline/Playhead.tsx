// The playhead, moved at display rate straight in the DOM from the engine's position (a React
// render per frame would be wasted work). The engine's position is in frames of the context's rate;
// the tempo is read each frame from a ref, so a tempo change moves it at once.
import { useEffect, useRef } from 'react';

import { STATE_POSITION } from '../../../shared/engine-protocol';
import type { Transport } from '../transport';

export function Playhead({ transport, tempo, pixelsPerBeat, className }: { transport: Transport; tempo: number; pixelsPerBeat: number; className: string }) {
  const line = useRef<HTMLDivElement>(null);
  const scale = useRef({ tempo, pixelsPerBeat });
  scale.current = { tempo, pixelsPerBeat };

  useEffect(() => {
    let frame = 0;
    let shown = NaN;
    const move = () => {
      frame = requestAnimationFrame(move);
      const position = transport.engine.state[STATE_POSITION];
      const x = (position / transport.context.sampleRate) * (scale.current.tempo / 60) * scale.current.pixelsPerBeat;
      if (x === shown || line.current === null) return;
      shown = x;
      line.current.style.transform = `translateX(${x}px)`;
    };
    frame = requestAnimationFrame(move);
    return () => cancelAnimationFrame(frame);
  }, [transport]);

  return <div ref={line} className={className} aria-hidden="true" />;
}
