// The studio's client of the server's API (docs/api/openapi.yaml): typed wrappers over fetch that
// send the login's CSRF token with every write (a cookie login's writes need it; the cookie itself
// is HttpOnly and travels on its own), and turn every failure into an ApiError whose message says
// what happened and what to do next, in a musician's words (explain()). Nothing fails silently:
// every call resolves with what was asked for or throws an ApiError.

export const API_BASE = '/api/v1';

export type Role = 'owner' | 'editor' | 'viewer';

export interface User {
  id: string;
  username: string;
  displayName: string;
  bio: string;
  avatarSha256: string | null;
  createdAt: number;
}

export interface SessionSummary {
  id: string;
  ownerId: string;
  name: string;
  public: boolean;
  revision: number;
  updatedAt: number;
  role: Role;
}

export interface ServerSession extends Omit<SessionSummary, 'role'> {
  createdAt: number;
  role: Role | null;
  document: Record<string, unknown>;
}

export interface StoredAssetInfo {
  sha256: string;
  kind: string;
  size: number;
  public: boolean;
}

// The server's error shape: {"error": {code, message, field?, currentRevision?}}.
export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  currentRevision?: number;
}

// What the studio was doing when a request failed: the same answer means different things (a
// 404 while opening is "not yours or gone", while saving "deleted since").
export type Action = 'sign-in' | 'sign-up' | 'sign-out' | 'account' | 'list' | 'open' | 'save' | 'save-copy'
  | 'rename' | 'duplicate' | 'delete' | 'upload' | 'download' | 'build' | 'keep';

export class ApiError extends Error {
  readonly status: number;      // 0: the server was not reached
  readonly code: string;        // the server's error code, or 'network' / 'bad_response'
  readonly field?: string;
  readonly currentRevision?: number;
  readonly serverMessage: string;

  constructor(action: Action, status: number, body: ErrorBody | null) {
    super(explain(action, status, body));
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code ?? (status === 0 ? 'network' : 'bad_response');
    this.field = body?.field;
    this.currentRevision = body?.currentRevision;
    this.serverMessage = body?.message ?? '';
  }

  // Signing in would help: the server did not know who asked, or hid the object from them.
  get needsSignIn(): boolean {
    return this.status === 401 || this.code === 'login_expired';
  }
}

const sentence = (text: string): string => {
  const trimmed = text.trim().replace(/[.;:]+$/, '');
  return trimmed === '' ? '' : `${trimmed[0].toUpperCase()}${trimmed.slice(1)}.`;
};

const WHAT: Record<Action, string> = {
  'sign-in': 'You are not signed in',
  'sign-up': 'The account was not created',
  'sign-out': 'You were not signed out',
  account: 'Your account could not be checked',
  list: 'Your server sessions could not be listed',
  open: 'The session could not be opened from the server',
  save: 'The session was not saved to the server',
  'save-copy': 'The copy was not saved to the server',
  rename: 'The session was not renamed on the server',
  duplicate: 'The session was not duplicated on the server',
  delete: 'The session was not deleted from the server',
  upload: 'An audio file could not be uploaded to the server',
  download: 'A file could not be downloaded from the server',
  build: 'The plugin was not built',
  keep: 'The Forge could not do that with your plugins',
};

