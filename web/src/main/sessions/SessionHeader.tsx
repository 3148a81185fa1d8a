// The header's session part: the open session's name, its save state, "New session" and the
// sessions dialog.
import type { ReactNode } from 'react';

import { SaveStatus } from './SaveStatus';
import { SessionsDialog, type SessionsDialogProps } from './SessionsDialog';

export function SessionHeader({ sessions, snapshot, sections, rowActions, children }: SessionsDialogProps & { children?: ReactNode }) {
  return (
    <div className="session-header">
      <span className="session-name">{snapshot.name}</span>
      <SaveStatus state={snapshot.saveState} />
      <button type="button" className="header-button" disabled={sessions === null} onClick={() => void sessions?.newSession()}>New session</button>
      <SessionsDialog sessions={sessions} snapshot={snapshot} sections={sections} rowActions={rowActions} />
      {children}
    </div>
  );
}
