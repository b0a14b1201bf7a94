/**
 * SendResult is what a delivery attempt tells the outbox. Senders never throw
 * on platform or network trouble: they classify it, because only the outbox
 * knows the attempt count and the backoff.
 *
 * - `retryable`: trying the same message again later may succeed (network
 *   error, 5xx, rate limit). Bad signatures, tokens, keywords, oversized
 *   bodies and rejected recipients are not: retrying only burns the limit.
 * - `rateLimited`: the platform said "too many"; the outbox should hold this
 *   receiver's queue (and digest it) rather than retry at once.
 * - `retryAfterMs`: how long the platform asked us to wait, where it says so
 *   (HTTP Retry-After, DingTalk's 10-minute throttle).
 * - `error`: a short English reason with the platform's own code and errmsg.
 */
export type SendResult =
  | { readonly ok: true; readonly providerMessageId?: string }
  | {
      readonly ok: false;
      readonly retryable: boolean;
      readonly rateLimited: boolean;
      readonly error: string;
      readonly retryAfterMs?: number;
    };

/** SendFailure is the failed half of SendResult. */
export type SendFailure = Extract<SendResult, { ok: false }>;

/** sent is a success, with the platform's message id when it gives one. */
export function sent(providerMessageId?: string): SendResult {
  return providerMessageId === undefined || providerMessageId === '' ? { ok: true } : { ok: true, providerMessageId };
}

/** retryLater is a failure worth retrying (network, 5xx, busy). */
export function retryLater(error: string): SendFailure {
  return { ok: false, retryable: true, rateLimited: false, error };
}

/** rateLimited is a "too many" answer: retryable, after the wait when the platform names one. */
export function rateLimited(error: string, retryAfterMs?: number): SendFailure {
  return retryAfterMs === undefined
    ? { ok: false, retryable: true, rateLimited: true, error }
    : { ok: false, retryable: true, rateLimited: true, error, retryAfterMs };
}

/** rejected is a failure that the same request will always meet (bad sign, token, keyword, size, recipient). */
export function rejected(error: string): SendFailure {
  return { ok: false, retryable: false, rateLimited: false, error };
}
