// Uploading a plugin from the plugin browser: the files the musician picked, told apart by name
// (our format: one .wasm; a vAIst Forge build: its .wasm, descriptor.json and, unless it is a
// clean-named build, the emscripten .js beside them), sent to the server, which runs the
// conformance suite (POST /api/v1/assets, or /api/v1/assets/vaist), and its answer put in the
// musician's terms: what was refused and what to do.
import { type Login, ServerError } from './server-api';
import type { PluginDescriptorView } from './param-scale';
import type { UploadedPlugin } from './uploaded-plugins';

export type PickedPlugin =
  | { format: 'wsp'; wasm: File }
  | { format: 'vaist'; wasm: File; glue: File | null; descriptor: File };

export function classifyPicked(files: File[]): { ok: true; picked: PickedPlugin } | { ok: false; error: string } {
  const byEnd = (end: string) => files.filter((f) => f.name.toLowerCase().endsWith(end));
  const wasm = byEnd('.wasm');
  const json = byEnd('.json');
  const js = byEnd('.js');
  const other = files.length - wasm.length - json.length - js.length;
  const what = 'Choose one plugin: its .wasm alone (a WASM Studio plugin), or a vAIst Forge build: its .wasm and descriptor.json, with the .js beside them if the build has one.';
  if (wasm.length !== 1 || other > 0 || json.length > 1 || js.length > 1) return { ok: false, error: `${files.length === 0 ? 'No file was chosen.' : `${files.map((f) => f.name).join(', ')}: not one plugin.`} ${what}` };
  if (json.length === 0) {
    if (js.length > 0) return { ok: false, error: `A vAIst Forge build needs its descriptor.json too. ${what}` };
    return { ok: true, picked: { format: 'wsp', wasm: wasm[0] } };
  }
  return { ok: true, picked: { format: 'vaist', wasm: wasm[0], glue: js[0] ?? null, descriptor: json[0] } };
}

function base64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

// The conformance suite's answer names every failed check with its evidence, which can run to
// pages: the names of the checks that failed and the first one's reason say enough, and `vaist
// plugin validate` gives the rest. A message of another shape is kept whole.
export function summariseChecks(message: string): string {
  const failed = [...message.matchAll(/\(([a-z][a-z0-9-]*): ([a-z][a-z -]*?): /g)];
  if (failed.length === 0) return message;
  const names = [...new Set(failed.map((m) => m[1]))];
  const first = failed[0];
  const start = (first.index ?? 0) + first[0].length;
  const reason = message.slice(start).split(' (in the block')[0].split('); ')[0];
  return `${names.length} check${names.length === 1 ? '' : 's'} failed (${names.join(', ')}); ${first[1]}: ${first[2]}: ${reason}. Run "vaist plugin validate" on it to see each.`;
}

// The server's refusal in the musician's terms.
export function refusalText(error: ServerError, fileName: string): string {
  switch (error.code) {
    case 'unauthenticated':
    case 'login_expired':
    case 'csrf_token_invalid':
      return 'Uploading a plugin needs an account: sign in (or sign up) from the header, then upload it again.';
    case 'invalid_plugin':
      return `${fileName} was refused: it did not pass the plugin checks. ${summariseChecks(error.message)}`;
    case 'unsupported_media_type':
      return `${fileName} was refused: it is not a WebAssembly plugin (${error.message}).`;
    case 'too_large':
      return `${fileName} was refused: it is too large (${error.message}).`;
    case 'plugin_conflict':
      return `${fileName} was refused: ${error.message}.`;
    case 'invalid_request':
    case 'invalid_json':
      return `${fileName} was refused: ${error.message}. Check that descriptor.json is the one built with this plugin.`;
    case 'offline':
      return `${fileName} could not be uploaded: ${error.message}. Check the connection and try again.`;
    default:
      return `${fileName} could not be uploaded: ${error.message}.`;
  }
}

interface AssetAnswer {
  sha256: string;
  plugin?: PluginDescriptorView;
  manifest?: object;
  warnings?: string[];
}

async function send(login: Login, url: string, body: BodyInit, type: string): Promise<AssetAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': type, 'X-CSRF-Token': login.csrfToken }, body });
  } catch (error) {
    throw new ServerError(0, 'offline', `the server could not be reached (${error instanceof Error ? error.message : String(error)})`);
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // the status says it
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ServerError(response.status, error?.code ?? 'http', error?.message ?? `HTTP ${response.status}`);
  }
  return json as AssetAnswer;
}

// Uploads the picked plugin as `login`; resolves with what to remember of it, or throws a
// ServerError.
export async function uploadPlugin(login: Login, picked: PickedPlugin): Promise<UploadedPlugin> {
  const wasm = await picked.wasm.arrayBuffer();
  const answer = picked.format === 'wsp'
    ? await send(login, '/api/v1/assets', wasm, 'application/octet-stream')
    : await send(login, '/api/v1/assets/vaist', JSON.stringify({
      wasm: base64(wasm), descriptor: await picked.descriptor.text(), ...(picked.glue !== null ? { glue: await picked.glue.text() } : {}),
    }), 'application/json');
  if (answer.plugin === undefined) throw new ServerError(422, 'invalid_plugin', 'the server did not take it as a plugin');
  return {
    sha256: answer.sha256, format: picked.format, descriptor: answer.plugin, manifest: answer.manifest, fileName: picked.wasm.name,
    uploadedAt: Date.now(), warnings: answer.warnings,
  };
}