// The message a musician reads for a failed request: what happened (WHAT), why, and what to do.
export function explain(action: Action, status: number, body: ErrorBody | null): string {
  const what = WHAT[action];
  const server = body?.message ?? '';
  const kept = action === 'save' || action === 'save-copy' || action === 'upload' ? ' Your work is kept in this browser.' : '';
  if (status === 0) {
    return `${what}: the server could not be reached. Check your connection and try again.${kept}`;
  }
  // Answers without the API's body (HEAD, a proxy's page) are read by their status.
  const code = body?.code ?? ({ 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 413: 'too_large' } as Record<number, string>)[status];
  switch (code) {
    case 'invalid_credentials':
      return action === 'sign-in'
        ? 'Wrong username or password. Check both (passwords are case-sensitive) and try again.'
        : `${what}: your sign-in is not valid. Sign in again, then try again.${kept}`;
    case 'unauthenticated':
    case 'login_expired':
      return `${what}: you are not signed in, or your sign-in has expired. Sign in and try again.${kept}`;
    case 'csrf_token_invalid':
      return `${what}: this page's sign-in is out of date (you signed in elsewhere?). Reload the page, then try again.${kept}`;
    case 'too_many_attempts':
      return `Too many failed sign-ins. ${sentence(server.replace(/^too many failed logins;?\s*/, '')).replace(/ s\.$/, ' seconds.')}`;
    case 'username_taken':
      return `${sentence(server)}`;
    case 'revision_conflict':
      return `Someone else saved this session on the server after your copy was made${body?.currentRevision !== undefined ? ` (it is now at revision ${body?.currentRevision})` : ''}. Choose whether to reload their version or save yours as a copy.`;
    case 'forbidden':
      if (action === 'save') return `${what}: you may view this session but not change it. Save it as a copy of your own instead.${kept}`;
      if (action === 'delete') return `${what}: only its owner may delete it.`;
      if (action === 'rename') return `${what}: only its owner and its editors may rename it.`;
      return `${what}: ${server ? sentence(server) : 'your account may not do this.'}`;
    case 'not_found':
      if (action === 'open') return `${what}: it does not exist, or your account may not open it. If it is yours, sign in with the account that saved it.`;
      if (action === 'save') return `${what}: it is no longer on the server (deleted?), or your account may not change it. Save it as a copy of your own instead.${kept}`;
      if (action === 'delete') return `${what}: it is already gone, or your account may not see it.`;
      if (action === 'rename' || action === 'duplicate') return `${what}: it is no longer on the server (deleted?), or your account may not see it.`;
      if (action === 'download') return `${what}: the server does not have it, or your account may not read it.`;
      return `${what}: the server does not know it.`;
    case 'invalid_session':
      return `${what}: the server found the session invalid (${server}). Download it as a file to keep it, and report the problem.${kept}`;
    case 'invalid_audio':
      return `${what}: the server could not use it (${server}). Replace the file with one that plays, then save again.${kept}`;
    case 'too_large':
    case 'json_too_large':
      return `${what}: it is too large for the server${server ? ` (${server})` : ''}.${kept}`;
    case 'invalid_request':
    case 'invalid_json':
      return action === 'sign-up' || action === 'sign-in' ? `${sentence(server)} Correct it and try again.` : `${what}: ${sentence(server)}${kept}`;
    case 'busy':
      return `${what}: the server is busy. Try again in a moment.${kept}`;
    case 'too_many_builds':
      return `${what}: you already have builds waiting. Wait for them to finish, then build again.`;
    case 'build_limit_reached':
      return `${what}: you have used this month's builds (${server}). Builds you made before still work, and an unchanged source rebuilds from the cache.`;
    case 'forge_busy':
      return `${what}: the build queue is full. Try again in a moment.`;
    case 'forge_unavailable':
      return `${what}: this server cannot build plugins (${server}).`;
    default:
      break;
  }
  if (status >= 500) return `${what}: the server had a problem (HTTP ${status}). Try again in a moment.${kept}`;
  return `${what}: the server refused (HTTP ${status}${server ? `: ${server}` : ''}).${kept}`;
}

// ---- the login's CSRF token: from sign-in, sign-up and GET /auth/me, sent with every write.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function errorBody(response: Response): Promise<ErrorBody | null> {
  try {
    const json = (await response.json()) as { error?: ErrorBody };
    return json.error && typeof json.error.code === 'string' ? json.error : null;
  } catch {
    return null;  // HEAD, or not the API's answer (a proxy's page)
  }
}

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD';

interface RequestOptions {
  json?: unknown;
  body?: BodyInit;
}

