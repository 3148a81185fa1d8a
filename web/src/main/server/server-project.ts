// A server session as a project file (docs/project-file.md), so that work on the server is never
// trapped either: its document as the server holds it, each audio file and uploaded plugin module
// from this browser's assets table, else from the server (GET /assets/{sha256}), and for a vAIst
// Forge plugin the descriptor.json and glue the server kept with it (GET /assets/{sha256}/vaist),
// without which `vaist render` cannot load it. Built without opening the session, so one that
// does not open here still downloads; what is nowhere is listed as missing.
import { projectFileName } from '../project/project-db';
import type { VaistSidecar } from '../project/project-format';
import { type PluginFile, type PluginRef, type WrittenProject, writeProjectFile } from '../project/write-project';
import type { StudioDb } from '../storage/studio-db';
import type { ServerSession } from './api';

// A plugin module named by a session, with its vAIst Forge files when it is one: the bytes from
// this browser or the server, the files from the server (which checked and kept them with the
// upload). Null when the module is in neither; a vAIst plugin whose files the server cannot give
// comes without them (the writer says what the file then lacks).
export async function pluginFromBrowserOrServer(db: StudioDb, ref: PluginRef): Promise<PluginFile | null> {
  if (ref.sha256 === undefined) return null;
  const read = (url: string) => fetch(url, { credentials: 'same-origin' }).catch(() => null);
  const local = await db.assets.get(ref.sha256);
  let bytes: Blob;
  if (local !== undefined) {
    bytes = local.bytes;
  } else {
    const response = await read(`/api/v1/assets/${ref.sha256}`);
    if (response === null || !response.ok) return null;
    bytes = await response.blob();
  }
  if (ref.format !== 'vaist') return { bytes };
  const files = await read(`/api/v1/assets/${ref.sha256}/vaist`);
  if (files === null || !files.ok) return { bytes };
  return { bytes, vaist: (await files.json()) as VaistSidecar };
}

export async function serverProjectFile(db: StudioDb, session: ServerSession): Promise<WrittenProject & { fileName: string }> {
  const written = await writeProjectFile(JSON.stringify(session.document), async (sha256) => {
    const local = await db.assets.get(sha256);
    if (local !== undefined) return { bytes: local.bytes, name: local.name, type: local.type };
    const response = await fetch(`/api/v1/assets/${sha256}`, { credentials: 'same-origin' });
    if (!response.ok) return null;
    return { bytes: await response.blob(), name: sha256, type: response.headers.get('Content-Type') ?? '' };
  }, { name: session.name, getPlugin: (ref) => pluginFromBrowserOrServer(db, ref) });
  return { ...written, fileName: projectFileName(session.name) };
}
