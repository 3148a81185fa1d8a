// The timeline's state. The session's part (tracks, clips, tempo, loop) is derived from the session
// model and follows it (SessionModel.subscribe: edits, undo, redo, a change from anywhere); the
// view's own state (zoom, snapping) is a zustand store of the page. Neither is written by
// components except through Transport.apply (the session) and the store's actions (the view).
import { useCallback, useSyncExternalStore } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';

import type { SessionDocument } from '../../audio/session-model';
import type { Transport } from '../transport';
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

export interface TimelineUi {
  pixelsPerBeat: number;
  snapping: boolean; // clips and the loop snap to the grid (a drag with Shift does not)
  setZoom: (pixelsPerBeat: number) => void;
  setSnapping: (snapping: boolean) => void;
}

export type TimelineUiStore = StoreApi<TimelineUi>;

export function createTimelineUi(): TimelineUiStore {
  return createStore<TimelineUi>()((set) => ({
    pixelsPerBeat: DEFAULT_PIXELS_PER_BEAT,
    snapping: true,
    setZoom: (pixelsPerBeat) => set({ pixelsPerBeat: clampZoom(pixelsPerBeat) }),
    setSnapping: (snapping) => set({ snapping }),
  }));
}
