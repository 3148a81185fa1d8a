// The few calls to the server (docs/api/openapi.yaml) this slice makes: who is signed in (GET
// /api/v1/auth/me, which also gives a cookie login's CSRF token), and writes that carry that
// token. Errors come back as the server's message, which names what was wrong in its terms.
export interface Login {
  user: { id: string; username: string };
  csrfToken: string;
}

// The signed-in user, or null (signed out, or the server cannot be reached: the studio works
// without it).
export async function currentLogin(): Promise<Login | null> {
  try {
    const response = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
    if (!response.ok) return null;
    const me = (await response.json()) as { user: Login['user']; csrfToken?: string };
    return { user: me.user, csrfToken: me.csrfToken ?? '' };
  } catch {
    return null;
  }
}

export class ServerError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

// A write as the signed-in user; resolves with the answer's JSON (null for 204), or throws a
// ServerError with the server's code and message.
export async function serverWrite<T>(login: Login, method: 'POST' | 'DELETE' | 'PUT', url: string, body?: unknown): Promise<T | null> {
  const headers: Record<string, string> = { 'X-CSRF-Token': login.csrfToken };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ServerError(0, 'offline', `the server could not be reached (${error instanceof Error ? error.message : String(error)})`);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: the status says it
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ServerError(response.status, error?.code ?? 'http', error?.message ?? `HTTP ${response.status}`);
  }
  return json as T;
}
