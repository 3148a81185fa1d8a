// A server session that does not open in the studio (sessions/studio-sessions.ts, openServer):
// the error keeps the session when it was read, so its document can still be downloaded, and
// says whether signing in may help.
import type { ServerSession } from './api';

export class ServerOpenError extends Error {
  constructor(message: string, readonly session: ServerSession | null, readonly needsSignIn: boolean) {
    super(message);
    this.name = 'ServerOpenError';
  }
}
