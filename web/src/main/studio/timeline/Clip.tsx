// One clip on a lane: a focusable list item named by its content, start and track, with its
// waveform (or notes) drawn on a canvas over the part of it in view. It moves by mouse (snapped to
// the grid unless Shift is held; across lanes to tracks of its kind) and by keyboard (Left/Right a
// grid step, with Shift a bar; Alt+Up/Down to the next track of its kind). A gesture is one
// clip.move: the clip follows the pointer by a CSS transform, and the session changes once, on
// release, so one undo takes the whole gesture back. Held at an edge of the lanes, the drag
// scrolls the view (auto-scroll.ts).
import { memo, useLayoutEffect, useRef } from 'react';

import type { TimeSignature } from '../../format/time';
import { adjacentTrack, dragLanding, positionName, quartersPerBar, stepMove } from './timeline-model';
import { edgeSpeed } from './auto-scroll';
import { HEADER_WIDTH, LANE_HEIGHT, RULER_HEIGHT, useTimeline } from './timeline-context';
import { moveClipOps } from './timeline-edits';
import { type TimelineClip, type TimelineTrack, acceptsClipsOf } from './timeline-view';
import { drawNotes, drawWaveform } from './waveform';

export interface ClipProps {
  clip: TimelineClip;
  track: TimelineTrack;
  trackIndex: number;
  trackCount: number;
  pixelsPerBeat: number;
  step: number; // the grid, in beats
  snapping: boolean;
  signature: TimeSignature;
  tempo: number;
  range: { from: number; to: number }; // the beats the view draws
  peaksVersion: number; // changes when peaks arrive
}

export const clipName = (clip: TimelineClip, track: TimelineTrack, signature: TimeSignature): string =>
  `${clip.label}, ${positionName(clip.start, signature)}, on ${track.name}${clip.mute ? ', muted' : ''}`;

function ClipCanvas({ clip, track, pixelsPerBeat, tempo, range, peaksVersion }: Pick<ClipProps, 'clip' | 'track' | 'pixelsPerBeat' | 'tempo' | 'range' | 'peaksVersion'>) {
  const { peaks } = useTimeline();
  const canvas = useRef<HTMLCanvasElement>(null);
  const from = Math.max(0, range.from - clip.start);
  const to = Math.min(clip.length, range.to - clip.start);
  const width = Math.max(0, (to - from) * pixelsPerBeat);

  useLayoutEffect(() => {
    const element = canvas.current;
    if (element === null || width <= 0) return;
    const ratio = Math.min(2, window.devicePixelRatio || 1);
    const height = element.clientHeight || LANE_HEIGHT - 16;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    const context = element.getContext('2d');
    if (context === null) return;
    context.clearRect(0, 0, element.width, element.height);
    const window_ = { from, to, pixelsPerBeat, ratio, height: element.height };
    if (clip.source !== null) {
      const found = peaks.get(clip.source.key);
      if (found !== undefined) drawWaveform(context, found, window_, { offset: clip.source.offset, gainDb: clip.source.gainDb, tempo }, track.colour);
    } else {
      drawNotes(context, clip.notes, window_, track.colour);
    }
  }, [clip, track.colour, from, to, width, pixelsPerBeat, tempo, peaks, peaksVersion]);

  if (width <= 0) return null;
  return <canvas ref={canvas} className="clip-canvas" aria-hidden="true" data-clip-canvas={clip.id}
    style={{ left: (from * pixelsPerBeat), width }} />;
}

