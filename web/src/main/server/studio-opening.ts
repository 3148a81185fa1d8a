// What the studio room opens: the demo session (no server), or a server session by its id
// (/studio/<id>), each with what a save to the server needs of it (StudioSessionAccess). A server
// session that does not open throws a ServerOpenError, which keeps the session when it was read,
// so its document can still be downloaded.
import { type SessionFile, type SourceBytes, DEMO_SESSION_URL, sourcesBeside } from '../audio/session-assets';
import type { Transport } from '../studio/transport';
import { studioDb } from '../storage/studio-db';
import { type ServerSession, ApiError } from './api';
import { openServerSession } from './open-session';
import { type StudioSessionAccess, attachSession, useServerSession } from './server-session';

export type OpenTransport = (source: string | SessionFile, sourceBytes?: SourceBytes) => Promise<Transport>;

export class ServerOpenError extends Error {
  constructor(message: string, readonly session: ServerSession | null, readonly needsSignIn: boolean) {
    super(message);
    this.name = 'ServerOpenError';
  }
}

const accessTo = (transport: Transport, sourceBytes: SourceBytes): StudioSessionAccess => ({
  sessionText: () => transport.session.sessionText,
  name: () => transport.info.name,
  sourceBytes,
});

export async function openInStudio(serverId: string | null, open: OpenTransport): Promise<{ transport: Transport; access: StudioSessionAccess }> {
  if (serverId === null) {
    const transport = await open(DEMO_SESSION_URL);
    attachSession(crypto.randomUUID(), null);
    return { transport, access: accessTo(transport, sourcesBeside(DEMO_SESSION_URL)) };
  }
  let opened;
  try {
    opened = await openServerSession(studioDb(), serverId);
  } catch (error) {
    const apiError = error instanceof ApiError ? error : null;
    // A private session of someone else answers 404 like a missing one.
    throw new ServerOpenError(error instanceof Error ? error.message : String(error), null,
      apiError !== null && (apiError.needsSignIn || apiError.status === 404));
  }
  try {
    const transport = await open(opened.file, opened.sourceBytes);
    attachSession(opened.localId, opened.session);
    if (opened.copyId !== null) {
      useServerSession.setState({ status: 'This browser held another version of this session: it was kept as a local session (“… (my version, <date>)”) before the server\'s version opened.' });
    }
    return { transport, access: accessTo(transport, opened.sourceBytes) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServerOpenError(`The session “${opened.session.name}” was read from the server but does not open here: ${reason} Download its document to keep it.`, opened.session, false);
  }
}
