// "Save to server" in the header: what state the server copy is in, the save's progress (audio
// uploads by file and bytes), its outcome (a polite live region) or its failure (an alert), and
// the conflict dialog. While signed in with a linked session, it listens to the session's events.
import { useEffect } from 'react';

import { useAccount } from './account-store';
import { ConflictDialog } from './ConflictDialog';
import { type SaveProgress, type StudioSessionAccess, saveToServer, takeNotice, useServerSession, watchLinkedSession } from './server-session';

function progressText(progress: SaveProgress): string {
  switch (progress.step) {
    case 'preparing': return 'Preparing the session\'s audio…';
    case 'checking': return 'Checking which audio the server has…';
    case 'saving': return 'Saving the session…';
    case 'uploading': {
      const percent = progress.totalBytes > 0 ? Math.round((100 * progress.sentBytes) / progress.totalBytes) : 0;
      return `Uploading ${progress.file ?? 'audio'} (file ${Math.min(progress.done + 1, progress.total)} of ${progress.total}), ${percent}%`;
    }
  }
}

export function SaveToServer({ access }: { access: StudioSessionAccess }) {
  const { link, progress, status, error, role } = useServerSession();
  const signedIn = useAccount((s) => s.status === 'signed-in');
  const userId = useAccount((s) => s.user?.id);

  useEffect(() => {
    const notice = takeNotice();
    if (notice !== null) useServerSession.setState({ status: notice });
  }, []);
  useEffect(() => (signedIn && link !== null ? watchLinkedSession() : undefined), [signedIn, userId, link?.id]);

  const percent = progress?.step === 'uploading' && progress.totalBytes > 0 ? Math.round((100 * progress.sentBytes) / progress.totalBytes) : null;
  return (
    <div className="server-save">
      <button type="button" onClick={() => void saveToServer(access, { asCopy: role === 'viewer' })} disabled={progress !== null}
        aria-describedby="server-save-state">
        {role === 'viewer' ? 'Save a copy to server' : 'Save to server'}
      </button>
      <span id="server-save-state" className="server-save-state">
        {link === null ? 'Not on the server' : `Server revision ${link.revision}`}
      </span>
      {progress !== null ? (
        <span className="server-save-progress">
          <span role="progressbar" aria-label="Saving to the server" aria-valuemin={0} aria-valuemax={100}
            aria-valuenow={percent ?? undefined} aria-valuetext={progressText(progress)} className="export-progress">
            <span className="export-progress-fill" style={{ width: `${percent ?? 0}%` }} />
          </span>
          <span>{progressText(progress)}</span>
        </span>
      ) : null}
      <span role="status" className="server-save-status">{progress === null ? status ?? '' : ''}</span>
      {error !== null ? <span role="alert" className="server-save-error">{error}</span> : null}
      <ConflictDialog access={access} />
    </div>
  );
}
