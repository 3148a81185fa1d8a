// The mixer panel: one strip per track in session order, the master's pinned at the right. Its
// view of the session is the mixer's store (mixer-store.ts), which follows the session model;
// changes go through Transport.apply as session operations (docs/session-ops.md). Focus or a
// click in a strip selects its track (the sidebar's quick strip shows it).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';

import type { EngineFault } from '../../../shared/engine-protocol';
import { pluginWindows } from '../plugins/window-stack';
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
  // The windows themselves are drawn by PluginWindows (StudioRoom), so they stay open with the
  // mixer closed and the sidebar opens the same ones.
  const openWindow = (track: string) => (insert: string) => pluginWindows.getState().open({ track, insert });

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
      {error !== '' ? <p className="error mixer-error" role="alert">{error}</p> : null}
    </section>
  );
}
