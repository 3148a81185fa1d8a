// The sessions dialog (the header's "Sessions"): the sessions in this browser, newest first, each
// with Open, Rename, Duplicate and Delete (confirmed). Made to grow: `sections` adds more lists
// after the local one (the server's sessions), `rowActions` more buttons on every local row (the
// project-file download).
import { type FormEvent, type ReactNode, useState } from 'react';
import { AlertDialog, Dialog } from 'radix-ui';
import { MotionAlertDialogContent, MotionDialogContent } from '../a11y/MotionDialog';

import type { SessionSummary } from '../storage/local-sessions';
import { SessionList, type SessionListItem } from './SessionList';
import type { StudioSessions, StudioSessionsSnapshot } from './studio-sessions';

export type LocalSessionItem = SessionListItem & { summary: SessionSummary };

export interface SessionsDialogProps {
  sessions: StudioSessions | null;
  snapshot: StudioSessionsSnapshot;
  sections?: ReactNode; // more sections after "In this browser"
  rowActions?: (item: LocalSessionItem) => ReactNode; // more buttons on each local row
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function RenameForm({ item, onDone, rename }: { item: LocalSessionItem; onDone: () => void; rename: (name: string) => Promise<void> }) {
  const [name, setName] = useState(item.name);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename(name).then(onDone, (e: unknown) => setError(message(e)));
  };
  const errorId = `rename-error-${item.id}`;
  return (
    <form className="session-rename" onSubmit={submit}>
      <input aria-label={`New name for ${item.name}`} value={name} autoFocus maxLength={256} onChange={(e) => setName(e.target.value)}
        aria-invalid={error !== null} aria-describedby={error !== null ? errorId : undefined} />
      <button type="submit">Save name</button>
      <button type="button" onClick={onDone}>Cancel</button>
      {error !== null ? <span id={errorId} className="error" role="alert">{error}</span> : null}
    </form>
  );
}

function DeleteButton({ item, remove }: { item: LocalSessionItem; remove: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <button type="button" aria-label={`Delete ${item.name}`}>Delete</button>
      </AlertDialog.Trigger>
      <MotionAlertDialogContent open={open} overlayClassName="dialog-overlay confirm-overlay" className="dialog confirm-dialog">
          <AlertDialog.Title>Delete “{item.name}”?</AlertDialog.Title>
          <AlertDialog.Description>
            It is removed from this browser; this cannot be undone.{item.current ? ' It is open now: the next session in the list opens instead.' : ''}
          </AlertDialog.Description>
          {error !== null ? <p className="error" role="alert">{error}</p> : null}
          <div className="dialog-buttons">
            <AlertDialog.Cancel asChild><button type="button">Keep it</button></AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button type="button" className="danger" onClick={() => void remove().catch((e: unknown) => setError(message(e)))}>Delete</button>
            </AlertDialog.Action>
          </div>
      </MotionAlertDialogContent>
    </AlertDialog.Root>
  );
}

export function SessionsDialog({ sessions, snapshot, sections, rowActions }: SessionsDialogProps) {
  const [open, setOpen] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<void>) => {
    setError(null);
    action().catch((e: unknown) => setError(message(e)));
  };
  const items: LocalSessionItem[] = snapshot.sessions.map((summary) => ({
    id: summary.id, name: summary.name, updatedAt: summary.updatedAt, current: summary.id === snapshot.localId, summary,
  }));

  return (
    <Dialog.Root open={open} onOpenChange={(next) => {
      setOpen(next);
      setRenaming(null);
      if (next) void sessions?.refreshList();
    }}>
      <Dialog.Trigger asChild>
        <button type="button" className="header-button" disabled={sessions === null}>Sessions</button>
      </Dialog.Trigger>
      <MotionDialogContent open={open} className="dialog sessions-dialog" onEscapeKeyDown={(event) => {
          if (renaming === null) return;
          event.preventDefault();  // Escape while renaming cancels the rename, not the dialog
          setRenaming(null);
        }}>
          <div className="dialog-title-bar">
            <Dialog.Title>Sessions</Dialog.Title>
            <Dialog.Close asChild><button type="button" aria-label="Close">×</button></Dialog.Close>
          </div>
          <Dialog.Description className="dialog-description">
            Sessions are saved in this browser as you work. Open one, or rename, duplicate or delete it.
          </Dialog.Description>
          {error !== null ? <p className="error" role="alert">{error}</p> : null}
          <SessionList title="In this browser" items={items}
            empty="No sessions saved here yet: edit the demo or start a new session."
            actions={(item) => renaming === item.id ? (
              <RenameForm item={item} onDone={() => setRenaming(null)} rename={(name) => sessions!.rename(item.id, name)} />
            ) : (
              <>
                <button type="button" aria-label={`Open ${item.name}`} disabled={item.current}
                  onClick={() => run(async () => { setOpen(false); await sessions!.openLocal(item.id); })}>Open</button>
                <button type="button" aria-label={`Rename ${item.name}`} onClick={() => setRenaming(item.id)}>Rename</button>
                <button type="button" aria-label={`Duplicate ${item.name}`} onClick={() => run(() => sessions!.duplicate(item.id))}>Duplicate</button>
                {rowActions?.(item)}
                <DeleteButton item={item} remove={() => sessions!.remove(item.id)} />
              </>
            )} />
          {sections}
      </MotionDialogContent>
    </Dialog.Root>
  );
}
