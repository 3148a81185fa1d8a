// Saving as the user works: every change schedules a save a short while later (a drag's many
// edits make one write), writes never overlap (a change during a write is saved after it), and
// the page going away (pagehide, or the tab hidden: a mobile browser may never come back) saves
// at once. The state is shown in the studio's header.

export type SaveState =
  | { kind: 'not-saved' } // the demo before its first edit: nothing of the user's to keep
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'failed'; message: string };

export const AUTOSAVE_DELAY_MS = 400;

export class Autosave {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private dirty = false;
  private writing: Promise<void> | null = null;
  private readonly onPageHide = () => void this.flush();
  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') void this.flush();
  };

  constructor(
    private readonly save: () => Promise<void>,
    private readonly onState: (state: SaveState) => void,
    private readonly delayMs = AUTOSAVE_DELAY_MS,
  ) {
    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', this.onPageHide);
      document.addEventListener('visibilitychange', this.onVisibility);
    }
  }

  // Something changed: it is saved within delayMs.
  changed(): void {
    this.dirty = true;
    this.onState({ kind: 'saving' });
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  // Saves now what changed; resolves when everything changed before the call is written (or
  // the write failed: the state says so, and the next change tries again).
  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.writing !== null) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    this.writing = this.write();
    try {
      await this.writing;
    } finally {
      this.writing = null;
    }
  }

  private async write(): Promise<void> {
    this.onState({ kind: 'saving' });
    try {
      await this.save();
      if (!this.dirty) this.onState({ kind: 'saved', at: Date.now() });
    } catch (error) {
      this.dirty = true;  // kept for the next try
      const reason = error instanceof Error ? error.message : String(error);
      this.onState({ kind: 'failed', message: `Not saved: ${reason}. Your work is still open here: free some disk space or allow this site to store data, then make any change to try again, or download the project file.` });
    }
  }

  // Saves what is left and stops listening to the page.
  async close(): Promise<void> {
    if (typeof window !== 'undefined') {
      window.removeEventListener('pagehide', this.onPageHide);
      document.removeEventListener('visibilitychange', this.onVisibility);
    }
    await this.flush();
  }
}
