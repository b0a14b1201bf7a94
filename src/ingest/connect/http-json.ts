import { ConnectorError } from './connector.js';

/** JsonReply is a platform's answer: status, headers and the parsed body (undefined when it was not JSON). */
export interface JsonReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** REQUEST_TIMEOUT_MS bounds one platform request: a gateway that hangs is a transient failure, not a stuck worker. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * requestJson sends one request and reads a JSON answer. Network failures
 * and 5xx are transient; 429 is throttled with the platform's Retry-After
 * (seconds); other statuses are returned for the connector to read, since
 * each platform says what went wrong in its own body.
 */
export async function requestJson(url: string, init: RequestInit & { readonly platform: string }, signal?: AbortSignal): Promise<JsonReply> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (error) {
    throw new ConnectorError('transient', `${init.platform} could not be reached: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new ConnectorError('transient', `${init.platform} broke off its answer (HTTP ${response.status}): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.status === 429) {
    throw new ConnectorError('throttled', `${init.platform} asked us to slow down (HTTP 429)`, retryAfterMs(response.headers.get('retry-after')), 'HTTP 429');
  }
  if (response.status >= 500) throw new ConnectorError('transient', `${init.platform} failed on its side (HTTP ${response.status})`, undefined, `HTTP ${response.status}`);
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ConnectorError('answer', `${init.platform} answered HTTP ${response.status} with something that is not JSON (${JSON.stringify(text.slice(0, 80))})`);
  }
  return { status: response.status, headers: response.headers, body };
}

/** retryAfterMs reads Retry-After (seconds, possibly "2.0", or an HTTP date); 1 s when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number {
  if (value === null) return 1000;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now);
}
