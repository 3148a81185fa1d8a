// A slider on a Scale (scales.ts): the fader, the pan, and a plugin parameter's knob. While it moves (a drag, held keys, the
// wheel) its value goes to `onLive` at most once per animation frame (the engine hears it from
// the next render quantum); when the move ends (pointer up, key up, blur, the wheel at rest) the
// final value goes once to `onCommit`, the edit undo takes back whole. A drag moves the value by
// the pointer's travel (a click alone changes nothing; Shift held makes it ten times finer); a
// double-click resets. A knob (look="knob") is dragged up and down over KNOB_TRAVEL_PX for its
// whole range, whatever its size, and drawn as an arc.
// Its own keys stop here: Home and End belong to the slider, not to the transport. Memoised: a
// slider whose props did not change is not drawn again with its strip or window.
import { memo, useCallback, useEffect, useRef, useState } from 'react';

import type { Scale } from './scales';

const WHEEL_REST_MS = 400; // no wheel event for this long ends a wheel move
export const KNOB_TRAVEL_PX = 200; // a knob's whole range, dragged vertically
export const FINE_DRAG = 0.1; // Shift held: the pointer's travel counts a tenth

export interface SliderProps {
  scale: Scale;
  value: number; // the session's
  label: string;
  orientation: 'vertical' | 'horizontal';
  className: string;
  onLive: (value: number) => void;
  onCommit: (value: number) => void;
  onDraft?: (value: number | null) => void; // the value while it moves (null: the session's again)
  look?: 'slider' | 'knob';
}

export const Slider = memo(function Slider({ scale, value, label, orientation, className, onLive, onCommit, onDraft, look = 'slider' }: SliderProps) {
  const element = useRef<HTMLDivElement>(null);
  const [draft, setDraftState] = useState<number | null>(null);
  const draftRef = useRef<number | null>(null);
  const live = useRef({ pending: null as number | null, frame: 0 });
  const wheelTimer = useRef(0);
  // A drag moves the value by how far the pointer went (a click alone changes nothing): `at` is
  // the position so far, `last` the pointer's previous place on the travel, `box` the slider's
  // box when the drag began (measured once: measuring on every move would make the browser lay the
  // page out again for each one, the other strips' meters and texts having changed since).
  const drag = useRef({ last: 0, at: 0, box: null as DOMRect | null });
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

  const positionOf = (event: { clientX: number; clientY: number }, box: DOMRect | null) => {
    if (look === 'knob' || box === null) return -event.clientY / KNOB_TRAVEL_PX;
    return orientation === 'vertical' ? 1 - (event.clientY - box.top) / box.height : (event.clientX - box.left) / box.width;
  };

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    const box = look === 'knob' ? null : event.currentTarget.getBoundingClientRect();
    drag.current = { last: positionOf(event, box), at: scale.toPosition(draftRef.current ?? value), box };
  };
  const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
    if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
    const now = positionOf(event, drag.current.box);
    const at = Math.min(1, Math.max(0, drag.current.at + (now - drag.current.last) * (event.shiftKey ? FINE_DRAG : 1)));
    drag.current = { ...drag.current, last: now, at };
    move(scale.fromPosition(at));
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
    <div ref={element} className={`slider ${look === 'knob' ? 'knob' : orientation} ${className}`} role="slider" tabIndex={0}
      aria-label={label} aria-orientation={orientation} aria-valuemin={scale.min} aria-valuemax={scale.max}
      aria-valuenow={shown} aria-valuetext={scale.text(shown)}
      onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={commit} onPointerCancel={commit}
      onKeyDown={onKeyDown} onKeyUp={commit} onBlur={commit} onDoubleClick={onDoubleClick}>
      {look === 'knob' ? <KnobFace position={position} /> : (
        <>
          <span className="slider-groove" aria-hidden="true" />
          <span className="slider-thumb" style={thumb} aria-hidden="true" />
        </>
      )}
    </div>
  );
});

// A knob's face: a 270-degree track from lower left to lower right, the value's arc over it and
// a pointer line.
const KNOB_SWEEP = 270;
function arcPoint(position: number, radius: number): [number, number] {
  const angle = ((-135 + position * KNOB_SWEEP) * Math.PI) / 180;
  return [20 + radius * Math.sin(angle), 20 - radius * Math.cos(angle)];
}
function arc(from: number, to: number, radius: number): string {
  const [x0, y0] = arcPoint(from, radius);
  const [x1, y1] = arcPoint(to, radius);
  return `M ${x0} ${y0} A ${radius} ${radius} 0 ${(to - from) * KNOB_SWEEP > 180 ? 1 : 0} 1 ${x1} ${y1}`;
}
function KnobFace({ position }: { position: number }) {
  const [px, py] = arcPoint(position, 11);
  return (
    <svg className="knob-face" viewBox="0 0 40 40" aria-hidden="true">
      <path className="knob-track" d={arc(0, 1, 16)} />
      {position > 0.001 ? <path className="knob-value" d={arc(0, Math.min(position, 0.9999), 16)} /> : null}
      <circle className="knob-cap" cx="20" cy="20" r="12" />
      <line className="knob-pointer" x1="20" y1="20" x2={px} y2={py} />
    </svg>
  );
}
