import { createHash } from 'node:crypto';
import type { OutboxEntry } from '../../domain/incident.js';
import { messageFromJson, messageToJson } from '../../domain/notification-json.js';
import type { NotificationMessage } from '../../domain/notification.js';
import type { Clock, Instant } from '../../domain/time.js';
import type { OutboxLane } from '../../store/response-store.js';
import type { Store } from '../../store/store.js';
import { isDigestible, mergeIntoDigest } from '../digest.js';
import { rateLimitFor } from '../rate-limit.js';
import type { ReceiverConfig } from '../receiver.js';
import type { Sender } from '../sender.js';
import type { SendFailure } from '../send-result.js';
import {
  backoffMs,
  DEFAULT_RATE_LIMIT_REST_MS,
  ENTRY_LEASE_MS,
  LANE_CONCURRENCY,
  LANE_LEASE_MS,
  MAX_ATTEMPTS,
  PARK_AFTER_FAILURES,
  PARK_AFTER_REJECTIONS,
  parkMs,
  RATE_LIMIT_REST_MS,
} from './lane-policy.js';

/** DeliverySummary counts what delivery did. */
export interface DeliverySummary {
  sent: number;
  retried: number;
  dead: number;
  merged: number;
  held: number;
  tickets: number;
  /** Lanes that were parked (resting after failures, or until their settings change). */
  parked: number;
}

/** emptyDelivery is a summary of nothing done. */
export function emptyDelivery(): DeliverySummary {
  return { sent: 0, retried: 0, dead: 0, merged: 0, held: 0, tickets: 0, parked: 0 };
}

/** LaneDeps are what one receiver's lane runs on. */
export interface LaneDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly owner: string;
  readonly receiver: ReceiverConfig;
  /** The sender of a deliverable receiver (none for the ticket pool). */
  readonly sender: Sender | undefined;
}

/** configHashOf fingerprints a receiver's settings: a parked lane comes back when they change. */
export function configHashOf(receiver: ReceiverConfig): string {
  return createHash('sha256').update(JSON.stringify(receiver)).digest('hex').slice(0, 16);
}

// A round claims what the rate limit may let through now and the overflow it folds into one digest.
const BATCH = 200;
const ROUNDS = 5;

type Verdict = 'ok' | 'retry' | 'rejected' | 'rate_limited';

/**
 * drainLane delivers what is due for one receiver, in its own lane: under
 * the lane's lease (one instance per receiver, so the platform's rate limit
 * is met exactly), a few messages at a time (LANE_CONCURRENCY), each
 * attempt's outcome timed by the clock when it ends — a retry is counted
 * from the failure, never from when the drain began, and waits at least what
 * the platform's Retry-After asked. A lane that keeps failing is parked: it
 * rests (1 min, 2, 4 … 30) and then probes with one message; a lane whose
 * messages are rejected twice running (a wrong token, signature or URL)
 * waits until its settings change. Its messages stay in the outbox
 * meanwhile; nothing is dropped. A slow or dead receiver only ever holds up
 * its own lane.
 */
