// One clip on a lane: a focusable list item named by its content, start and track, with its
// waveform (or notes) drawn on a canvas over the part of it in view. It moves by mouse (snapped to
// the grid unless Shift is held; across lanes to tracks of its kind) and by keyboard (Left/Right a
// grid step, with Shift a bar; Alt+Up/Down to the next track of its kind). A gesture is one
// clip.move: the clip follows the pointer by a CSS transform, and the session changes once, on
// release, so one undo takes the whole gesture back.
import { memo, useLayoutEffect, useRef } from 'react';

import type { TimeSignature } from '../../format/time';
import { adjacentTrack, dragLanding, positionName, quartersPerBar, stepMove } from './timeline-model';
import { LANE_HEIGHT, useTimeline } from './timeline-context';
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
  const { edit, announce, tracks: sessionTracks } = useTimeline();
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
    element.setPointerCapture(event.pointerId);
    const x0 = event.clientX;
    const y0 = event.clientY;
    const tracks = sessionTracks();
    const origin = { start: clip.start, track: trackIndex };
    let landing = origin;
    let dragging = false;
    const move = (e: PointerEvent) => {
      const dx = e.clientX - x0;
      const dy = e.clientY - y0;
      if (!dragging && Math.hypot(dx, dy) < 4) return;
      if (!dragging) {
        dragging = true;
        element.classList.add('dragging');
        if (row !== null) row.style.zIndex = '3';
      }
      landing = dragLanding(origin, dx, dy, {
        pixelsPerBeat, laneHeight: LANE_HEIGHT, step, snapping: snapping && !e.shiftKey, trackCount: tracks.length,
        accepts: (t) => accepts(tracks[t]),
      });
      element.style.transform = `translate(${(landing.start - clip.start) * pixelsPerBeat}px, ${(landing.track - trackIndex) * LANE_HEIGHT}px)`;
    };
    const end = (e: PointerEvent) => {
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', end);
      element.removeEventListener('pointercancel', end);
      element.classList.remove('dragging');
      element.style.transform = '';
      if (row !== null) row.style.zIndex = '';
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
