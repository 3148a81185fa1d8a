// The events socket of a server session (GET /api/v1/sessions/{id}/events, a WebSocket): the
// server announces every saved revision ({"type":"revision", sessionId, revision, userId}) and a
// deletion ({"type":"deleted"}). Closed by the server when access ends (1008) or the session is
// deleted (1000); after any other loss it is opened again once, a few seconds later, and the
// caller is told it opened (to compare the server's revision: announcements may have been missed).
import { API_BASE } from './api';
import { type RevisionEvent, parseRevisionEvent } from './conflict';

export interface SessionEventHandlers {
  opened(): void;
  revision(event: RevisionEvent): void;
  deleted(): void;
  ended(reason: string): void;  // access ended, or the socket could not be kept open
}

const RECONNECT_MS = 3000;
const CLOSE_POLICY = 1008;
const CLOSE_NORMAL = 1000;

// Listens until the returned function is called.
export function watchSessionEvents(sessionId: string, handlers: SessionEventHandlers): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let retried = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${API_BASE}/sessions/${encodeURIComponent(sessionId)}/events`;

  const connect = () => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      retried = false;
      handlers.opened();
    };
    socket.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      const revision = parseRevisionEvent(message.data);
      if (revision !== null) handlers.revision(revision);
      else if (message.data.includes('"deleted"')) handlers.deleted();
    };
    socket.onclose = (event) => {
      if (stopped) return;
      if (event.code === CLOSE_POLICY) {
        handlers.ended(`The server stopped telling this page about new saves of the session: ${event.reason || 'your access to it ended'}.`);
      } else if (event.code !== CLOSE_NORMAL && !retried) {
        retried = true;
        timer = setTimeout(connect, RECONNECT_MS);
      } else if (event.code !== CLOSE_NORMAL) {
        handlers.ended('The connection that tells this page about new saves of the session was lost; a save will still find out if someone else saved first.');
      }
    };
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close();
  };
}
