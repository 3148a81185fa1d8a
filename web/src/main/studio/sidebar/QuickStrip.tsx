// The side panel's quick strip: the selected track's (or the master's) inserts, each with its
// bypass, a button that opens its window, and its first few parameters as small knobs (the
// parameters a plugin puts first are its main ones), each an edit like the window's. Selecting a
// mixer strip selects its track (selection-store.ts).
import { useSyncExternalStore } from 'react';
import { useStore } from 'zustand';

import type { EngineFault } from '../../../shared/engine-protocol';
import { Slider } from '../mixer/Slider';
import { insertLabel } from '../mixer/insert-order';
import { type InsertInSession, insertOf } from '../plugins/PluginWindow';
import { paramScale } from '../plugins/param-scale';
import { pluginWindows } from '../plugins/window-stack';
import type { Transport } from '../transport';
import { selection } from './selection-store';

export const QUICK_PARAMS = 4;

function QuickInsert({ transport, track, trackName, insert, fault }: {
  transport: Transport; track: string; trackName: string; insert: InsertInSession; fault: EngineFault | undefined;
}) {
  const descriptor = transport.descriptors[insert.plugin.id];
  const name = descriptor?.name ?? insert.plugin.id;
  const quick = (descriptor?.params ?? []).filter((p) => p.type === 'float' || p.type === 'int').slice(0, QUICK_PARAMS);
  const live = (param: number, value: number) => {
    const now = insertOf(transport, { track, insert: insert.id });
    if (now !== null) transport.liveParam(track, now.slot, param, value);
  };
  const keep = (param: number, value: number) => void transport.apply({ format: 'wasm-studio-ops', version: 1, ops: [{ op: 'insert.setParam', insert: insert.id, param, value }] });
  return (
    <li className={`quick-insert${insert.bypass ? ' bypassed' : ''}`}>
      <div className="quick-insert-head">
        <button type="button" className="quick-open" onClick={() => pluginWindows.getState().open({ track, insert: insert.id })}
          aria-label={`Window of ${insertLabel(name, trackName, insert.bypass === true, fault).replace(/: open its window$/, '')}`}>{name}</button>
        <button type="button" className="insert-bypass" aria-pressed={insert.bypass === true} aria-label={`Bypass ${name} on ${trackName}`}
          onClick={() => void transport.apply({ format: 'wasm-studio-ops', version: 1, ops: [{ op: 'insert.setBypass', insert: insert.id, bypass: insert.bypass !== true }] })}>B</button>
      </div>
      {fault !== undefined ? <p className="fault-badge">Failed ({fault.kind}): {fault.message}</p> : null}
      <div className="quick-params">
        {quick.map((param) => {
          const scale = paramScale(param);
          const value = insert.params?.[String(param.id)] ?? param.default;
          return (
            <div key={param.id} className="quick-param">
              <Slider scale={scale} value={value} label={`${param.name} of ${name} on ${trackName}`} orientation="vertical" look="knob" className="quick-knob"
                onLive={(next) => live(param.id, next)} onCommit={(next) => keep(param.id, next)} />
              <span className="quick-param-name" aria-hidden="true">{param.name}</span>
              <span className="quick-param-value" aria-hidden="true">{scale.text(value)}</span>
            </div>
          );
        })}
      </div>
    </li>
  );
}

export function QuickStrip({ transport, faults }: { transport: Transport; faults: EngineFault[] }) {
  const track = useStore(selection, (s) => s.track);
  useSyncExternalStore((listener) => transport.session.subscribe(listener), () => transport.session.document);
  const document = transport.session.document;
  const found = track === 'master' ? { name: 'Master', inserts: document.master.inserts } : document.tracks.find((t) => t.id === track);
  const inserts = (found?.inserts ?? []) as InsertInSession[];
  const trackName = found === undefined ? '' : track === 'master' ? 'Master' : (found as { name?: string }).name || track!;
  return (
    <aside className="quick-strip" aria-label="Quick controls">
      <h2>{found === undefined ? 'Quick controls' : `${trackName}: inserts`}</h2>
      {found === undefined ? <p className="hint">Select a track (click or focus its mixer strip) to see its inserts here.</p> : null}
      {found !== undefined && inserts.length === 0 ? <p className="hint">{trackName} has no inserts. Add one from its mixer strip.</p> : null}
      {inserts.length > 0 ? (
        <ul aria-label={`${trackName} inserts, quick controls`}>
          {inserts.map((insert) => <QuickInsert key={insert.id} transport={transport} track={track!} trackName={trackName} insert={insert}
            fault={faults.find((f) => f.insert === insert.id)} />)}
        </ul>
      ) : null}
    </aside>
  );
}
