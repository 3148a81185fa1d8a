// The mixer panel: one strip per track in session order, the master's pinned at the right. Its
// view of the session is the mixer's store (mixer-store.ts), which follows the session model;
// changes go through Transport.apply as session operations (docs/session-ops.md). Focus or a
// click in a strip selects its track (the sidebar's quick strip shows it).
// The track strips are virtualised across (@tanstack/react-virtual, as the timeline's rows): only
// those in view, a few either side and the ones the keyboard needs (strip-range.ts) are in the DOM,
// so a 64-track session costs the page what a dozen strips do. They stay a list a screen reader
// walks, each strip's place and the list's size given (aria-posinset, aria-setsize); a strip that
// the keyboard's focus moves into is scrolled into view. Strips are memoised: one strip's change
// draws that strip again, not the mixer.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useStore } from 'zustand';

import type { EngineFault } from '../../../shared/engine-protocol';
import { pluginWindows } from '../plugins/window-stack';
import { selection } from '../sidebar/selection-store';
import type { Transport } from '../transport';
import { createMixerStore, followSession, type MixerStore, type StripView } from './mixer-store';
import { Strip } from './Strip';
import { stripIndexes, stripMargins } from './strip-range';

type Edit = (ops: object[]) => void;
const NO_FAULTS: EngineFault[] = [];
// A strip's width and the gap between strips, in rem (studio.css: .strip, .mixer-strips): the
// virtualiser's first guess, which it corrects by measuring the strips drawn.
const STRIP_REM = 8.5;
const GAP_REM = 0.5;
const OVERSCAN = 2;

function useMixerStore(transport: Transport): MixerStore {
  const store = useMemo(() => createMixerStore(transport.session), [transport]);
  useEffect(() => followSession(store, transport.session), [store, transport]);
  return store;
}

// One strip with what opens its plugins' windows (the windows themselves are drawn by
// PluginWindows in StudioRoom, so they stay open with the mixer closed and the sidebar opens the
// same ones). Memoised: drawn again only when its strip's view, its faults or the edit change.
const MixerStrip = memo(function MixerStrip({ transport, strip, faults, edit, onRefused }: {
  transport: Transport; strip: StripView; faults: EngineFault[]; edit: Edit; onRefused: (message: string) => void;
}) {
  const onOpen = useCallback((insert: string) => pluginWindows.getState().open({ track: strip.id, insert }), [strip.id]);
  return <Strip transport={transport} strip={strip} faults={faults} edit={edit} onOpen={onOpen} onRefused={onRefused} />;
});

export function Mixer({ transport, faults, id }: { transport: Transport; faults: EngineFault[]; id: string }) {
  const store = useMixerStore(transport);
  const { tracks, master } = useStore(store);
  const [error, setError] = useState('');
  const selected = useStore(selection, (s) => s.track);

  const edit = useCallback((ops: object[]) => {
    void transport.apply({ format: 'wasm-studio-ops', version: 1, ops }).then((result) => {
      setError(result.ok ? '' : `The change was refused: ${result.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ')}`);
    });
  }, [transport]);

  // Each track's faults as one array per change of `faults` (a strip without any shares one).
  const faultsByTrack = useMemo(() => {
    const byTrack = new Map<string, EngineFault[]>();
    for (const fault of faults) byTrack.set(fault.track, [...(byTrack.get(fault.track) ?? []), fault]);
    return byTrack;
  }, [faults]);
  const faultsOf = (track: string) => faultsByTrack.get(track) ?? NO_FAULTS;

  // ---- the strips across: which are drawn (a focused strip is the selected one: focus selects)
  const scroller = useRef<HTMLDivElement>(null);
  const remPx = useMemo(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16, []);
  const selectedIndex = tracks.findIndex((t) => t.id === selected);
  const virtualizer = useVirtualizer({
    horizontal: true,
    count: tracks.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => STRIP_REM * remPx,
    gap: GAP_REM * remPx,
    overscan: OVERSCAN,
    getItemKey: (index) => tracks[index]?.id ?? index,
    rangeExtractor: (range) => stripIndexes(range.count, range.startIndex - range.overscan, range.endIndex + range.overscan,
      selectedIndex >= 0 ? [selectedIndex] : []),
  });
  const items = virtualizer.getVirtualItems();
  const margins = stripMargins(items);

  // The keyboard's focus moving into a strip brings the whole strip into view (a pointer's does
  // not: the strip would move under it).
  const onFocus = (event: React.FocusEvent) => {
    const target = event.target as Element;
    if (!target.matches(':focus-visible')) return;
    target.closest('[data-index]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };

  return (
    <section id={id} className="mixer" aria-label="Mixer">
      <div ref={scroller} className="mixer-tracks">
        <div className="mixer-strips" role="list" aria-label="Track strips" style={{ width: virtualizer.getTotalSize() }} onFocus={onFocus}>
          {items.map((item, i) => {
            const strip = tracks[item.index];
            return (
              <div key={item.key} ref={virtualizer.measureElement} data-index={item.index} className="strip-slot" role="listitem"
                aria-posinset={item.index + 1} aria-setsize={tracks.length} style={{ marginLeft: margins[i] }}>
                <MixerStrip transport={transport} strip={strip} faults={faultsOf(strip.id)} edit={edit} onRefused={setError} />
              </div>
            );
          })}
        </div>
      </div>
      <MixerStrip transport={transport} strip={master} faults={faultsOf(master.id)} edit={edit} onRefused={setError} />
      {error !== '' ? <p className="error mixer-error" role="alert">{error}</p> : null}
    </section>
  );
}
