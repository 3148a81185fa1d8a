// The musician's uploaded plugins, in this browser: each one's bytes in the local database's
// assets table (by sha256, like imported audio) and what the studio needs to insert it (its
// format, descriptor and, for a vAIst Forge plugin, the manifest the server worked out) in the
// settings table under `uploaded-plugin:<sha256>`. The server holds the same upload (it checked
// it), so a session naming it plays for whoever may read it there.
import type { PluginUrl } from '../../audio/session-assets';
import type { StudioDb } from '../../storage/studio-db';
import type { PluginDescriptorView } from './param-scale';

export interface UploadedPlugin {
  sha256: string;
  format: 'wsp' | 'vaist';
  descriptor: PluginDescriptorView;
  manifest?: object; // vAIst Forge plugins only
  fileName: string;
  uploadedAt: number;
  warnings?: string[];
}

const PREFIX = 'uploaded-plugin:';

export async function rememberUploaded(db: StudioDb, plugin: UploadedPlugin, bytes: Blob): Promise<void> {
  await db.transaction('rw', db.assets, db.settings, async () => {
    if ((await db.assets.get(plugin.sha256)) === undefined) {
      await db.assets.put({ sha256: plugin.sha256, name: plugin.fileName, type: 'application/wasm', size: bytes.size, bytes });
    }
    await db.settings.put({ key: PREFIX + plugin.sha256, value: plugin });
  });
}

export async function listUploaded(db: StudioDb): Promise<UploadedPlugin[]> {
  try {
    const rows = await db.settings.where('key').startsWith(PREFIX).toArray();
    return rows.map((row) => row.value as UploadedPlugin).sort((a, b) => a.descriptor.name.localeCompare(b.descriptor.name));
  } catch {
    return [];
  }
}

export async function uploadedBySha(db: StudioDb, sha256: string): Promise<UploadedPlugin | null> {
  try {
    return ((await db.settings.get(PREFIX + sha256))?.value as UploadedPlugin | undefined) ?? null;
  } catch {
    return null;
  }
}

// The module's bytes: from this browser, else from the server (GET /api/v1/assets/{sha256}).
export async function uploadedBytes(db: StudioDb, sha256: string): Promise<ArrayBuffer> {
  try {
    const stored = await db.assets.get(sha256);
    if (stored !== undefined) return await stored.bytes.arrayBuffer();
  } catch {
    // the server then
  }
  const response = await fetch(`/api/v1/assets/${sha256}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`the plugin's module is not in this browser nor readable on the server (HTTP ${response.status}); upload it again`);
  return response.arrayBuffer();
}

// What opening a session that names uploaded plugins needs (Transport.open): where each module is
// (this browser's copy, else the server's, which answers whoever may read it there) and their
// descriptors by plugin id, for their windows. vAIst Forge plugins are loaded by session-assets.ts
// from the server with their manifest.
export async function uploadedPluginSource(db: StudioDb): Promise<{ pluginUrl: PluginUrl; descriptors: Record<string, PluginDescriptorView> }> {
  const uploaded = await listUploaded(db);
  const urls = new Map<string, string>();
  for (const plugin of uploaded) {
    try {
      const stored = await db.assets.get(plugin.sha256);
      if (stored !== undefined) urls.set(plugin.sha256, URL.createObjectURL(stored.bytes));
    } catch {
      // the server's copy then
    }
  }
  return {
    pluginUrl: (ref) => (ref.sha256 === undefined ? null : urls.get(ref.sha256) ?? `/api/v1/assets/${ref.sha256}`),
    descriptors: Object.fromEntries(uploaded.map((p) => [p.descriptor.id, p.descriptor])),
  };
}
