// Renaming a server session in the sessions list: the new name typed in place of the row's
// buttons (Enter saves, Escape cancels without closing the dialog). When the session changed on
// the server since the list showed it, nothing is written: the form says so and offers to rename
// the revision there now.
import { type FormEvent, useEffect, useRef, useState } from 'react';

import type { SessionSummary } from './api';
import { renameServerSession } from './server-session-actions';
import { changeOnServer } from './server-session';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function ServerSessionRename({ session, onDone, onCancel }: {
  session: SessionSummary;
  onDone: (said: string) => void; // renamed: what to announce
  onCancel: () => void;
}) {
  const [name, setName] = useState(session.name);
  const [base, setBase] = useState(session.revision);
  const [conflict, setConflict] = useState<number | null>(null);  // the revision on the server now
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const retry = useRef<HTMLButtonElement>(null);

  // Escape in the form cancels the rename only: taken before the dialog's own Escape (Radix
  // listens on the document; a default prevented there keeps the dialog open).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !(event.target instanceof Node) || !form.current?.contains(event.target)) return;
      event.preventDefault();
      onCancel();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [onCancel]);
  useEffect(() => {
    if (conflict !== null) retry.current?.focus();
  }, [conflict]);

  const rename = async (revision: number) => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await changeOnServer(session.id, revision, () => renameServerSession(session.id, revision, name),
        (result) => (result.kind === 'renamed' ? result.session : null));
      if (outcome.kind === 'renamed') {
        onDone(`Renamed “${session.name}” to “${outcome.session.name}” on the server (revision ${outcome.session.revision}).`);
        return;
      }
      setConflict(outcome.currentRevision);
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void rename(base);
  };
  const retryOnCurrent = () => {
    if (conflict === null) return;
    setBase(conflict);
    setConflict(null);
    void rename(conflict);
  };

  const errorId = `server-rename-error-${session.id}`;
  const conflictId = `server-rename-conflict-${session.id}`;
  return (
    <form ref={form} className="session-rename" onSubmit={submit} aria-busy={busy}>
      <input aria-label={`New name for ${session.name}`} value={name} autoFocus maxLength={256} onChange={(e) => setName(e.target.value)}
        aria-invalid={error !== null} aria-describedby={error !== null ? errorId : conflict !== null ? conflictId : undefined} />
      {conflict === null ? <button type="submit" disabled={busy}>Save name</button> : null}
      <button type="button" onClick={onCancel}>Cancel</button>
      {error !== null ? <span id={errorId} className="error" role="alert">{error}</span> : null}
      {conflict !== null ? (
        <span className="session-rename-conflict" role="alert">
          <span id={conflictId}>
            “{session.name}” was changed on the server since this list was loaded: it is at revision {conflict} now, not {base}. Nothing was renamed.
          </span>{' '}
          <button ref={retry} type="button" onClick={retryOnCurrent} disabled={busy}>Rename revision {conflict}</button>
        </span>
      ) : null}
    </form>
  );
}
