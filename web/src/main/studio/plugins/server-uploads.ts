// The signed-in musician's uploaded plugins as the server keeps them (GET /api/v1/plugins/uploads),
// so that a browser that never uploaded them (another computer, a fresh profile) lists them too:
// the menu shows this browser's uploads and the server's, once each by sha256. One that is only on
// the server is fetched when it is inserted (its module, checked against its sha256, and for a
// vAIst Forge plugin its manifest) and kept in this browser like an upload made here.
import type { StudioDb } from '../../storage/studio-db';
import type { PluginDescriptorView } from './param-scale';
import { type UploadedPlugin, rememberUploaded } from './uploaded-plugins';

export interface ServerUpload {
  sha256: string;
  format: 'wsp' | 'vaist';
  pluginId: string;
  name: string;
  descriptor: PluginDescriptorView;
  size: number;
  public: boolean;
  uploadedAt: number;
  forge?: { name: string; version: number };  // a version kept in the Forge
}

// An entry of the menu's "Uploaded" group: `here` when its module is in this browser; `label`
// names a version kept in the Forge ("Canyon Echo v2"), whose versions share a descriptor name.
export type ListedUpload = UploadedPlugin & { here: boolean; label?: string };

// The server answers pages of at most 200; a musician with more than this many plugins sees the
// newest ones (and every one uploaded from this browser).
const PAGE = 200;
const MAX_PAGES = 10;

// The signed-in user's uploads on the server, newest first; null when the server cannot say
// (signed out, unreachable): the menu then shows this browser's alone.
export async function fetchServerUploads(): Promise<ServerUpload[] | null> {
  const all: ServerUpload[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = new URLSearchParams({ limit: String(PAGE), ...(after !== undefined ? { after } : {}) });
    let answer: { plugins: ServerUpload[]; next?: string };
    try {
      const response = await fetch(`/api/v1/plugins/uploads?${query}`, { credentials: 'same-origin' });
      if (!response.ok) return page === 0 ? null : all;
      answer = (await response.json()) as typeof answer;
    } catch {
      return page === 0 ? null : all;
    }
    all.push(...answer.plugins);
    if (answer.next === undefined) break;
    after = answer.next;
  }
  return all;
}

const byName = (a: ListedUpload, b: ListedUpload) => a.descriptor.name.localeCompare(b.descriptor.name) || a.sha256.localeCompare(b.sha256);

// This browser's uploads and the server's, once each by sha256; this browser's record wins (it
// has the manifest and the name the file was picked under). Sorted by plugin name.
export function mergeUploads(local: UploadedPlugin[], server: ServerUpload[]): ListedUpload[] {
  const merged = new Map<string, ListedUpload>();
  for (const plugin of local) merged.set(plugin.sha256, { ...plugin, here: true });
  for (const upload of server) {
    if (merged.has(upload.sha256)) continue;
    merged.set(upload.sha256, {
      sha256: upload.sha256, format: upload.format, descriptor: upload.descriptor, fileName: `${upload.name}.wasm`,
      uploadedAt: upload.uploadedAt, here: false,
    });
  }
  for (const upload of server) {
    const entry = merged.get(upload.sha256);
    if (upload.forge !== undefined && entry !== undefined) entry.label = `${upload.forge.name} v${upload.forge.version}`;
  }
  return [...merged.values()].sort(byName);
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Brings a plugin that is only on the server into this browser: its module (whose bytes must
// hash to its sha256) and, for a vAIst Forge plugin, the manifest the server worked out (which
// must name that module). Resolves with what the studio inserts it by; throws an Error saying
// what is wrong.
export async function keepServerUpload(db: StudioDb, listed: ListedUpload): Promise<UploadedPlugin> {
  const { here: _here, label: _label, ...plugin } = listed;
  if (listed.here) return plugin;
  const read = async (url: string, what: string) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${what} of ${listed.descriptor.name} could not be read from the server (HTTP ${response.status}); sign in again, or upload it again`);
    return response;
  };
  const bytes = await (await read(`/api/v1/assets/${listed.sha256}`, 'the module')).arrayBuffer();
  const actual = await sha256Hex(bytes);
  if (actual !== listed.sha256) throw new Error(`the server sent a module for ${listed.descriptor.name} whose bytes hash to ${actual}, not ${listed.sha256}; it was not kept`);
  if (listed.format === 'vaist') {
    const manifest = (await (await read(`/api/v1/assets/${listed.sha256}/manifest`, 'the manifest')).json()) as { sha256?: unknown };
    if (manifest.sha256 !== listed.sha256) throw new Error(`the server's manifest for ${listed.descriptor.name} describes another module; it was not kept`);
    plugin.manifest = manifest;
  }
  await rememberUploaded(db, plugin, new Blob([bytes], { type: 'application/wasm' }));
  return plugin;
}
