// Which track is selected (a track id, 'master', or null): the sidebar's quick strip shows its
// inserts. Selecting a mixer strip (a click or focus in it) selects its track.
import { createStore } from 'zustand/vanilla';

export interface Selection {
  track: string | null;
  select(track: string | null): void;
}

export const selection = createStore<Selection>()((set) => ({
  track: null,
  select: (track) => set((now) => (now.track === track ? now : { track })),
}));