export async function drainLane(deps: LaneDeps, summary: DeliverySummary): Promise<void> {
  const { store, clock, receiver } = deps;
  const name = receiver.name;
  const hash = configHashOf(receiver);
  let lane: OutboxLane = (await store.response.lane(name)) ?? { receiver: name, failures: 0, updatedAt: clock.now() };
  let probe = false;
  if (lane.parkedReason !== undefined) {
    if (lane.parkedUntil === undefined) {
      // Parked until its settings change: they did, so it may try again.
      if (lane.configHash === hash) {
        summary.parked++;
        return;
      }
      lane = { receiver: name, failures: 0, updatedAt: clock.now() };
      await store.response.saveLane(lane);
    } else if (lane.parkedUntil > clock.now()) {
      summary.parked++;
      return;
    } else {
      probe = lane.failures >= PARK_AFTER_FAILURES;
    }
  }
  if (!(await store.response.tryLease(`lane:${name}`, deps.owner, clock.now(), LANE_LEASE_MS))) return;

  const save = async (change: Partial<OutboxLane>): Promise<void> => {
    const { parkedUntil: _u, parkedReason: _r, configHash: _h, ...base } = lane;
    lane = { ...base, ...change, receiver: name, updatedAt: clock.now() };
    await store.response.saveLane(lane);
  };

  for (let round = 0; round < ROUNDS; round++) {
    const now = clock.now();
    const claimed = await store.response.claimOutbox(now, deps.owner, ENTRY_LEASE_MS, probe ? 1 : BATCH, name);
    if (claimed.length === 0) break;
    const parsed: Array<{ entry: OutboxEntry; message: NotificationMessage }> = [];
    for (const entry of claimed) {
      const m = messageFromJson(entry.message);
      if (!m.ok) {
        await store.response.markFailed(entry.id, `stored message is unreadable: ${m.error}`, undefined);
        summary.dead++;
      } else {
        parsed.push({ entry, message: m.message });
      }
    }
    if (receiver.type === 'ticket') {
      for (const { entry, message } of parsed) {
        await store.response.addTicket({
          id: entry.id,
          ...(entry.incidentId !== undefined ? { incidentId: entry.incidentId } : {}),
          receiver: name,
          createdAt: now,
          state: 'open',
          title: message.title,
          body: message.body,
          ...(message.link !== undefined ? { link: message.link } : {}),
        });
        await store.response.markSent(entry.id, now);
        summary.tickets++;
      }
      continue;
    }
    const queue = await fitRateLimit(deps, parsed, now, summary);
    const stop = await sendAll(deps, queue, summary, {
      get: () => lane,
      save,
    });
    // A lane that must rest gives back what it claimed; the entries keep their due times.
    if (stop) {
      for (const { entry } of queue.filter((q) => !q.done)) await store.response.releaseClaim(entry.id, entry.dueAt);
      if (lane.parkedReason !== undefined) summary.parked++;
      return;
    }
    if (probe) probe = false;
    if (!(await store.response.tryLease(`lane:${name}`, deps.owner, clock.now(), LANE_LEASE_MS))) return;
  }
}

interface Queued {
  readonly entry: OutboxEntry;
  readonly message: NotificationMessage;
  done: boolean;
}

/**
 * fitRateLimit keeps what the receiver's rate limit allows now; the rest is
 * merged into one digest for the next free slot (never dropped), except
 * messages that cannot be merged (an SMS to a customer, a file), which wait
 * for their own slot.
 */
async function fitRateLimit(deps: LaneDeps, parsed: ReadonlyArray<{ entry: OutboxEntry; message: NotificationMessage }>, now: Instant, summary: DeliverySummary): Promise<Queued[]> {
  const { store, receiver } = deps;
  const limiter = rateLimitFor(receiver);
  const sentTimes = await store.response.sentTimes(receiver.name, now - limiter.lookbackMs);
  let room = 0;
  const probe = [...sentTimes];
  while (room < parsed.length && limiter.canSend(probe, now)) {
    probe.push(now);
    room++;
  }
  if (room >= parsed.length) return parsed.map((p) => ({ ...p, done: false }));
  const keep = parsed.slice(0, Math.max(0, room - 1));
  const rest = parsed.slice(keep.length);
  const digestible = rest.filter((p) => isDigestible(p.message));
  const undigestible = rest.filter((p) => !isDigestible(p.message));
  const slot = room > 0 ? now : limiter.nextSlot(sentTimes, now);
  if (digestible.length >= 2) {
    const ids = digestible.map((p) => p.entry.id);
    const digest: OutboxEntry = {
      id: `digest|${receiver.name}|${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16)}`,
      receiver: receiver.name,
      kind: 'digest',
      createdAt: now,
      dueAt: slot,
      attempts: 0,
      state: 'pending',
      message: messageToJson(mergeIntoDigest(digestible.map((p) => p.message))),
    };
    await store.response.markMerged(ids, digest);
    summary.merged += ids.length;
  } else {
    for (const p of digestible) await store.response.releaseClaim(p.entry.id, slot);
    summary.held += digestible.length;
  }
  const later = limiter.nextSlot([...sentTimes, ...Array.from({ length: room }, () => now)], now);
  for (const p of undigestible) await store.response.releaseClaim(p.entry.id, later);
  summary.held += undigestible.length;
  return keep.map((p) => ({ ...p, done: false }));
}

