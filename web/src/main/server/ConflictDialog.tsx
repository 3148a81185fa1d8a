// A revision conflict, said plainly (which revision, who and when where known), with the two ways
// on: reload the server's version (the musician's version kept as a local copy first) or save
// the musician's version as a new server session. Nothing is overwritten either way. An alert
// dialog (Radix): focus starts on "Decide later", which (as Escape) closes it without choosing; the
// next save asks again.
import { useState } from 'react';
import { AlertDialog } from 'radix-ui';
import { MotionAlertDialogContent } from '../a11y/MotionDialog';

import { describeConflict } from './conflict';
import { type StudioSessionAccess, postponeConflict, reloadServerVersion, saveMineAsCopy, useServerSession } from './server-session';

export function ConflictDialog({ access }: { access: StudioSessionAccess }) {
  const conflict = useServerSession((s) => s.conflict);
  const error = useServerSession((s) => s.error);
  const progress = useServerSession((s) => s.progress);
  const [working, setWorking] = useState<'reload' | 'copy' | null>(null);

  const choose = async (choice: 'reload' | 'copy') => {
    setWorking(choice);
    try {
      await (choice === 'reload' ? reloadServerVersion(access) : saveMineAsCopy(access));
    } finally {
      setWorking(null);
    }
  };

  return (
    <AlertDialog.Root open={conflict !== null} onOpenChange={(open) => { if (!open && working === null) postponeConflict(); }}>
      <MotionAlertDialogContent open={conflict !== null} className="dialog conflict-dialog">
          <AlertDialog.Title>Someone else saved this session</AlertDialog.Title>
          <AlertDialog.Description className="conflict-what">{conflict !== null ? describeConflict(conflict) : ''}</AlertDialog.Description>
          <ul className="conflict-choices">
            <li><strong>Reload the server's version</strong>: you go on from their version. Yours is kept in this browser as a local session first.</li>
            <li><strong>Save mine as a copy</strong>: your version becomes a new session on the server; theirs stays where it is.</li>
          </ul>
          {error !== null && working === null ? <p role="alert" className="dialog-error">{error}</p> : null}
          {working !== null ? <p role="status">{working === 'reload' ? 'Keeping your version and loading the server\'s…' : progress?.step === 'uploading' ? 'Uploading audio…' : 'Saving your version as a copy…'}</p> : null}
          <div className="dialog-buttons">
            <button type="button" className="primary" disabled={working !== null} onClick={() => void choose('reload')}>Reload the server's version</button>
            <button type="button" className="primary" disabled={working !== null} onClick={() => void choose('copy')}>Save mine as a copy</button>
            <AlertDialog.Cancel asChild>
              <button type="button" disabled={working !== null}>Decide later</button>
            </AlertDialog.Cancel>
          </div>
      </MotionAlertDialogContent>
    </AlertDialog.Root>
  );
}
