// "Keyboard shortcuts and announcements" (the ? key, or the header's Shortcuts button): every studio key in one table, and
// the announcement options. A Radix dialog: focus moves in and back, Escape closes, the page
// behind is inert to screen readers.
import { Dialog } from 'radix-ui';
import { MotionDialogContent } from './MotionDialog';
import { useEffect, useState } from 'react';

import { typingInto } from '../studio/TransportBar';
import { useAnnouncer } from './announcer';

export const STUDIO_KEYS: [string, string][] = [
  ['Play / stop', 'Space'],
  ['Return to start', 'Home, or Enter when stopped'],
  ['Loop on / off', 'L'],
  ['Undo / redo', 'Ctrl+Z / Shift+Ctrl+Z (or Ctrl+Y)'],
  ['Zoom in / out / fit the session', '+ / - / Z (Ctrl+wheel zooms at the pointer)'],
  ['Move a focused clip by a grid step / a bar', 'Left, Right / Shift+Left, Shift+Right'],
  ['Move a focused clip to the next track', 'Alt+Up, Alt+Down'],
  ['Rename / duplicate the focused track', 'F2 / Ctrl+D'],
  ['Move the focused track up / down', 'Alt+Shift+Up, Alt+Shift+Down'],
  ['Move the focused insert up / down its chain', 'Alt+Up, Alt+Down'],
  ['Adjust a focused fader, pan, knob or parameter', 'Arrow keys (Shift: finer); Page Up / Page Down; Home / End'],
  ['Close a plugin window', 'Escape'],
  ["Speak the selected track's (or the master's) peak and loudness", 'P'],
  ['This list', '?'],
  ['Move focus', 'Tab / Shift+Tab (never taken for anything else)'],
];

export function KeysDialog() {
  const [open, setOpen] = useState(false);
  const quiet = useAnnouncer((s) => s.quietDuringPlayback);
  const setQuiet = useAnnouncer((s) => s.setQuietDuringPlayback);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || typingInto(event.target)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button" className="header-button" aria-keyshortcuts="Shift+?">Shortcuts</button>
      </Dialog.Trigger>
      <MotionDialogContent open={open} className="dialog keys-dialog">
          <Dialog.Title>Keyboard shortcuts and announcements</Dialog.Title>
          <Dialog.Description className="dialog-description">
            Single-letter keys act when focus is not in a text field.
          </Dialog.Description>
          <table className="keys-table">
            <thead><tr><th scope="col">Action</th><th scope="col">Key</th></tr></thead>
            <tbody>
              {STUDIO_KEYS.map(([action, key]) => <tr key={action}><td>{action}</td><td><kbd>{key}</kbd></td></tr>)}
            </tbody>
          </table>
          <label className="check">
            <input type="checkbox" checked={quiet} onChange={(event) => setQuiet(event.target.checked)} />
            Quiet during playback (announce only the transport and what I ask for)
          </label>
          <Dialog.Close asChild>
            <button type="button" className="dialog-close">Close</button>
          </Dialog.Close>
      </MotionDialogContent>
    </Dialog.Root>
  );
}
