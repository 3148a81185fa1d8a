// The open plugin windows, bottom to top (the last is in front): opening one that is open brings
// it to the front; so does a click in it or focus moving into it. One store for the page, so the
// mixer's strips and the sidebar's quick strip open the same windows.
import { createStore } from 'zustand/vanilla';

export interface OpenInsert {
  track: string; // a track id, or 'master'
  insert: string;
}

export interface WindowStack {
  windows: OpenInsert[];
  open(window: OpenInsert): void;
  raise(insert: string): void;
  close(insert: string): void;
}

export function createWindowStack() {
  return createStore<WindowStack>()((set) => ({
    windows: [],
    open: (window) => set(({ windows }) => ({ windows: [...windows.filter((w) => w.insert !== window.insert), window] })),
    raise: (insert) => set(({ windows }) => {
      const found = windows.find((w) => w.insert === insert);
      if (found === undefined || windows[windows.length - 1] === found) return {};
      return { windows: [...windows.filter((w) => w !== found), found] };
    }),
    close: (insert) => set(({ windows }) => ({ windows: windows.filter((w) => w.insert !== insert) })),
  }));
}

export const pluginWindows = createWindowStack();