// One request. A write refused for an out-of-date CSRF token (another tab signed in again) is
// retried once with the token GET /auth/me gives now.
async function send(action: Action, method: string, path: string, options: RequestOptions = {}, retried = false): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  if (isWrite(method) && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method, headers, credentials: 'same-origin',
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    });
  } catch {
    throw new ApiError(action, 0, null);
  }
  if (response.ok) return response;
  const body = await errorBody(response);
  if (body?.code === 'csrf_token_invalid' && !retried && path !== '/auth/me') {
    const me = await fetch(`${API_BASE}/auth/me`, { credentials: 'same-origin' }).catch(() => null);
    if (me?.ok) {
      setCsrfToken(((await me.json()) as { csrfToken?: string }).csrfToken ?? null);
      return send(action, method, path, options, true);
    }
  }
  throw new ApiError(action, response.status, body);
}

async function json<T>(action: Action, method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(action, method, path, options);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(action, response.status === 200 ? 502 : response.status, { code: 'bad_response', message: 'the answer was not JSON' });
  }
}

// ---- accounts
// Whether this browser signed in through the studio and has not signed out since: the login
// cookie is HttpOnly, so the page cannot see it, and asking /auth/me with none is a 401 that the
// browser logs as a failed request on every load of an anonymous studio.
const SIGNED_IN_KEY = 'wasm-studio:signed-in';
function rememberSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_KEY, '1');
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // storage refused (a private window's quota): /auth/me is asked every time instead
  }
}
function maySignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) !== null;
  } catch {
    return true;
  }
}

export async function signIn(username: string, password: string): Promise<User> {
  const result = await json<{ user: User; csrfToken: string }>('sign-in', 'POST', '/auth/login', { json: { username, password } });
  setCsrfToken(result.csrfToken);
  rememberSignedIn(true);
  return result.user;
}

export async function signUp(username: string, password: string, displayName?: string): Promise<User> {
  const body = displayName ? { username, password, displayName } : { username, password };
  const result = await json<{ user: User; csrfToken: string }>('sign-up', 'POST', '/auth/register', { json: body });
  setCsrfToken(result.csrfToken);
  rememberSignedIn(true);
  return result.user;
}

export async function signOut(): Promise<void> {
  try {
    await send('sign-out', 'POST', '/auth/logout');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) rememberSignedIn(false);  // it had ended already
    throw error;
  }
  setCsrfToken(null);
  rememberSignedIn(false);
}

// The signed-in user, or null when nobody is (401, or this browser never signed in here).
export async function currentUser(): Promise<User | null> {
  if (!maySignedIn()) return null;
  try {
    const result = await json<{ user: User; csrfToken?: string }>('account', 'GET', '/auth/me');
    setCsrfToken(result.csrfToken ?? null);
    return result.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      rememberSignedIn(false);
      return null;
    }
    throw error;
  }
}

// A user's public profile (who saved a revision), or null if it cannot be read.
export async function userProfile(id: string): Promise<User | null> {
  return json<User>('account', 'GET', `/users/${encodeURIComponent(id)}`).catch(() => null);
}

// ---- sessions
export async function listSessions(): Promise<SessionSummary[]> {
  return (await json<{ sessions: SessionSummary[] }>('list', 'GET', '/sessions')).sessions;
}

export function getSession(id: string, action: Action = 'open'): Promise<ServerSession> {
  return json<ServerSession>(action, 'GET', `/sessions/${encodeURIComponent(id)}`);
}

export function createSession(name: string, document: object, action: Action = 'save'): Promise<ServerSession> {
  return json<ServerSession>(action, 'POST', '/sessions', { json: { name, document } });
}

// Based on `revision`: a 409 ApiError (code revision_conflict, currentRevision) when the server
// has a newer one.
export function updateSession(id: string, revision: number, name: string, document: object, action: Action = 'save'): Promise<ServerSession> {
  return json<ServerSession>(action, 'PUT', `/sessions/${encodeURIComponent(id)}`, { json: { revision, name, document } });
}

