// Undo and redo from the keyboard (studio-design.md "Keys"): Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z
// and Ctrl+Y redo, except in a text field, where the field's own undo acts. What was undone or
// redone is announced (a screen-reader user cannot see it change).
import { useEffect } from 'react';

import { announce } from '../a11y/announcer';
import { describeOps } from '../a11y/describe-ops';
import type { Transport } from './transport';
import { typingInto } from './TransportBar';

export function useUndoKeys(transport: Transport | null): void {
  useEffect(() => {
    if (transport === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || typingInto(event.target)) return;
      const key = event.key.toLowerCase();
      const redo = (key === 'z' && event.shiftKey) || (key === 'y' && event.ctrlKey && !event.shiftKey);
      if (key !== 'z' && !redo) return;
      event.preventDefault();
      void (redo ? transport.redo() : transport.undo()).then((result) => {
        if (result.ok) announce(`${redo ? 'Redone' : 'Undone'}: ${describeOps(result.inverse)}`);
        else announce(redo ? 'Nothing to redo' : 'Nothing to undo');
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [transport]);
}
