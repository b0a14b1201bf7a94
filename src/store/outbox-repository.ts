import type { OutboxEntry } from '../domain/incident.js';
import type { Instant } from '../domain/time.js';
import type { SqlDriver, SqlValue } from './sql/driver.js';
import { Where } from './sql/where.js';
import type { OutboxLane, Ticket } from './response-store.js';

interface OutboxRow {
  id: string;
  incident_id: string | null;
  receiver: string;
  kind: string;
  state: string;
  created_at: number | string;
  due_at: number | string;
  attempts: number | string;
  last_error: string | null;
  sent_at: number | string | null;
  merged_into: string | null;
  message: string;
}

interface LaneRow {
  receiver: string;
  failures: number | string;
  parked_until: number | string | null;
  parked_reason: string | null;
  config_hash: string | null;
  last_error: string | null;
  last_sent_at: number | string | null;
  updated_at: number | string;
}

function laneOf(r: LaneRow): OutboxLane {
  return {
    receiver: r.receiver,
    failures: Number(r.failures),
    ...(r.parked_until !== null ? { parkedUntil: Number(r.parked_until) } : {}),
    ...(r.parked_reason !== null ? { parkedReason: r.parked_reason } : {}),
    ...(r.config_hash !== null ? { configHash: r.config_hash } : {}),
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
    ...(r.last_sent_at !== null ? { lastSentAt: Number(r.last_sent_at) } : {}),
    updatedAt: Number(r.updated_at),
  };
}

function outboxOf(r: OutboxRow): OutboxEntry {
  return {
    id: r.id,
    ...(r.incident_id !== null ? { incidentId: r.incident_id } : {}),
    receiver: r.receiver,
    kind: r.kind,
    state: r.state as OutboxEntry['state'],
    createdAt: Number(r.created_at),
    dueAt: Number(r.due_at),
    attempts: Number(r.attempts),
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
    ...(r.sent_at !== null ? { sentAt: Number(r.sent_at) } : {}),
    ...(r.merged_into !== null ? { mergedInto: r.merged_into } : {}),
    message: JSON.parse(r.message) as Record<string, unknown>,
  };
}

/** outboxRow is an entry as the outbox table's columns (OUTBOX_COLUMNS). */
export function outboxRow(e: OutboxEntry): SqlValue[] {
  return [e.id, e.incidentId ?? null, e.receiver, e.kind, e.state, e.createdAt, e.dueAt, e.attempts, e.lastError ?? null, e.sentAt ?? null, e.mergedInto ?? null, JSON.stringify(e.message)];
}

export const OUTBOX_COLUMNS = ['id', 'incident_id', 'receiver', 'kind', 'state', 'created_at', 'due_at', 'attempts', 'last_error', 'sent_at', 'merged_into', 'message'];

function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

/**
 * OutboxRepository keeps the notification outbox, each receiver's delivery
 * lane state and the in-app ticket pool: the delivery half of the
 * ResponseStore (ResponseRepository adds the incidents).
 */
export class OutboxRepository {
  constructor(protected readonly db: SqlDriver) {}

  async enqueue(entries: readonly OutboxEntry[]): Promise<string[]> {
    if (entries.length === 0) return [];
    return this.db.transaction((tx) => tx.insertNew('outbox', OUTBOX_COLUMNS, entries.map(outboxRow), 'id')).then((s) => [...s]);
  }

  async claimOutbox(now: Instant, owner: string, leaseMs: number, limit: number, receiver?: string): Promise<OutboxEntry[]> {
    return this.db.transaction(async (tx) => {
      const lock = tx.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
      const byReceiver = receiver === undefined ? '' : ' AND receiver = ?';
      const rows = await tx.all<OutboxRow>(
        `SELECT * FROM outbox WHERE state = 'pending' AND due_at <= ?${byReceiver} AND (lease_until IS NULL OR lease_until < ?) ORDER BY due_at, id LIMIT ?${lock}`,
        receiver === undefined ? [now, now, limit] : [now, receiver, now, limit],
      );
      if (rows.length === 0) return [];
      await tx.run(`UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id IN (${marks(rows.length)})`, [owner, now + leaseMs, ...rows.map((r) => r.id)]);
      return rows.map(outboxOf);
    });
  }

  async dueReceivers(now: Instant): Promise<Array<{ receiver: string; dueAt: Instant; pending: number }>> {
    const rows = await this.db.all<{ receiver: string; due_at: number | string; n: number | string }>(
      "SELECT receiver, MIN(due_at) AS due_at, COUNT(*) AS n FROM outbox WHERE state = 'pending' AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?) GROUP BY receiver",
      [now, now],
    );
    return rows.map((r) => ({ receiver: r.receiver, dueAt: Number(r.due_at), pending: Number(r.n) }));
  }

  async pendingByReceiver(): Promise<Map<string, number>> {
    const rows = await this.db.all<{ receiver: string; n: number | string }>("SELECT receiver, COUNT(*) AS n FROM outbox WHERE state = 'pending' GROUP BY receiver");
    return new Map(rows.map((r) => [r.receiver, Number(r.n)]));
  }

  async lane(receiver: string): Promise<OutboxLane | undefined> {
    const rows = await this.db.all<LaneRow>('SELECT * FROM receiver_lanes WHERE receiver = ?', [receiver]);
    return rows[0] ? laneOf(rows[0]) : undefined;
  }

