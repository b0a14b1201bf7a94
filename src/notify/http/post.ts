import { DEFAULT_TIMEOUT_MS, type FetchLike } from './fetch-like.js';

/**
 * HttpOutcome is one POST as the senders see it: either the platform answered
 * (any status, with its body text) or the request failed on the way.
 *
 * `delivered` on a failure says whether the platform may have received the
 * request anyway: 'no' when the connection was never made (refused, DNS),
 * 'maybe' when it broke or timed out after the request could have been
 * written. Chat robots do not care (a retry at worst repeats a group
 * message), but SMS is not idempotent and does not retry a 'maybe'.
 * `permanent` marks a request that can never be sent (a malformed URL).
 * Errors never repeat the URL: robot URLs carry their access token.
 */
export type HttpOutcome =
  | { readonly kind: 'answered'; readonly status: number; readonly headers: Headers; readonly text: string }
  | { readonly kind: 'failed'; readonly delivered: 'no' | 'maybe'; readonly permanent: boolean; readonly error: string };

/** HttpPost is one request to send; `body` is already serialised so signatures cover exactly these bytes. */
export interface HttpPost {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
}

/** Error codes that mean the connection was never established, so nothing reached the platform. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** postRequest sends one POST with a deadline over the whole exchange and never throws. */
export async function postRequest(request: HttpPost): Promise<HttpOutcome> {
  if (!isHttpUrl(request.url)) {
    return { kind: 'failed', delivered: 'no', permanent: true, error: 'invalid URL: expected an absolute http(s) URL' };
  }
  const doFetch = request.fetch ?? fetch;
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await doFetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: 'error',
    });
    const text = await response.text();
    return { kind: 'answered', status: response.status, headers: response.headers, text };
  } catch (error) {
    if (controller.signal.aborted) {
      return { kind: 'failed', delivered: 'maybe', permanent: false, error: `timeout: no complete answer within ${timeoutMs} ms` };
    }
    const code = errorCode(error);
    return {
      kind: 'failed',
      delivered: code !== undefined && NOT_CONNECTED.has(code) ? 'no' : 'maybe',
      permanent: false,
      error: `network error: ${describe(error)}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

function isHttpUrl(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** undici wraps the socket error in `cause` (sometimes an AggregateError of several addresses). */
function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 4; depth++) {
    if (typeof e === 'object') {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string') return code;
      const inner = (e as { errors?: unknown }).errors;
      if (Array.isArray(inner) && inner.length > 0) {
        const first = errorCode(inner[0]);
        if (first !== undefined) return first;
      }
      e = (e as { cause?: unknown }).cause;
    } else {
      break;
    }
  }
  return undefined;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error && cause.message !== '') return `${error.message} (${cause.message})`;
  if (cause instanceof Error && cause.name === 'AggregateError') return `${error.message} (${errorCode(cause) ?? 'connect failed'})`;
  return error.message;
}

/** parseJsonObject reads a platform reply as an object, or undefined when it is not JSON (a proxy's HTML page). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** retryAfterMs reads an HTTP Retry-After header (seconds or an HTTP date) relative to `now`. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
