// The server's kept Forge plugins and their versions (forge/README.md, "Kept plugins and
// versions"): keep a succeeded build as a plugin, add a version from a build with its parent,
// list, restore, delete, and refine a plan by an instruction (the built-in refiner answers at
// once; the server's model, when it has one, answers a job to follow). Errors are ApiErrors, in words.
import { type ForgeGeneration, type ForgePlan, forgeDelete, forgeRequest, getGeneration } from '../../server/api';

export interface ForgeVersion {
  id: string;
  number: number;
  parentId: string | null;
  message: string;
  language: string;
  format: 'wsp' | 'vaist';  // vaist: a vAIst Forge module imported as built (no plan, no source)
  pluginId: string;
  wasm: { sha256: string; url: string; manifest?: string };
  createdAt: number;
  plan?: ForgePlan | null;  // in a plugin's full answer
  source?: string | null;
  files: VersionFileName[];  // what versionFile downloads
}

export type VersionFileName = 'plugin.wasm' | 'descriptor.json' | 'glue.js';

export interface KeptPlugin {
  id: string;
  name: string;
  currentVersionId: string;
  createdAt: number;
  updatedAt: number;
  versions: ForgeVersion[];
}

export interface OfflineRefinement {
  refiner: 'offline';
  plan: ForgePlan;
  source: string;
  changes: string[];
  notUnderstood: string[];
}
// The model's refinement: a job read like a generation (GET /forge/generations/{id}).
export type ModelRefinement = ForgeGeneration & { refiner: 'model' };

const call = <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => forgeRequest<T>(method, path, body);

// source and plan null: a vAIst Forge module imported as built (it compiled none).
export const keepPlugin = (buildId: string, source: string | null, plan: ForgePlan | null, message: string) =>
  call<KeptPlugin>('POST', '/forge/plugins', { buildId, source, plan, message });
export const addVersion = (pluginId: string, buildId: string, parentVersionId: string, source: string | null, plan: ForgePlan | null, message: string) =>
  call<ForgeVersion>('POST', `/forge/plugins/${encodeURIComponent(pluginId)}/versions`, { buildId, parentVersionId, source, plan, message });
export const listKept = () => call<{ plugins: KeptPlugin[] }>('GET', '/forge/plugins').then((a) => a.plugins);
export const getKept = (pluginId: string) => call<KeptPlugin>('GET', `/forge/plugins/${encodeURIComponent(pluginId)}`);
export const restoreVersion = (pluginId: string, versionId: string) =>
  call<KeptPlugin>('POST', `/forge/plugins/${encodeURIComponent(pluginId)}/current`, { versionId });
// The refinement of the open plan and source; the server picks its model when it has one.
export const refinePlan = (plan: ForgePlan, source: string, instruction: string) =>
  call<OfflineRefinement | ModelRefinement>('POST', '/forge/refine', { plan, source, instruction });

const POLL_MS = 500;
// Follows the model's refinement to its end, telling `progress` of every step.
export async function followRefinement(job: ForgeGeneration, progress: (job: ForgeGeneration) => void): Promise<ForgeGeneration> {
  let current = job;
  progress(current);
  while (current.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    current = await getGeneration(current.id);
    progress(current);
  }
  return current;
}
// Deletes the plugin with all its versions (their modules stay the user's plugins).
export const deleteKept = (pluginId: string) => forgeDelete(`/forge/plugins/${encodeURIComponent(pluginId)}`);
// Deletes one version: its children name its parent; the plugin as it is now. The server refuses
// the only version (delete the plugin instead).
export const deleteVersion = (pluginId: string, versionId: string) =>
  call<KeptPlugin>('DELETE', `/forge/plugins/${encodeURIComponent(pluginId)}/versions/${encodeURIComponent(versionId)}`);

// Where a version's files download from.
export const versionFile = (pluginId: string, versionId: string, file: VersionFileName) =>
  `/api/v1/forge/plugins/${encodeURIComponent(pluginId)}/versions/${encodeURIComponent(versionId)}/${file}`;
