// A server session as a project file (docs/project-file.md), so that work on the server is never
// trapped either: its document as the server holds it, and each audio file from this browser's
// assets table, else from the server (GET /assets/{sha256}). Built without opening the session,
// so one that does not open here still downloads; audio that is nowhere is listed as missing.
import { projectFileName } from '../project/project-db';
import { type WrittenProject, writeProjectFile } from '../project/write-project';
import type { StudioDb } from '../storage/studio-db';
import type { ServerSession } from './api';

export async function serverProjectFile(db: StudioDb, session: ServerSession): Promise<WrittenProject & { fileName: string }> {
  const written = await writeProjectFile(JSON.stringify(session.document), async (sha256) => {
    const local = await db.assets.get(sha256);
    if (local !== undefined) return { bytes: local.bytes, name: local.name, type: local.type };
    const response = await fetch(`/api/v1/assets/${sha256}`, { credentials: 'same-origin' });
    if (!response.ok) return null;
    return { bytes: await response.blob(), name: sha256, type: response.headers.get('Content-Type') ?? '' };
  }, { name: session.name });
  return { ...written, fileName: projectFileName(session.name) };
}
