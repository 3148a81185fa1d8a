// The musician's own presets of a plugin: kept in this browser (the local database's presets
// table; no account needed) and, while they are signed in, on the server too (POST, GET and
// DELETE /api/v1/presets; the server has no rename, so a rename there is a new preset in place
// of the old). Locally first: a server that cannot be reached or refuses leaves the local preset
// as it is, and the caller says so.
import type { StoredPreset, StudioDb } from '../../storage/studio-db';
import { type Login, ServerError, serverWrite } from './server-api';

export const MAX_PRESET_NAME = 128; // the server's limit

interface ServerPreset {
  id: string;
  ownerId: string;
  pluginId: string;
  name: string;
  params: Record<string, number>;
}

// What happened on the server, for the window to say ('' when nothing needs saying).
export interface PresetOutcome {
  preset: StoredPreset | null;
  serverProblem: string;
}

export function checkPresetName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Type a name for the preset.';
  if (trimmed.length > MAX_PRESET_NAME) return `A preset's name has at most ${MAX_PRESET_NAME} characters.`;
  return null;
}

export async function listOwnPresets(db: StudioDb, pluginId: string): Promise<StoredPreset[]> {
  const presets = await db.presets.where('pluginId').equals(pluginId).toArray();
  return presets.sort((a, b) => a.name.localeCompare(b.name) || a.updatedAt - b.updatedAt);
}

// Brings the signed-in user's server presets of the plugin into the local list (those saved from
// another browser); returns the local list.
export async function syncOwnPresets(db: StudioDb, login: Login | null, pluginId: string): Promise<StoredPreset[]> {
  if (login !== null) {
    try {
      const response = await fetch(`/api/v1/presets/${encodeURIComponent(pluginId)}`, { credentials: 'same-origin' });
      if (response.ok) {
        const { presets } = (await response.json()) as { presets: ServerPreset[] };
        const mine = presets.filter((p) => p.ownerId === login.user.id);
        // In one transaction: two windows of the plugin syncing at once add each preset once.
        await db.transaction('rw', db.presets, async () => {
          const known = new Set((await db.presets.where('pluginId').equals(pluginId).toArray()).map((p) => p.serverId));
          const missing = mine.filter((p) => !known.has(p.id));
          await db.presets.bulkAdd(missing.map((p) => ({
            id: crypto.randomUUID(), pluginId, name: p.name, params: p.params, updatedAt: Date.now(), serverId: p.id,
          })));
        });
      }
    } catch {
      // the local list is what there is
    }
  }
  return listOwnPresets(db, pluginId);
}

const problem = (error: unknown) => (error instanceof ServerError || error instanceof Error ? error.message : String(error));

async function createOnServer(login: Login, preset: StoredPreset): Promise<string> {
  const created = await serverWrite<ServerPreset>(login, 'POST', '/api/v1/presets', { pluginId: preset.pluginId, name: preset.name, params: preset.params });
  return created!.id;
}

export async function saveOwnPreset(db: StudioDb, login: Login | null, pluginId: string, name: string,
  params: Record<string, number>): Promise<PresetOutcome> {
  const preset: StoredPreset = { id: crypto.randomUUID(), pluginId, name: name.trim(), params, updatedAt: Date.now() };
  await db.presets.add(preset);
  if (login === null) return { preset, serverProblem: '' };
  try {
    preset.serverId = await createOnServer(login, preset);
    await db.presets.update(preset.id, { serverId: preset.serverId });
    return { preset, serverProblem: '' };
  } catch (error) {
    return { preset, serverProblem: `Saved in this browser, not on the server: ${problem(error)}.` };
  }
}

export async function renameOwnPreset(db: StudioDb, login: Login | null, id: string, name: string): Promise<PresetOutcome> {
  const preset = await db.presets.get(id);
  if (preset === undefined) return { preset: null, serverProblem: '' };
  const renamed: StoredPreset = { ...preset, name: name.trim(), updatedAt: Date.now() };
  await db.presets.put(renamed);
  if (login === null || preset.serverId === undefined) return { preset: renamed, serverProblem: '' };
  try {
    renamed.serverId = await createOnServer(login, renamed);
    await db.presets.put(renamed);
    await serverWrite(login, 'DELETE', `/api/v1/presets/${encodeURIComponent(preset.pluginId)}/${encodeURIComponent(preset.serverId)}`);
    return { preset: renamed, serverProblem: '' };
  } catch (error) {
    return { preset: renamed, serverProblem: `Renamed in this browser; the server's copy keeps its old name: ${problem(error)}.` };
  }
}

export async function deleteOwnPreset(db: StudioDb, login: Login | null, id: string): Promise<PresetOutcome> {
  const preset = await db.presets.get(id);
  if (preset === undefined) return { preset: null, serverProblem: '' };
  let serverProblem = '';
  if (preset.serverId !== undefined) {
    if (login === null) serverProblem = 'Deleted in this browser; sign in and delete it again to delete the server\'s copy.';
    else {
      try {
        await serverWrite(login, 'DELETE', `/api/v1/presets/${encodeURIComponent(preset.pluginId)}/${encodeURIComponent(preset.serverId)}`);
      } catch (error) {
        if (!(error instanceof ServerError && error.status === 404)) serverProblem = `Deleted in this browser; the server's copy stays: ${problem(error)}.`;
      }
    }
  }
  // Deleted on the server but kept here would come back at the next sync: the local one goes only
  // after the server's (or when there is none, or it was already gone).
  if (serverProblem === '' || login === null) await db.presets.delete(id);
  return { preset, serverProblem };
}
