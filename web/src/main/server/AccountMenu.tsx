// The header's account controls: Sign in / Sign up when nobody is signed in, the signed-in user's
// name, their server sessions and Sign out when someone is. The account is checked (GET /auth/me)
// when the studio loads.
import { useEffect, useState } from 'react';
import { Dialog } from 'radix-ui';
import { MotionDialogContent } from '../a11y/MotionDialog';

import { useAccount } from './account-store';
import { AccountDialog } from './AccountDialog';
import { ServerSessionsSection } from './ServerSessionsSection';
import { useServerSession } from './server-session';

export function AccountMenu() {
  const { status, user, message, check, signOut, openDialog } = useAccount();
  const [listOpen, setListOpen] = useState(false);
  const openId = useServerSession((s) => s.link?.id ?? null);

  useEffect(() => {
    void check();
  }, [check]);

  return (
    <div className="account" role="group" aria-label="Account">
      {status === 'checking' ? <span className="account-state">Checking sign-in…</span> : null}
      {status === 'signed-in' && user !== null ? (
        <>
          <span className="account-state">Signed in as <strong className="account-name">{user.displayName}</strong></span>
          <Dialog.Root open={listOpen} onOpenChange={setListOpen}>
            <Dialog.Trigger asChild>
              <button type="button">Server sessions</button>
            </Dialog.Trigger>
            <MotionDialogContent open={listOpen} className="dialog server-sessions-dialog" aria-describedby={undefined}>
                <Dialog.Title>Your sessions on the server</Dialog.Title>
                <ServerSessionsSection headingLevel={null} currentId={openId} />
                <div className="dialog-buttons">
                  <Dialog.Close asChild>
                    <button type="button">Close</button>
                  </Dialog.Close>
                </div>
            </MotionDialogContent>
          </Dialog.Root>
          <button type="button" onClick={() => void signOut()}>Sign out</button>
        </>
      ) : null}
      {status === 'signed-out' || status === 'unreachable' ? (
        <>
          {status === 'unreachable' ? <span className="account-state" title={message ?? undefined}>Server not reached</span> : null}
          <button type="button" onClick={() => openDialog('sign-in')}>Sign in</button>
          <button type="button" onClick={() => openDialog('sign-up')}>Sign up</button>
        </>
      ) : null}
      {message !== null && status === 'signed-in' ? <span role="alert" className="account-error">{message}</span> : null}
      <AccountDialog />
    </div>
  );
}
