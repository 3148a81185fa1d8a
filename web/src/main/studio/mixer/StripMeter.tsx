// A strip's level: two vertical bars (left, right) drawn at display rate from the engine's stats
// (EngineNode.stats at the strip's place in EngineNode.layout, both read through the transport
// each frame: an edit or a rebuilt audio path replaces them), green to yellow to red, with the
// peak held for a moment as a number in dB, and "Clip" as text once the level passed 0 dB.
import { useEffect, useRef } from 'react';

import { METER_FALLOFF_DB_PER_SECOND, STATE_PEAK_LEFT, STATE_PEAK_RIGHT } from '../../../shared/engine-protocol';
import { peakDb } from '../../format/time';
import { HOLD_SECONDS, meterFraction } from '../MasterMeter';
import type { Transport } from '../transport';
import { MASTER_ID } from './mixer-store';

// The master's peaks are the transport's (STATE_PEAK_*, written every quantum, smoother than the
// stats' four times a second); a track's are in the stats.
function peaksOf(transport: Transport, track: string): [number, number] {
  const { layout, stats, state } = transport.engine;
  if (track === MASTER_ID) return [state[STATE_PEAK_LEFT], state[STATE_PEAK_RIGHT]];
  const at = layout.tracks.find((t) => t.id === track)?.at;
  return at === undefined ? [0, 0] : [stats[at], stats[at + 1]];
}

export function StripMeter({ transport, track }: { transport: Transport; track: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const readout = useRef<HTMLSpanElement>(null);
  const clip = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    let frame = 0;
    let held = 0;
    let heldAt = 0;
    let shownText = '';
    let shown = [0, 0];
    let drawnAt = 0;
    const draw = (now: number) => {
      frame = requestAnimationFrame(draw);
      const element = canvas.current;
      const context = element?.getContext('2d');
      if (!element || !context) return;
      // The bars fall no faster than the engine's meters do: an edit's new stats read zero until
      // the worklet's next take (STATS_INTERVAL_SECONDS), which would blink the bars out.
      const fall = 10 ** ((-METER_FALLOFF_DB_PER_SECOND / 20) * Math.min(1, Math.max(0, (now - drawnAt) / 1000)));
      drawnAt = now;
      const taken = peaksOf(transport, track);
      const peaks = [Math.max(taken[0], shown[0] * fall), Math.max(taken[1], shown[1] * fall)];
      shown = peaks;
      const loudest = Math.max(peaks[0], peaks[1]);
      if (loudest >= held || now - heldAt > HOLD_SECONDS * 1000) {
        held = loudest;
        heldAt = now;
      }
      if (loudest > 1 && clip.current?.hidden) clip.current.hidden = false;
      const text = peakDb(held);
      if (text !== shownText && readout.current) {
        readout.current.textContent = text;
        shownText = text;
      }
      const { width, height } = element;
      context.clearRect(0, 0, width, height);
      const gradient = context.createLinearGradient(0, height, 0, 0);
      gradient.addColorStop(0, '#4cd08a');
      gradient.addColorStop(0.75, '#4cd08a');
      gradient.addColorStop(0.9, '#f5c451');
      gradient.addColorStop(1, '#ff6b6b');
      const bar = (width - 2) / 2;
      peaks.forEach((peak, channel) => {
        const x = channel * (bar + 2);
        const top = height * (1 - meterFraction(peak));
        context.fillStyle = '#15171c';
        context.fillRect(x, 0, bar, height);
        context.fillStyle = gradient;
        context.fillRect(x, top, bar, height - top);
      });
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [transport, track]);

  return (
    <>
      <canvas ref={canvas} className="strip-meter" width={14} height={120} aria-hidden="true" />
      <span className="strip-peak">
        <span className="visually-hidden">Peak </span>
        <span ref={readout} data-testid="strip-peak">-inf dB</span>
        <span ref={clip} className="meter-clip" hidden> Clip</span>
      </span>
    </>
  );
}
