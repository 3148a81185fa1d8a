// A slider on a Scale (scales.ts): the fader and the pan. While it moves (a drag, held keys, the
// wheel) its value goes to `onLive` at most once per animation frame (the engine hears it from
// the next render quantum); when the move ends (pointer up, key up, blur, the wheel at rest) the
// final value goes once to `onCommit`, the edit undo takes back whole. A drag moves the value by
// the pointer's travel (a click alone changes nothing); a double-click resets.
// Its own keys stop here: Home and End belong to the slider, not to the transport.
import { useCallback, useEffect, useRef, useState } from 'react';

import type { Scale } from './scales';

const WHEEL_REST_MS = 400; // no wheel event for this long ends a wheel move

export interface SliderProps {
  scale: Scale;
  value: number; // the session's
  label: string;
  orientation: 'vertical' | 'horizontal';
  className: string;
  onLive: (value: number) => void;
  onCommit: (value: number) => void;
  onDraft?: (value: number | null) => void; // the value while it moves (null: the session's again)
}

export function Slider({ scale, value, label, orientation, className, onLive, onCommit, onDraft }: SliderProps) {
  const element = useRef<HTMLDivElement>(null);
  const [draft, setDraftState] = useState<number | null>(null);
  const draftRef = useRef<number | null>(null);
  const live = useRef({ pending: null as number | null, frame: 0 });
  const wheelTimer = useRef(0);
  // A drag moves the value by how far the pointer went (a click alone changes nothing).
  const drag = useRef({ from: 0, at: 0 });
  const shown = draft ?? value;

  const setDraft = useCallback((next: number | null) => {
    draftRef.current = next;
    setDraftState(next);
    onDraft?.(next);
  }, [onDraft]);

  // The newest value goes to the engine on the next animation frame; earlier ones in the same
  // frame are dropped.
  const sendLive = useCallback((next: number) => {
    live.current.pending = next;
    if (live.current.frame !== 0) return;
    live.current.frame = requestAnimationFrame(() => {
      live.current.frame = 0;
      if (live.current.pending !== null) onLive(live.current.pending);
      live.current.pending = null;
    });
  }, [onLive]);

  const move = useCallback((next: number) => {
    setDraft(next);
    sendLive(next);
  }, [setDraft, sendLive]);

  const commit = useCallback(() => {
    const final = draftRef.current;
    if (final === null) return;
    clearTimeout(wheelTimer.current);
    cancelAnimationFrame(live.current.frame);
    live.current = { pending: null, frame: 0 };
    onLive(final);
    setDraft(null);
    if (final !== value) onCommit(final);
  }, [onLive, onCommit, setDraft, value]);

  const positionOf = (event: { clientX: number; clientY: number }) => {
    const box = element.current!.getBoundingClientRect();
    return orientation === 'vertical' ? 1 - (event.clientY - box.top) / box.height : (event.clientX - box.left) / box.width;
  };

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    drag.current = { from: positionOf(event), at: scale.toPosition(draftRef.current ?? value) };
  };
  const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
    if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
    move(scale.fromPosition(drag.current.at + positionOf(event) - drag.current.from));
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const next = scale.stepKey(draftRef.current ?? value, { key: event.key, shiftKey: event.shiftKey });
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    move(next);
  };
  const onDoubleClick = () => {
    move(scale.reset);
    commit();
  };

  // The wheel: a listener of its own, as React's is passive and the page must not scroll.
  useEffect(() => {
    const target = element.current!;
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY === 0) return;
      event.preventDefault();
      move(scale.stepWheel(draftRef.current ?? value, event.deltaY < 0 ? 1 : -1, event.shiftKey));
      clearTimeout(wheelTimer.current);
      wheelTimer.current = window.setTimeout(commit, WHEEL_REST_MS);
    };
    target.addEventListener('wheel', onWheel, { passive: false });
    return () => target.removeEventListener('wheel', onWheel);
  }, [move, commit, scale, value]);
  useEffect(() => () => {
    clearTimeout(wheelTimer.current);
    cancelAnimationFrame(live.current.frame);
  }, []);

  const position = scale.toPosition(shown);
  const thumb = orientation === 'vertical' ? { bottom: `${position * 100}%` } : { left: `${position * 100}%` };
  return (
    <div ref={element} className={`slider ${orientation} ${className}`} role="slider" tabIndex={0}
      aria-label={label} aria-orientation={orientation} aria-valuemin={scale.min} aria-valuemax={scale.max}
      aria-valuenow={shown} aria-valuetext={scale.text(shown)}
      onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={commit} onPointerCancel={commit}
      onKeyDown={onKeyDown} onKeyUp={commit} onBlur={commit} onDoubleClick={onDoubleClick}>
      <span className="slider-groove" aria-hidden="true" />
      <span className="slider-thumb" style={thumb} aria-hidden="true" />
    </div>
  );
}
