// The ruler over the lanes: bars and beats on the top row, minutes and seconds on the bottom one
// (drawn on a canvas over the range in view), the markers and the loop region. A click seeks the
// transport there; a drag sets the loop region (snapped to the grid unless Shift is held) and turns
// the loop on, as one loop.set edit. The same is reachable by keyboard in the transport bar (Home,
// the loop's fields and button).
import { useLayoutEffect, useRef } from 'react';

import type { TimeSignature } from '../../format/time';
import { Playhead } from './Playhead';
import { RULER_HEIGHT, useTimeline } from './timeline-context';
import { barTicks, beatsToFrames, beatsToSeconds, loopFromDrag, pixelsToBeats, positionName, timeTicks } from './timeline-model';
import type { TimelineView } from './timeline-view';
import { seekTo, setLoop } from './transport-actions';

interface RulerProps {
  view: TimelineView;
  width: number;
  pixelsPerBeat: number;
  step: number;
  snapping: boolean;
  range: { from: number; to: number };
}

function drawRuler(canvas: HTMLCanvasElement, from: number, to: number, pixelsPerBeat: number, signature: TimeSignature, tempo: number): void {
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  const width = (to - from) * pixelsPerBeat;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(RULER_HEIGHT * ratio);
  const context = canvas.getContext('2d');
  if (context === null) return;
  context.scale(ratio, ratio);
  const style = getComputedStyle(canvas);
  const strong = style.getPropertyValue('--ruler-text').trim() || '#e7e9ee';
  const soft = style.getPropertyValue('--ruler-soft').trim() || '#aab2bf';
  const half = RULER_HEIGHT / 2;
  context.font = '11px system-ui, sans-serif';
  context.textBaseline = 'top';
  for (const tick of barTicks(from, to, pixelsPerBeat, signature)) {
    const x = Math.round((tick.beats - from) * pixelsPerBeat) + 0.5;
    context.fillStyle = tick.beat === 1 ? strong : soft;
    context.fillRect(x - 0.5, tick.beat === 1 ? 0 : half - 6, 1, tick.beat === 1 ? half : 6);
    if (tick.labelled) context.fillText(String(tick.bar), x + 3, 3);
  }
  const secondsPerBeat = beatsToSeconds(1, tempo);
  context.fillStyle = soft;
  for (const tick of timeTicks(from * secondsPerBeat, to * secondsPerBeat, pixelsPerBeat / secondsPerBeat)) {
    const x = Math.round((tick.seconds / secondsPerBeat - from) * pixelsPerBeat) + 0.5;
    context.fillRect(x - 0.5, RULER_HEIGHT - 6, 1, 6);
    context.fillText(tick.label, x + 3, half + 4);
  }
}

export function Ruler({ view, width, pixelsPerBeat, step, snapping, range }: RulerProps) {
  const { transport, announce } = useTimeline();
  const canvas = useRef<HTMLCanvasElement>(null);
  const loopBox = useRef<HTMLDivElement>(null);
  const from = Math.max(0, range.from);
  const to = Math.min(width / pixelsPerBeat, range.to);

  useLayoutEffect(() => {
    if (canvas.current !== null) drawRuler(canvas.current, from, to, pixelsPerBeat, view.signature, view.tempo);
  }, [from, to, pixelsPerBeat, view.signature, view.tempo]);

  const showLoop = (loop: { start: number; end: number }, enabled: boolean) => {
    const box = loopBox.current;
    if (box === null) return;
    box.style.left = `${loop.start * pixelsPerBeat}px`;
    box.style.width = `${(loop.end - loop.start) * pixelsPerBeat}px`;
    box.classList.toggle('enabled', enabled);
  };

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    const surface = event.currentTarget;
    surface.setPointerCapture(event.pointerId);
    const left = surface.getBoundingClientRect().left;
    const beatAt = (clientX: number) => Math.max(0, pixelsToBeats(clientX - left, pixelsPerBeat));
    const x0 = event.clientX;
    const anchor = beatAt(x0);
    let dragged = false;
    let loop: { start: number; end: number } | null = null;
    const move = (e: PointerEvent) => {
      if (!dragged && Math.abs(e.clientX - x0) < 4) return;
      dragged = true;
      loop = loopFromDrag(anchor, beatAt(e.clientX), step, snapping && !e.shiftKey);
      if (loop !== null) showLoop(loop, true);
    };
    const end = (e: PointerEvent) => {
      surface.removeEventListener('pointermove', move);
      surface.removeEventListener('pointerup', end);
      surface.removeEventListener('pointercancel', end);
      if (e.type !== 'pointerup') {
        showLoop(view.loop, view.loop.enabled);
      } else if (!dragged) {
        seekTo(transport, beatsToFrames(anchor, { tempo: view.tempo, sampleRate: transport.context.sampleRate, signature: view.signature }));
      } else if (loop !== null) {
        const set = { ...loop, enabled: true };
        void setLoop(transport, set).then((refused) => {
          announce(refused === '' ? `Loop from ${positionName(set.start, view.signature)} to ${positionName(set.end, view.signature)}, on.` : `The loop was refused: ${refused}`);
          if (refused !== '') showLoop(view.loop, view.loop.enabled);
        });
      } else {
        showLoop(view.loop, view.loop.enabled);
      }
    };
    surface.addEventListener('pointermove', move);
    surface.addEventListener('pointerup', end);
    surface.addEventListener('pointercancel', end);
  };

  const x = (beats: number) => beats * pixelsPerBeat;
  return (
    <div className="ruler-surface" style={{ width }} onPointerDown={onPointerDown} data-testid="ruler"
      title="Click to move the playhead; drag to set the loop (Shift: off the grid)">
      <div ref={loopBox} className={`loop-region${view.loop.enabled ? ' enabled' : ''}`} data-testid="loop-region"
        style={{ left: x(view.loop.start), width: x(view.loop.end - view.loop.start) }} />
      <canvas ref={canvas} className="ruler-canvas" aria-hidden="true" style={{ left: x(from), width: x(to - from) }} />
      {view.markers.map((marker) => (
        <span key={marker.id} className="marker" style={{ left: x(marker.time) }}>{marker.name}</span>
      ))}
      <Playhead transport={transport} tempo={view.tempo} pixelsPerBeat={pixelsPerBeat} className="ruler-playhead" />
    </div>
  );
}
