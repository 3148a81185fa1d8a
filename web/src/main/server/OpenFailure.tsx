// A server session that did not open: why, what to do (sign in, try again), and its document to
// download when it was read. Signing in from here opens it again.
import { useEffect, useMemo, useRef } from 'react';

import { useAccount } from './account-store';
import { documentDownload } from './open-session';
import type { ServerOpenError } from './open-error';

export function OpenFailure({ error }: { error: ServerOpenError }) {
  const status = useAccount((s) => s.status);
  const openDialog = useAccount((s) => s.openDialog);
  const before = useRef(status);
  const download = useMemo(() => (error.session !== null ? documentDownload(error.session) : null), [error]);

  useEffect(() => {
    // Signed in (or as someone else) since it failed for want of access: try again.
    if (error.needsSignIn && status === 'signed-in' && before.current !== 'signed-in' && before.current !== 'checking') location.reload();
    before.current = status;
  }, [status, error]);
  useEffect(() => () => { if (download !== null) URL.revokeObjectURL(download.href); }, [download]);

  return (
    <div className="open-failure">
      <p role="alert" className="error">{error.message}</p>
      <p>
        {error.needsSignIn && status !== 'signed-in' ? <button type="button" onClick={() => openDialog('sign-in')}>Sign in</button> : null}
        {error.needsSignIn && status === 'signed-in' ? <span>You are signed in, so this session is not yours or was deleted. Sign out and in as its owner to open it. </span> : null}
        <button type="button" onClick={() => location.reload()}>Try again</button>
        {download !== null ? <a href={download.href} download={download.fileName}>Download its document ({download.fileName})</a> : null}
        <a href="/studio">Open the demo session</a>
      </p>
    </div>
  );
}
