// When the studio's copy of a server session is stale, and what it tells the musician. Two
// things say so: a save answered 409 revision_conflict (someone saved in between), and the
// session's events socket announcing a revision newer than the one the copy is based on. The
// studio's own saves are announced too (before their answer arrives): while a save is in flight,
// announcements wait and are judged against the revision that save made (RevisionWatch).
import { ApiError } from './api';
import type { ServerLink } from './local-copies';

export interface Conflict {
  sessionId: string;
  baseRevision: number;     // the revision the studio's copy is based on
  currentRevision: number;  // the server's newest
  byUserId?: string;        // who saved it, when announced
  byName?: string;          // their display name, when it could be read
  at?: number;              // when it was saved (ms since the epoch), when known
  cause: 'save' | 'announced';
}

// A save's failure as a conflict, or null when it was something else.
export function conflictFromError(error: unknown, link: ServerLink): Conflict | null {
  if (!(error instanceof ApiError) || error.code !== 'revision_conflict') return null;
  return { sessionId: link.id, baseRevision: link.revision, currentRevision: error.currentRevision ?? link.revision + 1, cause: 'save' };
}

export interface RevisionEvent {
  type: 'revision';
  sessionId: string;
  revision: number;
  userId: string;
}

// One message of the events socket, or null if it is not a revision announcement.
export function parseRevisionEvent(text: string): RevisionEvent | null {
  try {
    const event = JSON.parse(text) as Partial<RevisionEvent>;
    if (event.type === 'revision' && typeof event.sessionId === 'string' && Number.isInteger(event.revision) && typeof event.userId === 'string') {
      return event as RevisionEvent;
    }
  } catch {
    // not JSON: ignored, as any message type this client does not know
  }
  return null;
}

// An announced revision as a conflict with the copy at `link`, or null: it is the copy's own
// revision or an older one (announcements of the studio's own saves), or another session's.
export function conflictFromEvent(event: RevisionEvent, link: ServerLink): Conflict | null {
  if (event.sessionId !== link.id || event.revision <= link.revision) return null;
  const conflict: Conflict = { sessionId: link.id, baseRevision: link.revision, currentRevision: event.revision, cause: 'announced' };
  if (event.userId !== '') conflict.byUserId = event.userId;  // '' when the studio compared revisions itself
  return conflict;
}

// Judges announcements against the copy's link, holding them while a save is in flight.
export class RevisionWatch {
  private pending: RevisionEvent[] = [];
  private saving = false;

  constructor(private link: ServerLink) {}

  get current(): ServerLink {
    return this.link;
  }

  // An announcement: a conflict now, or null (none, or held until the save in flight ends).
  announced(event: RevisionEvent): Conflict | null {
    if (this.saving) {
      this.pending.push(event);
      return null;
    }
    return conflictFromEvent(event, this.link);
  }

  saveStarted(): void {
    this.saving = true;
  }

  // The save ended: at `link` if it was stored (the held announcements of it are then old), else
  // at the link before. Resolves the held announcements: the newest conflict among them, or null.
  saveEnded(link: ServerLink = this.link): Conflict | null {
    this.saving = false;
    this.link = { ...link };
    const held = this.pending;
    this.pending = [];
    let newest: Conflict | null = null;
    for (const event of held) {
      const conflict = conflictFromEvent(event, this.link);
      if (conflict !== null && (newest === null || conflict.currentRevision > newest.currentRevision)) newest = conflict;
    }
    return newest;
  }
}

const clock = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

// What happened, in a sentence or two: which revision, who and when where known.
export function describeConflict(conflict: Conflict): string {
  const who = conflict.byName ? ` by ${conflict.byName}` : '';
  const when = conflict.at !== undefined ? ` at ${clock(conflict.at)}` : '';
  const first = conflict.cause === 'save'
    ? `Your save was not made: revision ${conflict.currentRevision} of this session was saved on the server${who}${when}, after revision ${conflict.baseRevision} that your copy is based on.`
    : `Revision ${conflict.currentRevision} of this session was just saved on the server${who}${when}; your copy is based on revision ${conflict.baseRevision}.`;
  return `${first} Nothing was overwritten: choose which version to go on with. Neither is lost.`;
}
