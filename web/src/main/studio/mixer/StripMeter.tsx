// A strip's level: two vertical bars (left, right) drawn at display rate from the engine's stats
// (EngineNode.stats at the strip's place in EngineNode.layout, both read through the transport
// each frame: an edit or a rebuilt audio path replaces them), green to yellow to red, with the
// peak held for a moment as a number in dB, and "Clip" as text once the level passed 0 dB.
import { memo, useRef } from 'react';

import { METER_FALLOFF_DB_PER_SECOND, STATE_PEAK_LEFT, STATE_PEAK_RIGHT, TRACK_STAT } from '../../../shared/engine-protocol';
import { useLevelMeter } from '../level-meter';
import type { Transport } from '../transport';
import { MASTER_ID } from './mixer-store';

// The master's peaks are the transport's (STATE_PEAK_*, written every quantum, smoother than the
// stats' four times a second); a track's are in the stats.
function peaksOf(transport: Transport, track: string): [number, number] {
  const { layout, stats, state } = transport.engine;
  if (track === MASTER_ID) return [state[STATE_PEAK_LEFT], state[STATE_PEAK_RIGHT]];
  const at = layout.tracks.find((t) => t.id === track)?.at;
  return at === undefined ? [0, 0] : [stats[at + TRACK_STAT.PeakLeft], stats[at + TRACK_STAT.PeakRight]];
}

const LOOK = { vertical: true, background: '#15171c' };

export const StripMeter = memo(function StripMeter({ transport, track }: { transport: Transport; track: string }) {
  const shown = useRef<[number, number]>([0, 0]);
  const drawnAt = useRef(0);
  const { canvas, readout, clip } = useLevelMeter((now) => {
    // The bars fall no faster than the engine's meters do: an edit's new stats read zero until
    // the worklet's next take (STATS_INTERVAL_SECONDS), which would blink the bars out.
    const fall = 10 ** ((-METER_FALLOFF_DB_PER_SECOND / 20) * Math.min(1, Math.max(0, (now - drawnAt.current) / 1000)));
    drawnAt.current = now;
    const taken = peaksOf(transport, track);
    shown.current = [Math.max(taken[0], shown.current[0] * fall), Math.max(taken[1], shown.current[1] * fall)];
    return shown.current;
  }, LOOK, [transport, track]);

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
});