export const Clip = memo(function Clip(props: ClipProps) {
  const { clip, track, trackIndex, pixelsPerBeat, step, snapping, signature } = props;
  const { edit, announce, ui, tracks: sessionTracks } = useTimeline();
  const accepts = acceptsClipsOf(track.kind);
  const focusKey = `clip:${clip.id}`;

  const moveTo = (start: number, target: TimelineTrack) => {
    if (start === clip.start && target.id === track.id) return;
    void edit(moveClipOps(clip.id, start, target.id !== track.id ? target.id : undefined), { key: focusKey, track: target.id, beats: start },
      `Moved ${clip.label} to ${positionName(start, signature)} on ${target.name}.`);
  };

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey) return;
    const element = event.currentTarget;
    const row = element.closest<HTMLElement>('.timeline-row');
    const scroller = element.closest<HTMLElement>('.timeline-scroll');
    element.setPointerCapture(event.pointerId);
    const x0 = event.clientX;
    const y0 = event.clientY;
    const tracks = sessionTracks();
    const scroll0 = { left: scroller?.scrollLeft ?? 0, top: scroller?.scrollTop ?? 0 };
    const origin = { start: clip.start, track: trackIndex };
    let landing = origin;
    let dragging = false;
    let pointer = { x: x0, y: y0, shift: event.shiftKey };
    // The landing for the pointer where it is and the view where it has scrolled to.
    const place = () => {
      const dx = pointer.x - x0 + (scroller !== null ? scroller.scrollLeft - scroll0.left : 0);
      const dy = pointer.y - y0 + (scroller !== null ? scroller.scrollTop - scroll0.top : 0);
      landing = dragLanding(origin, dx, dy, {
        pixelsPerBeat, laneHeight: LANE_HEIGHT, step, snapping: snapping && !pointer.shift, trackCount: tracks.length,
        accepts: (t) => accepts(tracks[t]),
      });
      element.style.transform = `translate(${(landing.start - clip.start) * pixelsPerBeat}px, ${(landing.track - trackIndex) * LANE_HEIGHT}px)`;
    };
    // Held at (or past) an edge of the lanes, the view scrolls that way each frame, the faster the
    // farther out the pointer is (auto-scroll.ts); the clip goes along.
    let frame = 0;
    let last = 0;
    const scrollAtEdges = (now: number) => {
      frame = 0;
      if (scroller === null || !dragging) return;
      const box = scroller.getBoundingClientRect();
      const lanes = { left: box.left + HEADER_WIDTH, right: box.left + scroller.clientWidth, top: box.top + RULER_HEIGHT, bottom: box.top + scroller.clientHeight };
      const vx = edgeSpeed(pointer.x, lanes.left, lanes.right);
      const vy = edgeSpeed(pointer.y, lanes.top, lanes.bottom);
      if (vx === 0 && vy === 0) {
        last = 0;
        return;
      }
      const seconds = last === 0 ? 1 / 60 : Math.min(0.1, (now - last) / 1000);
      last = now;
      scroller.scrollLeft += vx * seconds;
      scroller.scrollTop += vy * seconds;
      place();
      frame = requestAnimationFrame(scrollAtEdges);
    };
    const move = (e: PointerEvent) => {
      pointer = { x: e.clientX, y: e.clientY, shift: e.shiftKey };
      if (!dragging && Math.hypot(e.clientX - x0, e.clientY - y0) < 4) return;
      if (!dragging) {
        dragging = true;
        element.classList.add('dragging');
        if (row !== null) row.style.zIndex = '3';
        ui.getState().setDragging({ track: track.id, index: trackIndex, clip: clip.id });
      }
      place();
      if (frame === 0) frame = requestAnimationFrame(scrollAtEdges);
    };
    const end = (e: PointerEvent) => {
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', end);
      element.removeEventListener('pointercancel', end);
      cancelAnimationFrame(frame);
      frame = 0;
      element.classList.remove('dragging');
      element.style.transform = '';
      if (row !== null) row.style.zIndex = '';
      if (dragging) ui.getState().setDragging(null);
      if (dragging && e.type === 'pointerup') moveTo(landing.start, tracks[landing.track]);
    };
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', end);
    element.addEventListener('pointercancel', end);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey) return;
    if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && !(event.altKey && event.shiftKey)) {
      event.preventDefault();
      const direction = event.key === 'ArrowRight' ? 1 : -1;
      const start = event.shiftKey ? stepMove(clip.start, direction, quartersPerBar(signature)) : stepMove(clip.start, direction, step);
      if (start === clip.start) announce(`${clip.label} is at the start.`);
      else moveTo(start, track);
    } else if (event.altKey && !event.shiftKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      const tracks = sessionTracks();
      const target = adjacentTrack(trackIndex, event.key === 'ArrowDown' ? 1 : -1, tracks.length, (t) => accepts(tracks[t]));
      if (target < 0) announce(`No ${track.kind} track ${event.key === 'ArrowDown' ? 'below' : 'above'} ${track.name}.`);
      else moveTo(clip.start, tracks[target]);
    }
  };

  return (
    <div role="listitem" tabIndex={0} className={`clip${clip.mute ? ' muted' : ''}${clip.kind === 'midi' ? ' midi' : ''}`}
      data-focus-key={focusKey} data-clip={clip.id} aria-label={clipName(clip, track, signature)}
      aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Alt+ArrowUp Alt+ArrowDown"
      style={{ left: clip.start * pixelsPerBeat, width: Math.max(2, clip.length * pixelsPerBeat), ['--track-colour' as string]: track.colour }}
      onPointerDown={onPointerDown} onKeyDown={onKeyDown}>
      <ClipCanvas {...props} />
      <span className="clip-label" aria-hidden="true">{clip.label}</span>
    </div>
  );
});
