/** FetchLike is the part of the WHATWG fetch that senders use, so a caller can hand in its own (proxy, tracing). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** DEFAULT_TIMEOUT_MS bounds one delivery request, connect to last byte: a hung robot must not hold the outbox. */
export const DEFAULT_TIMEOUT_MS = 10_000;
