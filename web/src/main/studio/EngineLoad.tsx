// The audio thread's load (the engine's share of real time) and the quanta rendered late since
// playback started, as text a few times a second: what a musician reads to know whether the
// session is more than this machine can play. The button opens the breakdown: every track and
// insert with its share, heaviest first, so that an overload names its cause.
import { Popover } from 'radix-ui';
import { memo, useEffect, useState } from 'react';

import { STATE_LATE_QUANTA, STATE_LOAD, STATS_INTERVAL_SECONDS } from '../../shared/engine-protocol';
import { type CpuEntry, cpuBreakdown, percent } from './cpu-breakdown';
import type { Transport } from './transport';

// The breakdown shows the heaviest entries; the rest take less than these.
const SHOWN = 12;

function useEvery<T>(read: () => T, same: (a: T, b: T) => boolean, deps: unknown[]): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    const timer = setInterval(() => {
      const next = read();
      setValue((now) => (same(now, next) ? now : next));
    }, STATS_INTERVAL_SECONDS * 1000);
    return () => clearInterval(timer);
  }, deps);
  return value;
}

function Breakdown({ transport }: { transport: Transport }) {
  const entries = useEvery<CpuEntry[]>(
    () => cpuBreakdown(transport.engine.layout, transport.engine.stats, transport.session.document).slice(0, SHOWN),
    (a, b) => a.length === b.length && a.every((e, i) => e.key === b[i].key && percent(e.load) === percent(b[i].load)),
    [transport]);
  return (
    <table className="cpu-table">
      <caption>Share of the audio thread's time, heaviest first (tracks include their inserts)</caption>
      <thead><tr><th scope="col">Track or insert</th><th scope="col">CPU</th></tr></thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.key} className={e.insert ? 'cpu-insert' : undefined}><td>{e.name}</td><td>{percent(e.load)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

export const EngineLoad = memo(function EngineLoad({ transport }: { transport: Transport }) {
  const state = transport.engine.state;
  const shown = useEvery(
    () => ({ load: Math.round(state[STATE_LOAD] * 100), late: state[STATE_LATE_QUANTA] }),
    (a, b) => a.load === b.load && a.late === b.late, [state]);
  const [open, setOpen] = useState(false);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button type="button" className={`engine-load${shown.load >= 80 ? ' high' : ''}`} data-testid="engine-load"
          title="The audio engine's share of real time, and render quanta that were late since Play. Opens the breakdown by track and insert.">
          CPU {shown.load}%{shown.late > 0 ? `, ${shown.late} late` : ''}
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover cpu-popover" sideOffset={6} aria-label="CPU by track and insert">
          {open ? <Breakdown transport={transport} /> : null}
          <Popover.Close className="dialog-close">Close</Popover.Close>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
});
