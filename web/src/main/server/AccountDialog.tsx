// Sign in / Sign up: a modal dialog (Radix: focus moves in and stays in, Escape closes, focus
// returns to the button that opened it) with labelled fields. A refusal is announced (role
// alert), names the field it is about (aria-invalid, aria-describedby) and leaves what was typed,
// but the password on a wrong sign-in.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Dialog } from 'radix-ui';
import { MotionDialogContent } from '../a11y/MotionDialog';

import { ApiError } from './api';
import { type AccountMode, useAccount } from './account-store';

// Open while the account store's `dialog` names a mode.
export function AccountDialog() {
  const dialog = useAccount((s) => s.dialog);
  const openDialog = useAccount((s) => s.openDialog);
  const open = dialog !== null;
  const mode: AccountMode = dialog ?? 'sign-in';
  const onOpenChange = (next: boolean) => { if (!next) openDialog(null); };
  const onModeChange = (next: AccountMode) => openDialog(next);
  const signIn = useAccount((s) => s.signIn);
  const signUp = useAccount((s) => s.signUp);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [pending, setPending] = useState(false);
  const usernameField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const id = useId();

  useEffect(() => setError(null), [mode, open]);
  // Where focus goes back to on closing: the control that opened the dialog, or, when signing in
  // replaced it, the account's first control (Sign out's neighbours).
  // (Read while rendering the opening: Radix moves focus into the dialog in its effects.)
  const opener = useRef<Element | null>(null);
  const wasOpen = useRef(false);
  if (open && !wasOpen.current) opener.current = document.activeElement;
  wasOpen.current = open;
  const returnFocus = (event: Event) => {
    if (opener.current instanceof HTMLElement && opener.current.isConnected) return;  // Radix returns it there
    event.preventDefault();
    document.querySelector<HTMLElement>('.account button')?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      if (mode === 'sign-in') await signIn(username.trim(), password);
      else await signUp(username.trim(), password, displayName);
      setPassword('');
      onOpenChange(false);
    } catch (caught) {
      const field = caught instanceof ApiError ? caught.field : undefined;
      setError({ message: caught instanceof Error ? caught.message : String(caught), field });
      if (caught instanceof ApiError && caught.code === 'invalid_credentials') {
        setPassword('');
        passwordField.current?.focus();
      } else if (field === 'username') {
        usernameField.current?.focus();
      } else if (field === 'password') {
        passwordField.current?.focus();
      }
    } finally {
      setPending(false);
    }
  };

  const invalid = (field: string) => error !== null && (error.field === field || (error.field === undefined && field === 'password' && mode === 'sign-in'));
  const described = (field: string) => (invalid(field) ? errorId : undefined);
  const title = mode === 'sign-in' ? 'Sign in' : 'Sign up';

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <MotionDialogContent open={open} className="dialog account-dialog" aria-describedby={`${id}-about`} onCloseAutoFocus={returnFocus}>
          <Dialog.Title>{title}</Dialog.Title>
          <p id={`${id}-about`} className="dialog-about">
            {mode === 'sign-in'
              ? 'Sign in to save sessions to this server and open them anywhere. The studio works without an account too.'
              : 'An account on this server keeps your sessions and their audio, to open them from any browser.'}
          </p>
          <form onSubmit={(event) => void submit(event)} noValidate>
            <label htmlFor={`${id}-username`}>Username</label>
            <input ref={usernameField} id={`${id}-username`} name="username" autoComplete="username" required value={username}
              aria-invalid={invalid('username') || undefined} aria-describedby={described('username') ?? (mode === 'sign-up' ? `${id}-username-rule` : undefined)}
              onChange={(e) => setUsername(e.target.value)} />
            {mode === 'sign-up' ? <p id={`${id}-username-rule`} className="field-hint">3 to 32 letters, digits, _ - or .</p> : null}
            <label htmlFor={`${id}-password`}>Password</label>
            <input ref={passwordField} id={`${id}-password`} name="password" type="password" required value={password}
              autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
              aria-invalid={invalid('password') || undefined} aria-describedby={described('password') ?? (mode === 'sign-up' ? `${id}-password-rule` : undefined)}
              onChange={(e) => setPassword(e.target.value)} />
            {mode === 'sign-up' ? (
              <>
                <p id={`${id}-password-rule`} className="field-hint">At least 8 characters.</p>
                <label htmlFor={`${id}-display`}>Display name (optional)</label>
                <input id={`${id}-display`} name="displayName" autoComplete="nickname" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
              </>
            ) : null}
            <p id={errorId} role="alert" className="dialog-error">{error?.message ?? ''}</p>
            <div className="dialog-buttons">
              <button type="submit" className="primary" disabled={pending}>{pending ? (mode === 'sign-in' ? 'Signing in…' : 'Creating the account…') : title}</button>
              <Dialog.Close asChild>
                <button type="button">Cancel</button>
              </Dialog.Close>
            </div>
          </form>
          <p className="dialog-switch">
            {mode === 'sign-in' ? 'No account yet? ' : 'Have an account? '}
            <button type="button" className="link-button" onClick={() => onModeChange(mode === 'sign-in' ? 'sign-up' : 'sign-in')}>
              {mode === 'sign-in' ? 'Sign up instead' : 'Sign in instead'}
            </button>
          </p>
      </MotionDialogContent>
    </Dialog.Root>
  );
}
