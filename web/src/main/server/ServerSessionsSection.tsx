// The signed-in user's sessions on the server (GET /sessions: their own and those shared with
// them), for the sessions dialog: each row opens the session, downloads its document (also when
// it does not open here) and, for its owner, deletes it after a confirmation. Signed out, it
// offers to sign in.
import { useCallback, useEffect, useState } from 'react';

import { type SessionSummary, deleteSession, getSession, listSessions } from './api';
import { useAccount } from './account-store';
import { documentDownload } from './open-session';
import { serverProjectFile } from './server-project';
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
const when = (ms: number) => new Date(ms).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

type Listing = { state: 'loading' } | { state: 'ready'; sessions: SessionSummary[] } | { state: 'failed'; message: string };

export function ServerSessionsSection({ onOpen = openByUrl, currentId = null, headingLevel = 3 }: ServerSessionsSectionProps) {
  const status = useAccount((s) => s.status);
  const userId = useAccount((s) => s.user?.id);
  const openDialog = useAccount((s) => s.openDialog);
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

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
      ) : listing.sessions.length === 0 ? (
        <p>No sessions on the server yet. “Save to server” puts the open session there.</p>
      ) : (
        <ul className="server-session-list" aria-label="Your server sessions">
          {listing.sessions.map((session) => (
            <li key={session.id} aria-label={session.name}>
              <div className="server-session-facts">
                <span className="server-session-name">{session.name}</span>
                <span className="server-session-meta">
                  Revision {session.revision}, saved {when(session.updatedAt)}{session.role !== 'owner' ? `, shared with you (${session.role})` : ''}
                  {session.id === currentId ? ', open now' : ''}
                </span>
              </div>
              <div className="server-session-actions">
                <button type="button" onClick={() => onOpen(session.id)} aria-label={`Open ${session.name}`}>Open</button>
                <button type="button" onClick={() => void downloadProject(session)} aria-label={`Download ${session.name} as a project file`}>Project file</button>
                <button type="button" onClick={() => void download(session)} aria-label={`Download ${session.name} as JSON`}>Download</button>
                {session.role === 'owner' ? (
                  confirming === session.id ? (
                    <span role="group" aria-label={`Delete ${session.name}?`}>
                      <span>Delete from the server?</span>
                      <button type="button" className="danger" onClick={() => void remove(session)}>Yes, delete</button>
                      <button type="button" onClick={() => setConfirming(null)} autoFocus>Keep it</button>
                    </span>
                  ) : (
                    <button type="button" onClick={() => setConfirming(session.id)} aria-label={`Delete ${session.name}`}>Delete</button>
                  )
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="server-sessions-message">{message ?? ''}</p>
    </section>
  );
}
