import { createHash } from 'node:crypto';
import type { OutboxEntry } from '../../domain/incident.js';
import type { Instant } from '../../domain/time.js';
import {
  createSender,
  isDeliverable,
  isDigestible,
  mergeIntoDigest,
  messageFromJson,
  messageToJson,
  rateLimitFor,
  type NotificationMessage,
  type ReceiverConfig,
  type Sender,
  type SenderDeps,
} from '../../notify/index.js';
import type { Store } from '../../store/store.js';

/** DeliverySummary counts what one drain of the outbox did. */
export interface DeliverySummary {
  sent: number;
  retried: number;
  dead: number;
  merged: number;
  held: number;
  tickets: number;
}

/** MAX_ATTEMPTS: after this many failed tries an entry goes to the dead-letter list for people to look at. */
export const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 3_600_000;

/** backoffMs is the wait before retry number `attempts` (1-based): 30 s, 1 min, 2 min … at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export interface OutboxWorkerDeps {
  readonly store: Store;
  /** The receivers of the policy in effect (read at each drain, so a reload takes effect). */
  readonly receivers: () => readonly ReceiverConfig[];
  /** This instance's name: leases carry it. */
  readonly owner: string;
  readonly senderDeps?: SenderDeps;
}

/**
 * OutboxWorker delivers the notifications decided into the outbox. Entries
 * are leased (another instance skips them; a crashed worker's lease runs
 * out and the entry is sent by someone else — the single message that was
 * in flight may then go twice, never more); each receiver's rate limit is
 * met by merging what it holds back into one digest, never by dropping;
 * failures are retried with exponential backoff and end, after
 * MAX_ATTEMPTS or a rejection that will not change, in the dead-letter list.
 */
export class OutboxWorker {
  private readonly senders = new Map<string, { readonly config: string; readonly sender: Sender }>();

  constructor(private readonly deps: OutboxWorkerDeps) {}

  private senderFor(receiver: ReceiverConfig): Sender | undefined {
    if (!isDeliverable(receiver)) return undefined;
    const config = JSON.stringify(receiver);
    const cached = this.senders.get(receiver.name);
    if (cached && cached.config === config) return cached.sender;
    const sender = createSender(receiver, this.deps.senderDeps ?? {});
    this.senders.set(receiver.name, { config, sender });
    return sender;
  }

  /** deliverOnce sends everything due at `now`, in passes, until nothing due is left (or a bound is hit). */
  async deliverOnce(now: Instant, options: { readonly maxPasses?: number; readonly batch?: number } = {}): Promise<DeliverySummary> {
    const summary: DeliverySummary = { sent: 0, retried: 0, dead: 0, merged: 0, held: 0, tickets: 0 };
    for (let pass = 0; pass < (options.maxPasses ?? 50); pass++) {
      const claimed = await this.deps.store.response.claimOutbox(now, this.deps.owner, LEASE_MS, options.batch ?? 200);
      if (claimed.length === 0) break;
      const byReceiver = new Map<string, OutboxEntry[]>();
      for (const e of claimed) (byReceiver.get(e.receiver) ?? byReceiver.set(e.receiver, []).get(e.receiver)!).push(e);
      for (const [name, entries] of byReceiver) await this.deliverTo(name, entries, now, summary);
    }
    return summary;
  }

  private async deliverTo(name: string, entries: OutboxEntry[], now: Instant, summary: DeliverySummary): Promise<void> {
    const store = this.deps.store.response;
    const receiver = this.deps.receivers().find((r) => r.name === name);
    if (!receiver) {
      for (const e of entries) await store.markFailed(e.id, `receiver "${name}" is not in the policy file (receivers)`, undefined);
      summary.dead += entries.length;
      return;
    }
    const parsed: Array<{ entry: OutboxEntry; message: NotificationMessage }> = [];
    for (const entry of entries) {
      const m = messageFromJson(entry.message);
      if (!m.ok) {
        await store.markFailed(entry.id, `stored message is unreadable: ${m.error}`, undefined);
        summary.dead++;
      } else {
        parsed.push({ entry, message: m.message });
      }
    }
    if (receiver.type === 'ticket') {
      for (const { entry, message } of parsed) {
        await store.addTicket({
          id: entry.id,
          ...(entry.incidentId !== undefined ? { incidentId: entry.incidentId } : {}),
          receiver: name,
          createdAt: now,
          state: 'open',
          title: message.title,
          body: message.body,
          ...(message.link !== undefined ? { link: message.link } : {}),
        });
        await store.markSent(entry.id, now);
        summary.tickets++;
      }
      return;
    }
    const sender = this.senderFor(receiver)!;
    const limiter = rateLimitFor(receiver);
    const sentTimes = await store.sentTimes(name, now - limiter.lookbackMs);
    // How many sends fit now.
    let room = 0;
    const probe = [...sentTimes];
    while (room < parsed.length && limiter.canSend(probe, now)) {
      probe.push(now);
      room++;
    }
    let queue = parsed;
    if (room < queue.length) {
      // The limit holds some back: the last free slot (or the next one) carries a digest of the rest.
      const keep = queue.slice(0, Math.max(0, room - 1));
      const rest = queue.slice(keep.length);
      const digestible = rest.filter((p) => isDigestible(p.message));
      const undigestible = rest.filter((p) => !isDigestible(p.message));
      const slot = room > 0 ? now : limiter.nextSlot(sentTimes, now);
      if (digestible.length >= 2) {
        const ids = digestible.map((p) => p.entry.id);
        const digest: OutboxEntry = {
          id: `digest|${name}|${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16)}`,
          receiver: name,
          kind: 'digest',
          createdAt: now,
          dueAt: slot,
          attempts: 0,
          state: 'pending',
          message: messageToJson(mergeIntoDigest(digestible.map((p) => p.message))),
        };
        await store.markMerged(ids, digest);
        summary.merged += ids.length;
      } else {
        for (const p of digestible) await store.releaseClaim(p.entry.id, slot);
        summary.held += digestible.length;
      }
      // Customer SMS are addressed to particular phones: they wait for their own slot.
      const later = limiter.nextSlot([...sentTimes, ...Array.from({ length: room }, () => now)], now);
      for (const p of undigestible) await store.releaseClaim(p.entry.id, later);
      summary.held += undigestible.length;
      queue = keep;
    }
    for (const { entry, message } of queue) {
      const result = await sender.send(message, { idempotencyKey: entry.id, now });
      if (result.ok) {
        await store.markSent(entry.id, now);
        summary.sent++;
        continue;
      }
      const attempts = entry.attempts + 1;
      if (!result.retryable || attempts >= MAX_ATTEMPTS) {
        await store.markFailed(entry.id, `${result.error}${result.retryable ? ` (gave up after ${attempts} attempts)` : ''}`, undefined);
        summary.dead++;
      } else {
        const wait = Math.max(backoffMs(attempts), result.retryAfterMs ?? 0, result.rateLimited ? 60_000 : 0);
        await store.markFailed(entry.id, result.error, now + wait);
        summary.retried++;
      }
    }
  }
}
