// An edit's changes applied to the page's parsed session (docs/session-format.md, "Changes"):
// the session library says which tracks and top-level members changed (we_session_changes), and
// only those are replaced. Every untouched track keeps its object, so views derived per track (a
// WeakMap by track, React.memo by prop) are not rebuilt or re-rendered for what did not change,
// and a 64-track session is not written and parsed whole per edit.
import type { SessionDocument, SessionTrack } from './session-model';

export interface SessionChanges {
  tracks: string[]; // every track id, in order
  changed: Record<string, SessionTrack>; // new or different tracks, by id
  members: Record<string, unknown>; // other top-level members that differ
  removed: string[]; // top-level members gone
}

export function applyChanges(document: SessionDocument, changes: SessionChanges): SessionDocument {
  const unchanged = changes.tracks.length === document.tracks.length && changes.tracks.every((id, i) => document.tracks[i].id === id)
    && Object.keys(changes.changed).length === 0;
  if (unchanged && Object.keys(changes.members).length === 0 && changes.removed.length === 0) return document;
  const next: SessionDocument = { ...document, ...changes.members } as SessionDocument;
  for (const member of changes.removed) delete next[member];
  if (!unchanged) {
    const old = new Map(document.tracks.map((track) => [track.id, track]));
    next.tracks = changes.tracks.map((id) => {
      const track = changes.changed[id] ?? old.get(id);
      if (track === undefined) throw new Error(`the session's changes name track ${id}, which it neither had nor describes`);
      return track;
    });
  }
  return next;
}
