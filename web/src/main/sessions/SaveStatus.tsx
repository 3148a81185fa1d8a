// The header's save state. Saving and saved are shown, not announced (every edit would speak);
// a failure is an alert that says what to do.
import type { SaveState } from '../storage/autosave';

export function SaveStatus({ state }: { state: SaveState }) {
  switch (state.kind) {
    case 'not-saved':
      return <span className="save-state" data-save-state="not-saved">Demo: saved here once you edit it</span>;
    case 'saving':
      return <span className="save-state" data-save-state="saving">Saving…</span>;
    case 'saved':
      return <span className="save-state" data-save-state="saved" title={`Saved in this browser at ${new Date(state.at).toLocaleTimeString()}`}>Saved locally</span>;
    case 'failed':
      return <span className="save-state failed" data-save-state="failed" role="alert">{state.message}</span>;
  }
}
