// The timeline's state. The session's part (tracks, clips, tempo, loop) is derived from the session
// model and follows it (SessionModel.subscribe: edits, undo, redo, a change from anywhere); the
// view's own state (zoom, snapping, following the playhead, the clip being dragged) is a zustand
// store of the page. Neither is written by components except through Transport.apply (the
// session) and the store's actions (the view).
import { useCallback, useSyncExternalStore } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';

import type { SessionDocument } from '../../audio/session-model';
import type { Transport } from '../transport';
import { storeFollowing, storedFollowing } from './auto-scroll';
import { DEFAULT_PIXELS_PER_BEAT, clampZoom } from './timeline-model';
import { type TimelineView, timelineView } from './timeline-view';

// The session document as it is now; re-renders the caller after every change to the session.
export function useSessionDocument(transport: Transport): SessionDocument {
  const subscribe = useCallback((listener: () => void) => transport.session.subscribe(listener), [transport]);
  return useSyncExternalStore(subscribe, () => transport.session.document);
}

// One view per document, however many components ask (the timeline, the transport bar's fields):
// a big session's view is worth computing once per edit.
const views = new WeakMap<SessionDocument, TimelineView>();

export function useTimelineView(transport: Transport): TimelineView {
  const document = useSessionDocument(transport);
  let view = views.get(document);
  if (view === undefined) {
    view = timelineView(document);
    views.set(document, view);
  }
  return view;
}

// A clip being dragged: its row and the clip stay rendered while the view scrolls away from them
// (the virtualiser and the drawn range would otherwise drop them, and the drag with them).
export interface DraggedClip {
  track: string;
  index: number; // the track's row
  clip: string;
}

export interface TimelineUi {
  pixelsPerBeat: number;
  snapping: boolean; // clips and the loop snap to the grid (a drag with Shift does not)
  // Follow playhead: the setting (remembered, auto-scroll.ts), and whether a scroll by hand paused
  // it until the next Play or a press of the toggle.
  following: boolean;
  followPaused: boolean;
  dragging: DraggedClip | null;
  setZoom: (pixelsPerBeat: number) => void;
  setSnapping: (snapping: boolean) => void;
  setFollowing: (following: boolean) => void;
  setFollowPaused: (paused: boolean) => void;
  setDragging: (dragging: DraggedClip | null) => void;
}

export type TimelineUiStore = StoreApi<TimelineUi>;

export function createTimelineUi(): TimelineUiStore {
  return createStore<TimelineUi>()((set) => ({
    pixelsPerBeat: DEFAULT_PIXELS_PER_BEAT,
    snapping: true,
    following: storedFollowing(),
    followPaused: false,
    dragging: null,
    setZoom: (pixelsPerBeat) => set({ pixelsPerBeat: clampZoom(pixelsPerBeat) }),
    setSnapping: (snapping) => set({ snapping }),
    setFollowing: (following) => {
      storeFollowing(following);
      set({ following, followPaused: false });
    },
    setFollowPaused: (followPaused) => set({ followPaused }),
    setDragging: (dragging) => set({ dragging }),
  }));
}