/** verdictOf names a send failure's kind, which decides what happens to the entry and the lane. */
function verdictOf(failure: SendFailure): Verdict {
  if (failure.rateLimited) return 'rate_limited';
  return failure.retryable ? 'retry' : 'rejected';
}

/**
 * sendAll sends the queue a few at a time and settles each entry as its
 * answer comes. It returns true when the lane must stop now (parked, or told
 * to slow down): the entries not yet sent go back unsent.
 */
async function sendAll(deps: LaneDeps, queue: Queued[], summary: DeliverySummary, lane: { get(): OutboxLane; save(change: Partial<OutboxLane>): Promise<void> }): Promise<boolean> {
  const { store, clock, receiver } = deps;
  const sender = deps.sender;
  if (!sender) return false;
  let stop = false;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stop && next < queue.length) {
      const item = queue[next++]!;
      const result = await sender.send(item.message, { idempotencyKey: item.entry.id, now: clock.now() });
      item.done = true;
      const at = clock.now();
      if (result.ok) {
        await store.response.markSent(item.entry.id, at);
        summary.sent++;
        await lane.save({ failures: 0, lastSentAt: at, ...(lane.get().lastError !== undefined ? { lastError: lane.get().lastError } : {}) });
        await store.response.tryLease(`lane:${receiver.name}`, deps.owner, at, LANE_LEASE_MS);
        continue;
      }
      const verdict = verdictOf(result);
      const previous = lane.get();
      const failures = previous.failures + 1;
      if (verdict === 'rate_limited') {
        // Not the message's fault: it keeps its attempts and the whole lane rests for what the platform asked.
        const rest = result.retryAfterMs ?? RATE_LIMIT_REST_MS[receiver.type] ?? DEFAULT_RATE_LIMIT_REST_MS;
        await store.response.postpone(item.entry.id, at + rest, result.error);
        await lane.save({ failures: previous.failures, lastError: `rate limited: ${result.error}`, parkedUntil: at + rest, parkedReason: `rate limited: ${result.error}`, ...keepSent(previous) });
        summary.retried++;
        stop = true;
        return;
      }
      if (verdict === 'rejected') {
        await store.response.markFailed(item.entry.id, result.error, undefined);
        summary.dead++;
        const rejectedBefore = previous.lastError?.startsWith('rejected:') ?? false;
        const rejections = rejectedBefore ? failures : 1;
        if (rejections >= PARK_AFTER_REJECTIONS) {
          await lane.save({ failures, lastError: `rejected: ${result.error}`, parkedReason: `rejected: ${result.error}`, configHash: configHashOf(receiver), ...keepSent(previous) });
          stop = true;
          return;
        }
        await lane.save({ failures, lastError: `rejected: ${result.error}`, ...keepSent(previous) });
        continue;
      }
      const attempts = item.entry.attempts + 1;
      if (attempts >= MAX_ATTEMPTS) {
        await store.response.markFailed(item.entry.id, `${result.error} (gave up after ${attempts} attempts)`, undefined);
        summary.dead++;
      } else {
        await store.response.markFailed(item.entry.id, result.error, at + Math.max(backoffMs(attempts), result.retryAfterMs ?? 0));
        summary.retried++;
      }
      if (failures >= PARK_AFTER_FAILURES) {
        await lane.save({ failures, lastError: `failed: ${result.error}`, parkedUntil: at + parkMs(failures), parkedReason: `failed ${failures} times running: ${result.error}`, ...keepSent(previous) });
        stop = true;
        return;
      }
      await lane.save({ failures, lastError: `failed: ${result.error}`, ...keepSent(previous) });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, LANE_CONCURRENCY[receiver.type]) }, () => worker()));
  return stop;
}

function keepSent(lane: OutboxLane): Partial<OutboxLane> {
  return lane.lastSentAt !== undefined ? { lastSentAt: lane.lastSentAt } : {};
}
