// Announcements for screen readers: one polite live region for the whole studio (LiveRegion), fed
// by announce(). Transport changes are always said; everything else (parameter changes, undo,
// presets, exports) may be kept quiet while the session plays, because speech over the music is
// what a musician listening to a mix least wants (the "quiet during playback" option, remembered
// in this browser).
import { create } from 'zustand';

const QUIET_KEY = 'wasm-studio.quietDuringPlayback';

export type AnnouncementKind = 'transport' | 'change';

interface AnnouncerState {
  text: string;
  // Bumped for every announcement: the same words twice must be said twice.
  serial: number;
  quietDuringPlayback: boolean;
  playing: boolean;
  setQuietDuringPlayback(quiet: boolean): void;
  setPlaying(playing: boolean): void;
}

function storedQuiet(): boolean {
  try {
    return globalThis.localStorage?.getItem(QUIET_KEY) === 'true';
  } catch {
    return false;  // storage refused (a private window's policy): the default
  }
}

export const useAnnouncer = create<AnnouncerState>((set) => ({
  text: '',
  serial: 0,
  quietDuringPlayback: storedQuiet(),
  playing: false,
  setQuietDuringPlayback(quiet) {
    try {
      globalThis.localStorage?.setItem(QUIET_KEY, String(quiet));
    } catch {
      // not remembered, still in force for this page
    }
    set({ quietDuringPlayback: quiet });
  },
  setPlaying(playing) {
    set({ playing });
  },
}));

// Says `text` politely. Returns whether it was said (false: kept quiet during playback).
export function announce(text: string, kind: AnnouncementKind = 'change'): boolean {
  const state = useAnnouncer.getState();
  if (kind !== 'transport' && state.playing && state.quietDuringPlayback) return false;
  useAnnouncer.setState({ text, serial: state.serial + 1 });
  return true;
}