export async function deleteSession(id: string): Promise<void> {
  await send('delete', 'DELETE', `/sessions/${encodeURIComponent(id)}`);
}

// ---- assets (by sha256: 64 lowercase hex digits)
export async function hasAsset(sha256: string): Promise<boolean> {
  try {
    await send('upload', 'HEAD', `/assets/${sha256}`);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return false;
    throw error;
  }
}

export async function downloadAsset(sha256: string): Promise<{ bytes: ArrayBuffer; type: string }> {
  const response = await send('download', 'GET', `/assets/${sha256}`);
  return { bytes: await response.arrayBuffer(), type: response.headers.get('Content-Type') ?? '' };
}

// Uploads one file as the raw body; `onProgress(sentBytes)` while it goes (XMLHttpRequest: fetch
// reports no upload progress).
export function uploadAsset(bytes: Blob, onProgress: (sent: number) => void = () => {}): Promise<StoredAssetInfo> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${API_BASE}/assets`);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    if (csrfToken !== null) request.setRequestHeader('X-CSRF-Token', csrfToken);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onerror = () => reject(new ApiError('upload', 0, null));
    request.onload = () => {
      let answer: unknown = null;
      try {
        answer = JSON.parse(request.responseText);
      } catch {
        // not the API's answer: reported below by status
      }
      if (request.status === 201 || request.status === 200) {
        resolve(answer as StoredAssetInfo);
        return;
      }
      const body = (answer as { error?: ErrorBody } | null)?.error ?? null;
      reject(new ApiError('upload', request.status, body));
    };
    request.send(bytes);
  });
}

// ---- the Forge (forge/README.md): a plugin's source built and validated on the server.
export interface ForgeUsage {
  month: string;
  builds: number;
  limit: number | null;  // null: no limit
  remaining: number | null;
}
export interface ForgeDiagnostic {
  severity: 'fatal error' | 'error' | 'warning' | 'note' | 'remark';
  message: string;
  file?: string;  // 'plugin.cpp' for the user's source
  line?: number;
  column?: number;
}
export interface ForgeValidationFailure {
  check: string;
  title: string;
  rules: string[];
  reason: string;
}
export interface ForgeBuild {
  id: string;
  language: string;
  status: 'queued' | 'compiling' | 'succeeded' | 'failed';
  queuePosition?: number;
  cached: boolean;
  usage: ForgeUsage;
  stage?: 'compile' | 'validate' | 'store' | 'done';
  message?: string;
  diagnostics?: ForgeDiagnostic[];
  diagnosticsTruncated?: boolean;
  timings?: { compileMs: number; validateMs: number };
  validation?: { passed: boolean; message: string; checks: number; failures: ForgeValidationFailure[] };
  wasm?: { sha256: string; size: number; url: string };
  plugin?: { id: string; name: string; params?: { id: number; name: string; unit?: string }[]; [member: string]: unknown };
}

export function startBuild(source: string, language: 'cpp' | 'faust' = 'cpp'): Promise<ForgeBuild> {
  return json<ForgeBuild>('build', 'POST', '/forge/builds', { json: { language, source } });
}
export function getBuild(id: string): Promise<ForgeBuild> {
  return json<ForgeBuild>('build', 'GET', `/forge/builds/${encodeURIComponent(id)}`);
}
// A vAIst Forge project imported into the Forge (docs/forge-vaist-import.md): its folder's files,
// sources as text and modules as base64. A source project answers like a build of the one C++
// source the server wrote for it (`source`, to show in the editor); a built one as a finished build.
export interface ImportFile { name: string; text?: string; base64?: string }
export interface ForgeImport extends ForgeBuild {
  import?: { form: 'source' | 'glue' | 'clean'; pluginName: string; used: string[]; ignored: string[] };
  source?: string;
}
export function startImport(files: ImportFile[]): Promise<ForgeImport> {
  return json<ForgeImport>('build', 'POST', '/forge/imports', { json: { files } });
}
// The offline generator's plan for a description, and the C++ it writes (docs/forge-plan.md).
export interface ForgePlan {
  id: string;
  name: string;
  description: string;
  parameters: { id: string; name: string; unit: string; min: number; max: number; default: number; scale: string }[];
  blocks: { kind: string; controls: Record<string, { param: string } | number>; options: Record<string, string> }[];
  mix: string | null;
  notes: string[];
  [member: string]: unknown;
}
export function planFromWords(prompt: string): Promise<{ plan: ForgePlan; source: string }> {
  return json('build', 'POST', '/forge/plans', { json: { prompt } });
}
// One plan-editor edit (docs/forge-plan.md, "Edits"), made by the server so the plan's rules
// live in one place: the edited plan and its code, or an ApiError (422 invalid_edit) saying why not.
export type PlanEdit =
  | { op: 'renamePlugin'; name: string }
  | { op: 'renameParameter'; parameter: string; name: string }
  | { op: 'setRange'; parameter: string; min: number; max: number; default: number }
  | { op: 'addBlock'; kind: string; position: number }
  | { op: 'removeBlock'; index: number }
  | { op: 'moveBlock'; from: number; to: number }
  | { op: 'setOption'; block: number; option: string; value: string }
  | { op: 'addParameter'; block: number; control: string; name: string }
  | { op: 'removeParameter'; parameter: string }
  | { op: 'addMix' };
export function editPlan(plan: ForgePlan, edit: PlanEdit): Promise<{ plan: ForgePlan; source: string }> {
  return json('build', 'POST', '/forge/plan-edits', { json: { plan, edit } });
}
export interface BlockCatalog {
  blocks: {
    kind: string;
    title: string;
    instrument: boolean;
    controls: { id: string; name: string; unit: string; min: number; max: number; default: number; scale: string }[];
    options: { id: string; choices: string[] }[];
  }[];
}
export function forgeCatalog(): Promise<BlockCatalog> {
  return json<BlockCatalog>('build', 'GET', '/forge/catalog');
}
// A request of the Forge's kept plugins and refinements (forge/versions/forge-versions-api.ts),
// through the same path as every other call (the CSRF token, errors in words).
export function forgeRequest<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return json<T>('keep', method, path, body === undefined ? undefined : { json: body });
}
// A delete the server answers with no body (204).
export async function forgeDelete(path: string): Promise<void> {
  await send('keep', 'DELETE', path);
}
export function forgeUsage(): Promise<ForgeUsage> {
  return json<ForgeUsage>('build', 'GET', '/forge/usage');
}
// The Forge's language model, when the server has one (forge/README.md "The model").
export interface ForgeModel { configured: boolean; model?: string; maxAttempts: number }
export interface ForgeGenerationAttempt {
  stage: 'plan' | 'code';
  number: number;
  status: 'asking' | 'checking' | 'building' | 'failed' | 'succeeded';
  message: string;
  problems: string[];
  buildId?: string;
}
export interface ForgeGeneration {
  id: string;
  kind: 'generate' | 'refine';  // refine: POST /forge/refine with a model (forge/versions)
  status: 'running' | 'succeeded' | 'failed';
  stage: 'plan' | 'code' | 'done';
  message: string;
  attempts: ForgeGenerationAttempt[];
  maxAttempts: number;
  plan: ForgePlan | null;
  source: string | null;
  buildId: string | null;
  usage: ForgeUsage;
}
export function forgeModel(): Promise<ForgeModel> {
  return json<ForgeModel>('build', 'GET', '/forge/model');
}
export function startGeneration(prompt: string): Promise<ForgeGeneration> {
  return json<ForgeGeneration>('build', 'POST', '/forge/generations', { json: { prompt } });
}
export function getGeneration(id: string): Promise<ForgeGeneration> {
  return json<ForgeGeneration>('build', 'GET', `/forge/generations/${encodeURIComponent(id)}`);
}
