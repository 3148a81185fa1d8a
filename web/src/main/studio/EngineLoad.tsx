// The audio thread's load (the engine's share of real time) and the quanta rendered late since
// playback started, as text a few times a second: what a musician reads to know whether the
// session is more than this machine can play. Per track and insert times are in the stats the
// engine node publishes (EngineNode.stats), for the mixer to show.
import { useEffect, useState } from 'react';

import { STATE_LATE_QUANTA, STATE_LOAD, STATS_INTERVAL_SECONDS } from '../../shared/engine-protocol';

export function EngineLoad({ state }: { state: Float64Array }) {
  const [shown, setShown] = useState({ load: 0, late: 0 });
  useEffect(() => {
    const timer = setInterval(() => {
      const next = { load: Math.round(state[STATE_LOAD] * 100), late: state[STATE_LATE_QUANTA] };
      setShown((now) => (now.load === next.load && now.late === next.late ? now : next));
    }, STATS_INTERVAL_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [state]);
  return (
    <span className={`engine-load${shown.load >= 80 ? ' high' : ''}`} data-testid="engine-load"
      title="The audio engine's share of real time, and render quanta that were late since Play">
      CPU {shown.load}%{shown.late > 0 ? `, ${shown.late} late` : ''}
    </span>
  );
}
