// Every open plugin window (window-stack.ts), in z-order, with their open and close animations.
// A window whose insert left the session (removed, or undone) is not drawn, and comes back if
// the insert does.
import { AnimatePresence } from 'motion/react';
import { useSyncExternalStore } from 'react';
import { useStore } from 'zustand';

import type { Transport } from '../transport';
import { PluginWindow, insertOf } from './PluginWindow';
import { pluginWindows } from './window-stack';

export function PluginWindows({ transport }: { transport: Transport }) {
  const { windows, close, raise } = useStore(pluginWindows);
  useSyncExternalStore((listener) => transport.session.subscribe(listener), () => transport.session.sessionText);
  // Keyed and ordered by when each was opened (stable DOM order); the layer is the z-order.
  const opened = [...windows].sort((a, b) => a.insert.localeCompare(b.insert));
  return (
    <AnimatePresence>
      {opened.filter((open) => insertOf(transport, open) !== null).map((open) => (
        <PluginWindow key={open.insert} transport={transport} open={open} index={opened.indexOf(open)} layer={windows.indexOf(open)}
          onClose={() => close(open.insert)} onRaise={() => raise(open.insert)} />
      ))}
    </AnimatePresence>
  );
}
