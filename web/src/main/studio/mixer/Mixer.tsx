// The mixer panel: one strip per track in session order, the master's pinned at the right. Its
// view of the session is the mixer's store (mixer-store.ts), which follows the session model;
// changes go through Transport.apply as session operations (docs/session-ops.md).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';

import type { EngineFault } from '../../../shared/engine-protocol';
import { type OpenInsert, PluginWindow } from '../plugins/PluginWindow';
import type { Transport } from '../transport';
import { createMixerStore, followSession, type MixerStore } from './mixer-store';
import { Strip } from './Strip';

function useMixerStore(transport: Transport): MixerStore {
  const store = useMemo(() => createMixerStore(transport.session), [transport]);
  useEffect(() => followSession(store, transport.session), [store, transport]);
  return store;
}

export function Mixer({ transport, faults, id }: { transport: Transport; faults: EngineFault[]; id: string }) {
  const store = useMixerStore(transport);
  const { tracks, master } = useStore(store);
  const [error, setError] = useState('');
  const [windows, setWindows] = useState<OpenInsert[]>([]);
  const openWindow = (track: string) => (insert: string) =>
    setWindows((open) => (open.some((w) => w.insert === insert) ? open : [...open, { track, insert }]));

  const edit = useCallback((ops: object[]) => {
    void transport.apply({ format: 'wasm-studio-ops', version: 1, ops }).then((result) => {
      setError(result.ok ? '' : `The change was refused: ${result.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ')}`);
    });
  }, [transport]);

  const faultsOf = (track: string) => faults.filter((f) => f.track === track);
  return (
    <section id={id} className="mixer" aria-label="Mixer">
      <div className="mixer-tracks">
        {tracks.map((strip) => <Strip key={strip.id} transport={transport} strip={strip} faults={faultsOf(strip.id)} edit={edit} onOpen={openWindow(strip.id)} onRefused={setError} />)}
      </div>
      <Strip transport={transport} strip={master} faults={faultsOf(master.id)} edit={edit} onOpen={openWindow(master.id)} onRefused={setError} />
      {windows.map((open, i) => (
        <PluginWindow key={open.insert} transport={transport} open={open} index={i}
          onClose={() => setWindows((all) => all.filter((w) => w.insert !== open.insert))} />
      ))}
      {error !== '' ? <p className="error mixer-error" role="alert">{error}</p> : null}
    </section>
  );
}
