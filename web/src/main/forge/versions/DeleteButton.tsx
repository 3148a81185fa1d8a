// A Delete button that asks first: an alert dialog (Radix: focus starts on Cancel, so Enter on
// the opening button then Enter again does not delete; Escape cancels; focus returns to the
// button) that names what goes and what stays. The dialog stays open while the server works and
// shows its refusal in words; it closes once the thing is deleted.
import { useState } from 'react';
import { AlertDialog } from 'radix-ui';

import { MotionAlertDialogContent } from '../../a11y/MotionDialog';

export interface DeleteButtonProps {
  label: string;        // the button's accessible name: "Delete v2 of Tape Heat"
  title: string;        // the dialog's: "Delete v2 of Tape Heat?"
  description: string;  // what goes and what stays
  confirm: string;      // the confirming button: "Delete v2"
  disabled?: boolean;
  onDelete: () => Promise<void>;
}

export function DeleteButton({ label, title, description, confirm, disabled = false, onDelete }: DeleteButtonProps) {
  const [open, setOpen] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState('');

  const remove = async () => {
    setWorking(true);
    setError('');
    try {
      await onDelete();
      setOpen(false);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setWorking(false);
    }
  };

  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => { if (!working) { setOpen(next); setError(''); } }}>
      <AlertDialog.Trigger asChild>
        <button type="button" className="delete-button" aria-label={label} disabled={disabled}>Delete</button>
      </AlertDialog.Trigger>
      <MotionAlertDialogContent open={open} className="dialog delete-dialog">
        <AlertDialog.Title>{title}</AlertDialog.Title>
        <AlertDialog.Description className="dialog-description">{description}</AlertDialog.Description>
        {error !== '' ? <p role="alert" className="dialog-error">{error}</p> : null}
        {working ? <p role="status">Deleting…</p> : null}
        <div className="dialog-buttons">
          <AlertDialog.Cancel asChild>
            <button type="button" disabled={working}>Cancel</button>
          </AlertDialog.Cancel>
          <button type="button" className="danger" disabled={working} onClick={() => void remove()}>{confirm}</button>
        </div>
      </MotionAlertDialogContent>
    </AlertDialog.Root>
  );
}
