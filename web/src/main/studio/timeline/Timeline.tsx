// The timeline: a toolbar (add tracks, zoom, snapping), the ruler (sticky at the top), and one row
// per track, header (sticky at the left) and lane, in one scrolling area. Rows are virtualised
// (@tanstack/react-virtual: only the rows in view and a few around are in the DOM, so a session of
// hundreds of tracks scrolls as lightly as one of five), and lanes draw only the clips in the
// range around the view. The session's part comes from the session model (it follows every edit,
// undo and redo); every change goes through Transport.apply. Zoom: Ctrl/Cmd+wheel (around the
// pointer), + and - (around the view's middle), Z to fit, the toolbar's buttons. While playing the
// view follows the playhead a page at a time (the toolbar's Follow playhead; use-follow-playhead.ts).
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { type Range, defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';

import { factoryInstrument } from '../../audio/session-assets';
import type { Transport } from '../transport';
import { typingInto } from '../TransportBar';
import { PeaksCache } from './peaks-cache';
import { Playhead } from './Playhead';
import { Ruler } from './Ruler';
import { HEADER_WIDTH, LANE_HEIGHT, RULER_HEIGHT, type FocusRequest, TimelineContext, type TimelineContextValue } from './timeline-context';
import { type Op, addTrackOps, batch } from './timeline-edits';
import { clampZoom, gridStep, quartersPerBar, scrollKeeping, timelineBeats, zoomSteps } from './timeline-model';
import { createTimelineUi, useTimelineView } from './timeline-store';
import { TrackRow } from './TrackRow';
import { setScrollLeft, useFollowPlayhead } from './use-follow-playhead';

// Keys that belong to a control of their own (sliders, menus, dialogs) are not the timeline's.
const ownKeys = (target: EventTarget | null) =>
  typingInto(target) || (target instanceof Element && target.closest('[role="slider"], [role="menu"], [role="dialog"], [role="listbox"]') !== null);

export function Timeline({ transport }: { transport: Transport }) {
  const view = useTimelineView(transport);
  const ui = useMemo(() => createTimelineUi(), []);
  const pixelsPerBeat = useStore(ui, (s) => s.pixelsPerBeat);
  const snapping = useStore(ui, (s) => s.snapping);
  const following = useStore(ui, (s) => s.following);
  const followPaused = useStore(ui, (s) => s.followPaused);
  const dragging = useStore(ui, (s) => s.dragging);

  // Peaks: one cache per transport (its sources), its worker ended with it.
  const peaks = useMemo(() => new PeaksCache(() => transport.sources), [transport]);
  const [peaksVersion, setPeaksVersion] = useState(0);
  useEffect(() => {
    const unsubscribe = peaks.subscribe(() => setPeaksVersion((v) => v + 1));
    return () => {
      unsubscribe();
      peaks.close();
    };
  }, [peaks]);
  useEffect(() => peaks.retry(), [peaks, view]);  // a source an import added since

  // ---- announcements, refusals and where focus goes after an edit
  const [announcement, setAnnouncement] = useState('');
  const [refusal, setRefusal] = useState('');
  const announce = useCallback((text: string) => setAnnouncement((now) => (now === text ? `${text}\u00a0` : text)), []);
  const pendingFocus = useRef<FocusRequest | null>(null);
  const focusTries = useRef(0);
  const [, setFocusTick] = useState(0);
  const focus = useCallback((request: FocusRequest) => {
    pendingFocus.current = request;
    focusTries.current = 0;
    setFocusTick((n) => n + 1);
  }, []);
  const edit = useCallback(async (ops: Op[], request?: FocusRequest, said?: string) => {
    if (request !== undefined) {
      pendingFocus.current = request;
      focusTries.current = 0;
    }
    const result = await transport.apply(batch(ops));
    if (!result.ok) {
      pendingFocus.current = null;
      setRefusal(`That change was refused: ${result.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ')}`);
      return false;
    }
    setRefusal('');
    if (said !== undefined) announce(said);
    return true;
  }, [transport, announce]);
  const currentTracks = useRef(view.tracks);
  currentTracks.current = view.tracks;
  const context = useMemo<TimelineContextValue>(() => ({
    transport, edit, announce, peaks, ui, focus, focusPending: () => pendingFocus.current !== null, tracks: () => currentTracks.current,
  }), [transport, edit, announce, peaks, ui, focus]);

  // ---- the scrolling area: what is in view
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ left: 0, width: 1024 });
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      setViewport((now) => {
        const next = { left: element.scrollLeft, width: Math.max(1, element.clientWidth - HEADER_WIDTH) };
        return now.left === next.left && now.width === next.width ? now : next;
      });
    };
    const later = () => { if (frame === 0) frame = requestAnimationFrame(measure); };
    measure();
    element.addEventListener('scroll', later, { passive: true });
    const resized = new ResizeObserver(later);
    resized.observe(element);
    return () => {
      element.removeEventListener('scroll', later);
      resized.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);

  const totalBeats = timelineBeats(view.lastBeat, view.signature);
  const width = totalBeats * pixelsPerBeat;
  // The range drawn: the view and one view's width on each side, in steps of a view's width, so
  // that scrolling re-renders the lanes once per view's width, not once per frame.
  const chunk = Math.max(256, viewport.width);
  const chunkStart = Math.floor(viewport.left / chunk) * chunk;
  const range = useMemo(() => ({ from: Math.max(0, chunkStart - chunk) / pixelsPerBeat, to: (chunkStart + 2 * chunk) / pixelsPerBeat }),
    [chunkStart, chunk, pixelsPerBeat]);
  const step = gridStep(pixelsPerBeat, view.signature);

  // The row of a clip being dragged stays rendered while the view scrolls away from it.
  const pinnedRow = dragging?.index ?? -1;
  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    return pinnedRow < 0 || pinnedRow >= range.count || indexes.includes(pinnedRow) ? indexes : [...indexes, pinnedRow].sort((a, b) => a - b);
  }, [pinnedRow]);
  const virtualizer = useVirtualizer({
    count: view.tracks.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LANE_HEIGHT,
    overscan: 4,
    scrollMargin: RULER_HEIGHT,
    getItemKey: (index) => view.tracks[index]?.id ?? index,
    rangeExtractor,
  });
  useFollowPlayhead(scroller, transport, ui, view.tempo, pixelsPerBeat);

  // ---- zoom, keeping the beat under an anchor (pixels into the lanes) in place
  const pendingScroll = useRef<number | null>(null);
  const zoomTo = useCallback((next: number, anchor?: number) => {
    const element = scroller.current;
    const from = ui.getState().pixelsPerBeat;
    const to = clampZoom(next);
    if (element === null || to === from) return;
    const at = anchor ?? (element.clientWidth - HEADER_WIDTH) / 2;
    pendingScroll.current = scrollKeeping(element.scrollLeft, at, from, to);
    ui.getState().setZoom(to);
  }, [ui]);
  useLayoutEffect(() => {
    if (pendingScroll.current !== null && scroller.current !== null) {
      setScrollLeft(scroller.current, pendingScroll.current);
      pendingScroll.current = null;
    }
  }, [pixelsPerBeat]);
  const fit = useCallback(() => {
    const element = scroller.current;
    if (element === null) return;
    const beats = Math.max(quartersPerBar(view.signature), view.lastBeat + quartersPerBar(view.signature));
    pendingScroll.current = 0;
    ui.getState().setZoom((element.clientWidth - HEADER_WIDTH - 16) / beats);
  }, [ui, view.signature, view.lastBeat]);

  useEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    const onWheel = (event: WheelEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      const anchor = Math.max(0, event.clientX - element.getBoundingClientRect().left - HEADER_WIDTH);
      zoomTo(zoomSteps(ui.getState().pixelsPerBeat, event.deltaY < 0 ? 1 : -1), anchor);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [zoomTo, ui]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || ownKeys(event.target)) return;
      if (event.key === '+' || event.key === '=') zoomTo(zoomSteps(ui.getState().pixelsPerBeat, 1));
      else if (event.key === '-' || event.key === '_') zoomTo(zoomSteps(ui.getState().pixelsPerBeat, -1));
      else if (event.key === 'z' || event.key === 'Z') fit();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [zoomTo, fit, ui]);

  // ---- focus after an edit: the element asked for, brought into view first if it is not rendered
  useLayoutEffect(() => {
    const request = pendingFocus.current;
    const element = scroller.current;
    if (request === null || element === null) return;
    const target = element.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(request.key)}"]`);
    if (target !== null) {
      pendingFocus.current = null;
      if (document.activeElement !== target) target.focus();
      return;
    }
    const index = view.tracks.findIndex((t) => t.id === request.track);
    if (index < 0 || ++focusTries.current > 4) {
      pendingFocus.current = null;
      return;
    }
    virtualizer.scrollToIndex(index, { align: 'auto' });
    if (request.beats !== undefined) {
      const x = request.beats * pixelsPerBeat;
      if (x < element.scrollLeft || x > element.scrollLeft + viewport.width - 32) setScrollLeft(element, Math.max(0, x - 64));
    }
  });

  // An instrument track comes with the factory's instrument as its first insert (one edit), so
  // that its notes sound at once; without it (the catalog unreachable) the track is still added.
  const addTrack = async (kind: 'audio' | 'instrument') => {
    let instrument: { id: string; name: string } | undefined;
    let missing = '';
    if (kind === 'instrument') {
      try {
        const entry = await factoryInstrument();
        if (entry === undefined) {
          missing = 'the factory has no instrument';
        } else {
          const prepared = await transport.preparePlugin(entry.descriptor.id);
          if (prepared.ok) instrument = entry.descriptor;
          else missing = prepared.message;
        }
      } catch (error) {
        missing = error instanceof Error ? error.message : String(error);
      }
    }
    const made = addTrackOps(transport.session.document, kind, (prefix) => transport.session.freshId(prefix), undefined, instrument?.id);
    const added = await edit(made.ops, { key: `track:${made.id}:name`, track: made.id },
      instrument !== undefined ? `Added an instrument track with the ${instrument.name}.` : `Added an ${kind} track.`);
    if (added && missing !== '') setRefusal(`The new track has no instrument: ${missing}. Add one from its inserts.`);
  };

  return (
    <TimelineContext.Provider value={context}>
      <section className="timeline" aria-label="Timeline">
        <div className="timeline-toolbar" role="toolbar" aria-label="Timeline tools" aria-orientation="horizontal">
          <button type="button" onClick={() => void addTrack('audio')}>Add audio track</button>
          <button type="button" onClick={() => void addTrack('instrument')}>Add instrument track</button>
          <span className="toolbar-gap" />
          <button type="button" aria-pressed={snapping} onClick={() => ui.getState().setSnapping(!snapping)}
            title="Snap clips and the loop to the grid (hold Shift while dragging to place freely)">Snap to grid</button>
          <span className="grid-step" aria-live="off">Grid {gridName(step, view.signature)}</span>
          <label className="toolbar-check" title="Scroll the timeline with the playhead while playing, a page at a time (a scroll by hand pauses it until the next Play)">
            <input type="checkbox" checked={following} aria-describedby={following && followPaused ? 'follow-paused' : undefined}
              onChange={(event) => ui.getState().setFollowing(event.target.checked)} />
            Follow playhead
          </label>
          {following && followPaused ? <span id="follow-paused" className="follow-paused">Paused by scrolling until Play</span> : null}
          <button type="button" aria-label="Zoom out" aria-keyshortcuts="-" title="Zoom out (-, Ctrl+wheel)"
            onClick={() => zoomTo(zoomSteps(pixelsPerBeat, -1))}>−</button>
          <button type="button" aria-label="Zoom in" aria-keyshortcuts="+" title="Zoom in (+, Ctrl+wheel)"
            onClick={() => zoomTo(zoomSteps(pixelsPerBeat, 1))}>+</button>
          <button type="button" aria-keyshortcuts="Z" title="Fit the session in view (Z)" onClick={fit}>Fit</button>
        </div>
        <div ref={scroller} className="timeline-scroll" data-testid="timeline-scroll">
          <div className="timeline-content" style={{ width: HEADER_WIDTH + width, height: RULER_HEIGHT + view.tracks.length * LANE_HEIGHT }}>
            <div className="timeline-ruler-row" style={{ width: HEADER_WIDTH + width, height: RULER_HEIGHT }}>
              <div className="ruler-corner" aria-hidden="true">
                <span>Bars</span>
                <span>Time</span>
              </div>
              <Ruler view={view} width={width} pixelsPerBeat={pixelsPerBeat} step={step} snapping={snapping} range={range} />
            </div>
            <div className="timeline-rows" role="list" aria-label="Tracks" style={{ height: view.tracks.length * LANE_HEIGHT, width: HEADER_WIDTH + width }}>
              {virtualizer.getVirtualItems().map((item) => {
                const track = view.tracks[item.index];
                return (
                  <TrackRow key={track.id} track={track} index={item.index} trackCount={view.tracks.length} top={item.start - RULER_HEIGHT} width={width}
                    pixelsPerBeat={pixelsPerBeat} step={step} snapping={snapping} signature={view.signature} tempo={view.tempo}
                    range={range} peaksVersion={peaksVersion} pinnedClip={dragging?.track === track.id ? dragging.clip : null} />
                );
              })}
              {view.loop.enabled ? (
                <div className="lane-loop" aria-hidden="true"
                  style={{ left: HEADER_WIDTH + view.loop.start * pixelsPerBeat, width: (view.loop.end - view.loop.start) * pixelsPerBeat }} />
              ) : null}
              <div className="lane-playhead-track" aria-hidden="true" style={{ left: HEADER_WIDTH }}>
                <Playhead transport={transport} tempo={view.tempo} pixelsPerBeat={pixelsPerBeat} className="lane-playhead" />
              </div>
            </div>
          </div>
        </div>
        {view.tracks.length === 0 ? <p className="hint">No tracks yet: add an audio or instrument track.</p> : null}
        {refusal !== '' ? <p className="error" role="alert">{refusal}</p> : null}
        <div className="visually-hidden" role="status" aria-live="polite">{announcement}</div>
      </section>
    </TimelineContext.Provider>
  );
}

// The grid's step as a musician names it: "1/16", "1/4", "1 bar", "4 bars" (in whole notes).
function gridName(step: number, signature: { numerator: number; denominator: number }): string {
  const bar = quartersPerBar(signature);
  if (step >= bar - 1e-9) {
    const bars = Math.round(step / bar);
    return bars === 1 ? '1 bar' : `${bars} bars`;
  }
  const denominator = Math.round(4 / step);
  return `1/${denominator}`;
}
