import type { OutboxEntry, OutboxState } from '../domain/incident.js';
import type { Instant } from '../domain/time.js';
import type { Delivery } from '../store/report-store.js';

/**
 * MessageRecord is one message decided for an incident, with what became
 * of it. A message counts as delivered only when the platform took it:
 * its outbox entry is `sent`, or it was merged into a digest whose entry
 * is `sent` (then it arrived when the digest did). Queued, failed and
 * dead messages told nobody, and the reports say so.
 */
export interface MessageRecord {
  readonly id: string;
  readonly receiver: string;
  readonly kind: string;
  readonly state: OutboxState;
  readonly createdAt: Instant;
  readonly title: string;
  readonly lastError?: string;
  /** When the receiver got it; undefined when it never arrived. */
  readonly deliveredAt?: Instant;
  /** True when it arrived inside a digest message. */
  readonly viaDigest: boolean;
}

/** Notification kinds that tell the incident's people about it (not customer messages, reports or tests). */
export const TELLING_KINDS: readonly string[] = ['incident', 'escalation', 'reminder', 'resolved', 'overdue'];

/** messageRecords joins an incident's outbox entries with the digests they were merged into (`digests`, by id). */
export function messageRecords(entries: readonly OutboxEntry[], digests: ReadonlyMap<string, Delivery>): MessageRecord[] {
  return entries
    .map((e) => {
      const digest = e.state === 'merged' && e.mergedInto !== undefined ? digests.get(e.mergedInto) : undefined;
      const deliveredAt = e.state === 'sent' ? (e.sentAt ?? e.createdAt) : digest?.state === 'sent' ? digest.sentAt : undefined;
      return {
        id: e.id,
        receiver: e.receiver,
        kind: e.kind,
        state: e.state,
        createdAt: e.createdAt,
        title: typeof e.message.title === 'string' ? e.message.title : '',
        ...(e.lastError !== undefined ? { lastError: e.lastError } : {}),
        ...(deliveredAt !== undefined ? { deliveredAt } : {}),
        viaDigest: digest !== undefined,
      };
    })
    .sort((a, b) => (a.deliveredAt ?? a.createdAt) - (b.deliveredAt ?? b.createdAt) || a.id.localeCompare(b.id));
}

/** Notified says who was really told about an incident, and when first. */
export interface Notified {
  /** The first delivered message that told people about it. */
  readonly firstAt?: Instant;
  /** Receivers that got at least one such message. */
  readonly receivers: readonly string[];
  /** Messages decided but not (yet) delivered: queued, failing or dead. */
  readonly undelivered: number;
}

/** notifiedOf reads who was told from the messages' delivery, never from the decision to notify. */
export function notifiedOf(messages: readonly MessageRecord[]): Notified {
  const telling = messages.filter((m) => TELLING_KINDS.includes(m.kind));
  const delivered = telling.filter((m) => m.deliveredAt !== undefined);
  const firstAt = delivered.reduce<Instant | undefined>((min, m) => (min === undefined || m.deliveredAt! < min ? m.deliveredAt : min), undefined);
  return { ...(firstAt !== undefined ? { firstAt } : {}), receivers: [...new Set(delivered.map((m) => m.receiver))].sort(), undelivered: telling.length - delivered.length };
}