  async lanes(): Promise<OutboxLane[]> {
    return (await this.db.all<LaneRow>('SELECT * FROM receiver_lanes ORDER BY receiver')).map(laneOf);
  }

  async saveLane(lane: OutboxLane): Promise<void> {
    await this.db.run(
      `INSERT INTO receiver_lanes (receiver, failures, parked_until, parked_reason, config_hash, last_error, last_sent_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (receiver) DO UPDATE SET failures = excluded.failures, parked_until = excluded.parked_until, parked_reason = excluded.parked_reason,
         config_hash = excluded.config_hash, last_error = excluded.last_error, last_sent_at = excluded.last_sent_at, updated_at = excluded.updated_at`,
      [lane.receiver, lane.failures, lane.parkedUntil ?? null, lane.parkedReason ?? null, lane.configHash ?? null, lane.lastError ?? null, lane.lastSentAt ?? null, lane.updatedAt],
    );
  }

  async markSent(id: string, at: Instant): Promise<void> {
    await this.db.run("UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = ?", [at, id]);
  }

  async markFailed(id: string, error: string, retryAt: Instant | undefined): Promise<void> {
    await this.db.run(
      `UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?, due_at = COALESCE(?, due_at), lease_owner = NULL, lease_until = NULL WHERE id = ?`,
      [retryAt === undefined ? 'dead' : 'pending', error.slice(0, 2000), retryAt ?? null, id],
    );
  }

  async markMerged(ids: readonly string[], digest: OutboxEntry): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.insertMany('outbox', OUTBOX_COLUMNS, [outboxRow(digest)], 'ON CONFLICT (id) DO NOTHING');
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        await tx.run(`UPDATE outbox SET state = 'merged', merged_into = ?, lease_owner = NULL, lease_until = NULL WHERE id IN (${marks(part.length)})`, [digest.id, ...part]);
      }
    });
  }

  async postpone(id: string, dueAt: Instant, reason: string): Promise<void> {
    await this.db.run('UPDATE outbox SET lease_owner = NULL, lease_until = NULL, due_at = ?, last_error = ? WHERE id = ?', [dueAt, reason.slice(0, 2000), id]);
  }

  async releaseClaim(id: string, dueAt: Instant): Promise<void> {
    await this.db.run('UPDATE outbox SET lease_owner = NULL, lease_until = NULL, due_at = ? WHERE id = ?', [dueAt, id]);
  }

  async sentTimes(receiver: string, since: Instant): Promise<Instant[]> {
    const rows = await this.db.all<{ sent_at: number | string }>('SELECT sent_at FROM outbox WHERE receiver = ? AND sent_at >= ? ORDER BY sent_at', [receiver, since]);
    return rows.map((r) => Number(r.sent_at));
  }

  async outbox(filter: { incidentId?: string; state?: string; limit?: number }): Promise<OutboxEntry[]> {
    const where = new Where().when('incident_id = ?', filter.incidentId).when('state = ?', filter.state);
    const rows = await this.db.all<OutboxRow>(`SELECT * FROM outbox${where} ORDER BY created_at DESC, id LIMIT ?`, [...where.params, Math.min(filter.limit ?? 200, 10_000)]);
    return rows.map(outboxOf);
  }

  async retryDead(id: string, now: Instant): Promise<boolean> {
    return (await this.db.run("UPDATE outbox SET state = 'pending', due_at = ?, attempts = 0 WHERE id = ? AND state = 'dead'", [now, id])) > 0;
  }

  async addTicket(ticket: Ticket): Promise<void> {
    await this.db.run('INSERT INTO tickets (id, incident_id, receiver, created_at, state, claimed_by, doc) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [
      ticket.id,
      ticket.incidentId ?? null,
      ticket.receiver,
      ticket.createdAt,
      ticket.state,
      ticket.claimedBy ?? null,
      JSON.stringify({ title: ticket.title, body: ticket.body, link: ticket.link }),
    ]);
  }

  async tickets(filter: { state?: string; limit?: number }): Promise<Ticket[]> {
    const rows = await this.db.all<{ id: string; incident_id: string | null; receiver: string; created_at: number | string; state: string; claimed_by: string | null; doc: string }>(
      `SELECT * FROM tickets${filter.state ? ' WHERE state = ?' : ''} ORDER BY created_at DESC LIMIT ?`,
      [...(filter.state ? [filter.state] : []), Math.min(filter.limit ?? 200, 10_000)],
    );
    return rows.map((r) => {
      const doc = JSON.parse(r.doc) as { title: string; body: string; link?: string };
      return {
        id: r.id,
        ...(r.incident_id !== null ? { incidentId: r.incident_id } : {}),
        receiver: r.receiver,
        createdAt: Number(r.created_at),
        state: r.state as Ticket['state'],
        ...(r.claimed_by !== null ? { claimedBy: r.claimed_by } : {}),
        title: doc.title,
        body: doc.body,
        ...(doc.link !== undefined ? { link: doc.link } : {}),
      };
    });
  }

  async updateTicket(id: string, state: Ticket['state'], claimedBy: string | undefined): Promise<boolean> {
    return (await this.db.run('UPDATE tickets SET state = ?, claimed_by = ? WHERE id = ?', [state, claimedBy ?? null, id])) > 0;
  }
}
