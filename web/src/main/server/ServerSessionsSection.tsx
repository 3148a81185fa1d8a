// The signed-in user's sessions on the server (GET /sessions: their own and those shared with
// them), for the sessions dialog: each row opens the session, renames it (its owner and editors;
// ServerSessionRename), duplicates it as a new session of the user's, downloads its document
// (also when it does not open here) and, for its owner, deletes it after a confirmation. What a
// role may not do is shown disabled with the reason. The list is virtualised as the local one
// (SessionList). Signed out, it offers to sign in.
import { useCallback, useEffect, useState } from 'react';

import { type SessionSummary, deleteSession, getSession, listSessions } from './api';
import { useAccount } from './account-store';
import { documentDownload } from './open-session';
import { duplicateServerSession, renameRefusal } from './server-session-actions';
import { ServerSessionRename } from './ServerSessionRename';
import { serverProjectFile } from './server-project';
import { SessionList, type SessionListItem } from '../sessions/SessionList';
import { studioDb } from '../storage/studio-db';

export interface ServerSessionsSectionProps {
  // Opens a server session; by default the page goes to /studio/<id>.
  onOpen?: (id: string) => void;
  // The server id of the session open in the studio (marked "open now").
  currentId?: string | null;
  // The section's heading level (null: no heading, the dialog's title says it).
  headingLevel?: 2 | 3 | null;
}

const openByUrl = (id: string) => location.assign(`/studio/${encodeURIComponent(id)}`);
const DELETE_REFUSAL = 'Shared with you: only its owner may delete it.';

type ServerItem = SessionListItem & { session: SessionSummary };

// An action this role may not take: focusable (so its reason is found by keyboard and screen
// reader), marked disabled, its reason in its description and its tooltip, said again on a click.
function RefusedButton({ id, label, text, reason, onClick }: { id: string; label: string; text: string; reason: string; onClick: () => void }) {
  const reasonId = `${id}-reason`;
  return (
    <>
      <button type="button" aria-label={label} aria-disabled="true" aria-describedby={reasonId} title={reason} className="refused"
        onClick={onClick}>{text}</button>
      <span id={reasonId} className="visually-hidden">{reason}</span>
    </>
  );
}

type Listing = { state: 'loading' } | { state: 'ready'; sessions: SessionSummary[] } | { state: 'failed'; message: string };

export function ServerSessionsSection({ onOpen = openByUrl, currentId = null, headingLevel = 3 }: ServerSessionsSectionProps) {
  const status = useAccount((s) => s.status);
  const userId = useAccount((s) => s.user?.id);
  const openDialog = useAccount((s) => s.openDialog);
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setListing({ state: 'ready', sessions: await listSessions() });
    } catch (error) {
      setListing({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  useEffect(() => {
    if (status === 'signed-in') void refresh();
  }, [status, userId, refresh]);

  const download = async (session: SessionSummary) => {
    try {
      const { href, fileName } = documentDownload(await getSession(session.id, 'download'));
      const link = document.createElement('a');
      link.href = href;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      setMessage(`Downloaded “${session.name}” as ${fileName}.`);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  const downloadProject = async (session: SessionSummary) => {
    try {
      setMessage(`Packing “${session.name}” with its audio…`);
      const project = await serverProjectFile(studioDb(), await getSession(session.id, 'download'));
      const href = URL.createObjectURL(project.blob);
      const link = document.createElement('a');
      link.href = href;
      link.download = project.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      setMessage(`Downloaded “${session.name}” as ${project.fileName}${project.problems.length > 0 ? `, without: ${project.problems.join('; ')}` : ''}.`);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  const remove = async (session: SessionSummary) => {
    setConfirming(null);
    try {
      await deleteSession(session.id);
      setMessage(`Deleted “${session.name}” from the server. Copies in this browser are untouched.`);
      await refresh();
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  const duplicate = async (session: SessionSummary) => {
    try {
      setMessage(`Duplicating “${session.name}”…`);
      const copy = await duplicateServerSession(session.id);
      await refresh();
      setMessage(`Duplicated “${session.name}” on the server as “${copy.name}”.`);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  const renamed = (said: string) => {
    setRenaming(null);
    setMessage(said);
    void refresh();
  };

  const items: ServerItem[] = listing.state === 'ready' ? listing.sessions.map((session) => ({
    id: session.id, name: session.name, updatedAt: session.updatedAt, current: session.id === currentId, session,
    detail: `revision ${session.revision}${session.role !== 'owner' ? `, shared with you (${session.role})` : ''}`,
  })) : [];

  const actions = ({ session }: ServerItem) => {
    if (renaming === session.id) {
      return <ServerSessionRename session={session} onDone={renamed} onCancel={() => setRenaming(null)} />;
    }
    if (confirming === session.id) {
      return (
        <span role="group" aria-label={`Delete ${session.name}?`}>
          <span>Delete from the server?</span>
          <button type="button" className="danger" onClick={() => void remove(session)}>Yes, delete</button>
          <button type="button" onClick={() => setConfirming(null)} autoFocus>Keep it</button>
        </span>
      );
    }
    const renameReason = renameRefusal(session.role);
    const key = `server-session-${session.id}`;
    return (
      <>
        <button type="button" onClick={() => onOpen(session.id)} aria-label={`Open ${session.name}`}>Open</button>
        {renameReason === null ? (
          <button type="button" onClick={() => { setMessage(null); setRenaming(session.id); }} aria-label={`Rename ${session.name}`}>Rename</button>
        ) : (
          <RefusedButton id={`${key}-rename`} label={`Rename ${session.name}`} text="Rename" reason={renameReason} onClick={() => setMessage(renameReason)} />
        )}
        <button type="button" onClick={() => void duplicate(session)} aria-label={`Duplicate ${session.name}`}>Duplicate</button>
        <button type="button" onClick={() => void downloadProject(session)} aria-label={`Download ${session.name} as a project file`}>Project file</button>
        <button type="button" onClick={() => void download(session)} aria-label={`Download ${session.name} as JSON`}>Download</button>
        {session.role === 'owner' ? (
          <button type="button" onClick={() => setConfirming(session.id)} aria-label={`Delete ${session.name}`}>Delete</button>
        ) : (
          <RefusedButton id={`${key}-delete`} label={`Delete ${session.name}`} text="Delete" reason={DELETE_REFUSAL} onClick={() => setMessage(DELETE_REFUSAL)} />
        )}
      </>
    );
  };

  const Heading = headingLevel === null ? null : (`h${headingLevel}` as const);
  return (
    <section className="server-sessions" aria-label="Server sessions">
      {Heading !== null ? <Heading>On the server</Heading> : null}
      {status !== 'signed-in' ? (
        <p>
          Sign in to see the sessions you saved to the server.{' '}
          <button type="button" onClick={() => openDialog('sign-in')}>Sign in</button>
        </p>
      ) : listing.state === 'loading' ? (
        <p role="status">Loading your server sessions…</p>
      ) : listing.state === 'failed' ? (
        <p role="alert" className="error">{listing.message} <button type="button" onClick={() => void refresh()}>Try again</button></p>
      ) : (
        <SessionList title="On the server" label="Your server sessions" heading={false} items={items} actions={actions}
          empty="No sessions on the server yet. “Save to server” puts the open session there." />
      )}
      <p role="status" className="server-sessions-message">{message ?? ''}</p>
    </section>
  );
}
