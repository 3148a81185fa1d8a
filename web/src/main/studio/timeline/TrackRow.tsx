// One track's row: its header (sticky at the left) and its lane of clips. A list item of the
// "Tracks" list, named with the track's state; the lane is the list of its clips. Only the clips
// in the drawn range are rendered.
import { memo } from 'react';

import type { TimeSignature } from '../../format/time';
import { Clip } from './Clip';
import { HEADER_WIDTH, LANE_HEIGHT } from './timeline-context';
import { clipsIn, quartersPerBar, quartersPerBeat } from './timeline-model';
import { type TimelineTrack, trackLabel } from './timeline-view';
import { TrackHeader } from './TrackHeader';

export interface TrackRowProps {
  track: TimelineTrack;
  index: number;
  trackCount: number;
  top: number;
  width: number; // the lane's width in pixels
  pixelsPerBeat: number;
  step: number;
  snapping: boolean;
  signature: TimeSignature;
  tempo: number;
  range: { from: number; to: number };
  peaksVersion: number;
  pinnedClip: string | null; // a clip being dragged: drawn wherever the view is
}

// Bar and beat lines as backgrounds (no elements): beats only when they are far enough apart.
function gridBackground(pixelsPerBeat: number, signature: TimeSignature): React.CSSProperties {
  const bar = quartersPerBar(signature) * pixelsPerBeat;
  const beat = quartersPerBeat(signature) * pixelsPerBeat;
  const layers = [`linear-gradient(to right, var(--grid-bar) 1px, transparent 1px) 0 0 / ${bar}px 100%`];
  if (beat >= 8) layers.push(`linear-gradient(to right, var(--grid-beat) 1px, transparent 1px) 0 0 / ${beat}px 100%`);
  return { background: layers.join(', ') };
}

export const TrackRow = memo(function TrackRow(props: TrackRowProps) {
  const { track, index, trackCount, top, width, pixelsPerBeat, signature, range } = props;
  const inRange = clipsIn(track.clips, range.from, range.to);
  const pinned = props.pinnedClip !== null && !inRange.some((c) => c.id === props.pinnedClip) ? track.clips.filter((c) => c.id === props.pinnedClip) : [];
  const visible = pinned.length > 0 ? [...inRange, ...pinned] : inRange;
  return (
    <div role="listitem" className="timeline-row" aria-label={trackLabel(track)} aria-posinset={index + 1} aria-setsize={trackCount}
      data-track={track.id} style={{ transform: `translateY(${top}px)`, height: LANE_HEIGHT, width: HEADER_WIDTH + width }}>
      <TrackHeader track={track} index={index} count={trackCount} />
      <div className="lane" role="list" aria-label={`${track.name} clips`} style={{ width, ...gridBackground(pixelsPerBeat, signature) }}>
        {visible.map((clip) => <Clip key={clip.id} {...props} clip={clip} trackIndex={index} />)}
      </div>
    </div>
  );
});
