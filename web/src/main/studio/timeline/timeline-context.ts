// What the timeline's parts share: the transport, the one way to edit (session operations through
// Transport.apply, with where focus goes afterwards), the polite announcer, the peaks cache and the
// view's store. Layout sizes are here too: the model's functions take them as arguments.
import { createContext, useContext } from 'react';

import type { Transport } from '../transport';
import type { PeaksCache } from './peaks-cache';
import type { Op } from './timeline-edits';
import type { TimelineUiStore } from './timeline-store';
import type { TimelineTrack } from './timeline-view';

export const LANE_HEIGHT = 64;
export const HEADER_WIDTH = 272;
export const RULER_HEIGHT = 44;

// Where focus goes once an edit has re-rendered the timeline: the element with this
// data-focus-key (a clip, a track header's control), brought into view first when the lanes'
// virtualiser or the horizontal range had left it out.
export interface FocusRequest {
  key: string;
  track: string; // the track it is on, by id
  beats?: number; // where on the timeline (a clip's start)
}

export interface TimelineContextValue {
  transport: Transport;
  // Applies the operations as one batch (one undo step); says what was refused, if anything.
  edit: (ops: Op[], focus?: FocusRequest, announce?: string) => Promise<boolean>;
  announce: (text: string) => void;
  // Moves focus once the timeline has rendered (after a rename field closes, say).
  focus: (request: FocusRequest) => void;
  // Whether an edit has asked for focus and the timeline has not moved it yet (a menu closing
  // then leaves focus alone).
  focusPending: () => boolean;
  peaks: PeaksCache;
  ui: TimelineUiStore;
  // The session's tracks as they are now, for event handlers: rows and clips take only what
  // they draw as props, so that an edit of one track re-renders that track's row alone.
  tracks: () => readonly TimelineTrack[];
}

export const TimelineContext = createContext<TimelineContextValue | null>(null);

export function useTimeline(): TimelineContextValue {
  const value = useContext(TimelineContext);
  if (value === null) throw new Error('a timeline part outside <Timeline>');
  return value;
}
