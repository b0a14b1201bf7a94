/** ApiError is a failed API call: the status and the server's message (`{error}`), Chinese and English when the server gave both. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly zh?: string,
    readonly en?: string,
  ) {
    super(message);
  }
}

let onUnauthorized: (() => void) | undefined;

/** whenSignedOut registers what to do when the session has expired (back to the login page). */
export function whenSignedOut(handler: () => void): void {
  onUnauthorized = handler;
}

/** csrfToken is the session's CSRF token, which the server keeps in the readable `ow_csrf` cookie. */
function csrfToken(): string | undefined {
  const found = document.cookie.split('; ').find((c) => c.startsWith('ow_csrf='));
  return found ? decodeURIComponent(found.slice('ow_csrf='.length)) : undefined;
}

/** api calls the orderwatch HTTP API with the session cookie (and, to change anything, the CSRF token) and returns its JSON. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const token = method === 'GET' ? undefined : csrfToken();
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { 'x-csrf-token': token } : {}) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const body = (data ?? {}) as { error?: string; issues?: { zh?: string; en?: string } | Array<{ field: string; message: string }> };
    if (res.status === 401 && !path.startsWith('/auth/')) onUnauthorized?.();
    const issues = body.issues;
    const bilingual = issues && !Array.isArray(issues) ? issues : undefined;
    const detail = Array.isArray(issues) ? `: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}` : '';
    throw new ApiError(res.status, `${body.error ?? res.statusText}${detail}`, bilingual?.zh, bilingual?.en);
  }
  return data as T;
}

/** query builds a query string from the defined values. */
export function query(params: Record<string, string | number | undefined | null | readonly string[]>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) q.set(key, value.join(','));
    } else q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
