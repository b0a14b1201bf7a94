import type { ReceiverType } from '../receiver.js';

/** MAX_ATTEMPTS: after this many failed tries an entry goes to the dead-letter list for people to look at. */
export const MAX_ATTEMPTS = 8;

/** ENTRY_LEASE_MS: how long a claimed entry is ours; a crashed worker's entries are sent by someone else after it. */
export const ENTRY_LEASE_MS = 60_000;

/** LANE_LEASE_MS: how long one instance keeps a receiver's lane (renewed after each send), so two never interleave on one robot. */
export const LANE_LEASE_MS = 60_000;

/** PARK_AFTER_FAILURES: consecutive failed attempts after which a receiver's lane is parked (it waits instead of trying each message). */
export const PARK_AFTER_FAILURES = 3;

/** PARK_AFTER_REJECTIONS: consecutive rejections (bad token, signature, URL …) after which a lane is parked until its settings change. */
export const PARK_AFTER_REJECTIONS = 2;

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 3_600_000;

/** backoffMs is the wait before retry number `attempts` (1-based), counted from the failure: 30 s, 1 min, 2 min … at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** parkMs is how long a failing lane rests after `failures` consecutive failures: 1 min, 2, 4 … at most 30 min. */
export function parkMs(failures: number): number {
  return Math.min(30 * 60_000, 60_000 * 2 ** Math.max(0, failures - PARK_AFTER_FAILURES));
}

/**
 * LANE_CONCURRENCY is how many messages a receiver's lane sends at once.
 * Chat robots take one at a time: their rate limit counts calls and their
 * group shows messages in arrival order. A webhook, a mailbox or an SMS
 * provider may take a few in parallel.
 */
export const LANE_CONCURRENCY: Readonly<Record<ReceiverType, number>> = {
  wecom: 1,
  dingtalk: 1,
  feishu: 1,
  email: 2,
  sms: 2,
  webhook: 4,
  ticket: 1,
};

/** RATE_LIMIT_REST_MS: how long a lane rests after the platform said "too many" without naming a wait (DingTalk throttles a robot for 10 minutes). */
export const RATE_LIMIT_REST_MS: Readonly<Partial<Record<ReceiverType, number>>> = { dingtalk: 10 * 60_000 };
export const DEFAULT_RATE_LIMIT_REST_MS = 60_000;
