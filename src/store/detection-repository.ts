import type { InventoryLevel, OrderEvent } from '../domain/event.js';
import type { Exemption, Finding } from '../domain/finding.js';
import { findingIdentity } from '../domain/finding.js';
import type { OrderId, StoredOrder } from '../domain/order.js';
import type { Instant } from '../domain/time.js';
import { storedOrderOf } from './order-reader.js';
import type { SqlDriver, SqlValue } from './sql/driver.js';
import type { DetectionStore, Judgement, JudgementChanges, NeighbourBound, OrderFactsRow, StoredFinding, ThresholdTableRecord, TimelineRow } from './detection-store.js';

interface NeighbourRow {
  id: string;
  stage: string;
  stage_entered_at: number;
  ingested_at: number;
  warehouse: string | null;
  batch: string | null;
  doc: string;
}

const CHUNK = 500;
/** Judgements per write transaction: short enough that ingest never waits long for the writer lock. */
const SAVE_CHUNK = 100;

function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

interface FindingRow {
  order_id: string;
  code: string;
  fkey: string;
  status: string;
  first_seen_at: number;
  last_seen_at: number;
  resolved_at: number | null;
  doc: string;
}

function storedFindingOf(r: FindingRow): StoredFinding {
  return {
    ...(JSON.parse(r.doc) as Finding),
    status: r.status === 'open' ? 'open' : 'resolved',
    firstSeenAt: Number(r.first_seen_at),
    lastSeenAt: Number(r.last_seen_at),
    ...(r.resolved_at !== null ? { resolvedAt: Number(r.resolved_at) } : {}),
  };
}

/**
 * DetectionRepository keeps what detection decided: findings (opened once,
 * refreshed while they hold, resolved with the time their cause went away),
 * exemptions, each order's next check time (the deadline index) and the
 * versioned threshold tables.
 */
export class DetectionRepository implements DetectionStore {
  constructor(private readonly db: SqlDriver) {}

  async dueOrders(asOf: Instant, limit: number): Promise<OrderId[]> {
    const rows = await this.db.all<{ order_id: string }>('SELECT order_id FROM order_checks WHERE next_check_at <= ? ORDER BY next_check_at LIMIT ?', [asOf, limit]);
    return rows.map((r) => r.order_id);
  }

  async openOrderIds(after: OrderId | undefined, limit: number): Promise<OrderId[]> {
    const rows = await this.db.all<{ id: string }>('SELECT id FROM orders WHERE is_open = 1 AND id > ? ORDER BY id LIMIT ?', [after ?? '', limit]);
    return rows.map((r) => r.id);
  }

  async orderFacts(ids: readonly OrderId[]): Promise<OrderFactsRow[]> {
    const out: OrderFactsRow[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const part = ids.slice(i, i + CHUNK);
      const orders = await this.db.all<{ id: string; stage: string; stage_entered_at: number; ingested_at: number; warehouse: string | null; batch: string | null; doc: string }>(
        `SELECT id, stage, stage_entered_at, ingested_at, warehouse, batch, doc FROM orders WHERE id IN (${marks(part.length)})`,
        part,
      );
      const events = await this.db.all<{ order_id: string; doc: string }>(
        `SELECT order_id, doc FROM events WHERE order_id IN (${marks(part.length)}) ORDER BY occurred_at, id`,
        part,
      );
      const byOrder = new Map<string, OrderEvent[]>();
      for (const e of events) {
        const list = byOrder.get(e.order_id) ?? [];
        list.push(JSON.parse(e.doc) as OrderEvent);
        byOrder.set(e.order_id, list);
      }
      for (const row of orders) out.push({ order: storedOrderOf(row), events: byOrder.get(row.id) ?? [] });
    }
    return out;
  }

  async inventoryLevels(skus: readonly string[], asOf?: Instant): Promise<InventoryLevel[]> {
    const out: InventoryLevel[] = [];
    for (let i = 0; i < skus.length; i += CHUNK) {
      const part = skus.slice(i, i + CHUNK);
      const rows = await this.db.all<{ sku: string; warehouse: string; available: number; reserved: number; synced_at: number }>(
        `SELECT sku, warehouse, available, reserved, synced_at FROM inventory_levels WHERE sku IN (${marks(part.length)})`,
        part,
      );
      const current = rows.map((r) => ({ sku: r.sku, warehouse: r.warehouse, available: Number(r.available), reserved: Number(r.reserved), syncedAt: Number(r.synced_at) }));
      if (asOf === undefined || current.every((l) => l.syncedAt <= asOf)) {
        out.push(...current);
        continue;
      }
      // Replaying the past: the reading that was current then, from the ERP's
      // own history (the last week of it; an older one would be stale anyway).
      const past = await this.db.all<{ doc: string }>(
        `SELECT doc FROM events WHERE sku IN (${marks(part.length)}) AND kind = 'inventory_level' AND occurred_at <= ? AND occurred_at > ? ORDER BY occurred_at`,
        [...part, asOf, asOf - 7 * 86_400_000],
      );
      const latest = new Map<string, InventoryLevel>();
      for (const r of past) {
        const e = JSON.parse(r.doc) as { sku: string; warehouse: string; available: number; reserved: number; occurredAt: number };
        latest.set(`${e.sku}|${e.warehouse}`, { sku: e.sku, warehouse: e.warehouse, available: e.available, reserved: e.reserved, syncedAt: e.occurredAt });
      }
      out.push(...latest.values());
    }
    return out;
  }

  async ordersByKeys(keys: readonly string[], since: Instant, bound?: NeighbourBound): Promise<OrderFactsRow[]> {
    const out: OrderFactsRow[] = [];
    const seen = new Set<string>();
    const until = bound?.until ?? Number.MAX_SAFE_INTEGER;
    const add = (rows: NeighbourRow[]): void => {
      for (const row of rows) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        out.push({ order: storedOrderOf(row), events: [] });
      }
    };
    for (let i = 0; i < keys.length; i += CHUNK) {
      let part = keys.slice(i, i + CHUNK);
      if (bound) {
        // Keys with many orders (a flood's phone, a common name) are read around the batch only. Counted
        // on the key index alone: a key heavy over all time is read the bounded way, which is exact too.
        const counts = await this.db.all<{ lookup_key: string }>(
          `SELECT lookup_key FROM order_keys WHERE lookup_key IN (${marks(part.length)}) GROUP BY lookup_key HAVING COUNT(*) > ?`,
          [...part, bound.nearest * 3],
        );
        const heavy = new Set(counts.map((c) => c.lookup_key));
        for (const key of heavy) add(await this.aroundBatch(key, since, until, bound));
        part = part.filter((k) => !heavy.has(k));
        if (part.length === 0) continue;
      }
      // Neighbours need only the order itself, not its timeline; the caller's own orders it has already.
      const except = bound?.except ?? [];
      add(
        await this.db.all<NeighbourRow>(
          `SELECT o.id, o.stage, o.stage_entered_at, o.ingested_at, o.warehouse, o.batch, o.doc FROM orders o
            WHERE o.id IN (SELECT k.order_id FROM order_keys k WHERE k.lookup_key IN (${marks(part.length)})) AND o.placed_at + 0 >= ? AND o.placed_at + 0 <= ?${except.length ? ` AND o.id NOT IN (${marks(except.length)})` : ''}`,
          [...part, since, until, ...except],
        ),
      );
    }
    return out;
  }

  /** The orders of one heavy key placed within the batch's span, and the `nearest` placed just before and after it. */
  private async aroundBatch(key: string, since: Instant, until: Instant, bound: NeighbourBound): Promise<NeighbourRow[]> {
    const select = `SELECT o.id, o.stage, o.stage_entered_at, o.ingested_at, o.warehouse, o.batch, o.doc FROM order_keys k JOIN orders o ON o.id = k.order_id WHERE k.lookup_key = ?`;
    const within = await this.db.all<NeighbourRow>(`${select} AND o.placed_at >= ? AND o.placed_at <= ? ORDER BY o.placed_at LIMIT ?`, [key, bound.from, bound.to, bound.nearest * 20]);
    const before = await this.db.all<NeighbourRow>(`${select} AND o.placed_at < ? AND o.placed_at >= ? ORDER BY o.placed_at DESC LIMIT ?`, [key, bound.from, since, bound.nearest]);
    const after = await this.db.all<NeighbourRow>(`${select} AND o.placed_at > ? AND o.placed_at <= ? ORDER BY o.placed_at LIMIT ?`, [key, bound.to, until, bound.nearest]);
    return [...before, ...within, ...after];
  }

  // Here and in ordersByKeys, `+ 0` and `|| ''` keep SQLite from driving the
  // query by an orders index (every open order) instead of by the few SKUs or
  // keys asked for; PostgreSQL plans them the same either way.
  async unshippedQuantities(skus: readonly string[], since: Instant): Promise<Array<{ orderId: OrderId; sku: string; quantity: number; placedAt: Instant; warehouse?: string }>> {
    const out: Array<{ orderId: OrderId; sku: string; quantity: number; placedAt: Instant; warehouse?: string }> = [];
    for (let i = 0; i < skus.length; i += CHUNK) {
      const part = skus.slice(i, i + CHUNK);
      const rows = await this.db.all<{ order_id: string; sku: string; quantity: number; placed_at: number; warehouse: string | null }>(
        `SELECT i.order_id, i.sku, i.quantity, i.placed_at, o.warehouse FROM order_items i JOIN orders o ON o.id = i.order_id
          WHERE i.sku IN (${marks(part.length)}) AND i.placed_at >= ? AND o.is_open + 0 = 1 AND o.stage || '' IN ('paid', 'reviewed', 'label_printed', 'picked')`,
        [...part, since],
      );
      for (const r of rows) out.push({ orderId: r.order_id, sku: r.sku, quantity: Number(r.quantity), placedAt: Number(r.placed_at), ...(r.warehouse !== null ? { warehouse: r.warehouse } : {}) });
    }
    return out;
  }

  async unitPrices(): Promise<Array<{ sku: string; category: string | null; unitPriceFen: number }>> {
    const rows = await this.db.all<{ sku: string; category: string | null; unit_price_fen: number }>('SELECT sku, category, unit_price_fen FROM order_items');
    return rows.map((r) => ({ sku: r.sku, category: r.category, unitPriceFen: Number(r.unit_price_fen) }));
  }

  async claimDueOrders(now: Instant, claimUntil: Instant, limit: number): Promise<OrderId[]> {
    // The claim moves the order's next check to `claimUntil`: another worker
    // skips it meanwhile, and a worker that dies leaves it due again then.
    // Half the slice is the longest waiting, half the newest news: under a
    // peak that outruns the worker, an order that just arrived is judged in
    // seconds, not behind the whole backlog, and the oldest never starve.
    const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
    const oldest = Math.ceil(limit / 2);
    return this.db.transaction(async (tx) => {
      const claim = (order: 'ASC' | 'DESC', n: number) =>
        tx.all<{ order_id: string }>(
          `UPDATE order_checks SET next_check_at = ? WHERE order_id IN (SELECT order_id FROM order_checks WHERE next_check_at <= ? ORDER BY next_check_at ${order} LIMIT ?${lock}) RETURNING order_id`,
          [claimUntil, now, n],
        );
      const first = await claim('ASC', oldest);
      const second = limit - oldest > 0 ? await claim('DESC', limit - oldest) : [];
      return [...first, ...second].map((r) => r.order_id);
    });
  }

  async trackingFeeds(): Promise<Set<string>> {
    return new Set((await this.db.all<{ shop_key: string }>('SELECT shop_key FROM tracking_feeds')).map((r) => r.shop_key));
  }

  async shopsWithoutTrackingFeed(since: Instant): Promise<Array<{ shopKey: string; shippedOrders: number }>> {
    const rows = await this.db.all<{ shop_key: string; n: number | string }>(
      `SELECT o.channel || ':' || COALESCE(o.shop, '') AS shop_key, COUNT(*) AS n FROM orders o
        WHERE o.stage = 'shipped' AND o.stage_entered_at >= ?
          AND NOT EXISTS (SELECT 1 FROM tracking_feeds t WHERE t.shop_key = o.channel || ':' || COALESCE(o.shop, ''))
        GROUP BY o.channel, o.shop ORDER BY n DESC`,
      [since],
    );
    return rows.map((r) => ({ shopKey: r.shop_key, shippedOrders: Number(r.n) }));
  }

  async dueBacklog(now: Instant): Promise<number> {
    const rows = await this.db.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM order_checks WHERE next_check_at <= ?', [now]);
    return Number(rows[0]?.n ?? 0);
  }

  async saveJudgements(judgements: readonly Judgement[], judgedAt: Instant, options: { readonly claimedUntil?: Instant } = {}): Promise<JudgementChanges> {
    const changes: JudgementChanges = { opened: [], resolved: [], refreshed: 0 };
    // Small transactions: the writer lock is shared with ingest, which must never wait long.
    for (let i = 0; i < judgements.length; i += SAVE_CHUNK) {
      const part = judgements.slice(i, i + SAVE_CHUNK);
      await this.db.transaction((tx) => this.saveChunk(tx, part, judgedAt, options.claimedUntil, changes));
    }
    return changes;
  }

  private async saveChunk(tx: SqlDriver, part: readonly Judgement[], judgedAt: Instant, claimedUntil: Instant | undefined, changes: JudgementChanges): Promise<void> {
    const ids = part.map((j) => j.orderId);
    const stored = await tx.all<FindingRow>(`SELECT * FROM findings WHERE status = 'open' AND order_id IN (${marks(ids.length)})`, ids);
    const open = new Map(stored.map((r) => [`${r.order_id}|${r.code}|${r.fkey}`, r]));
    const feed: SqlValue[][] = [];
    await tx.run(`DELETE FROM exemptions WHERE order_id IN (${marks(ids.length)})`, ids);
    for (const j of part) {
      for (const f of j.findings) {
        const identity = findingIdentity(f);
        if (open.has(identity)) {
          open.delete(identity);
          changes.refreshed += 1;
          await tx.run('UPDATE findings SET last_seen_at = ?, severity = ?, doc = ? WHERE order_id = ? AND code = ? AND fkey = ?', [judgedAt, f.severity, JSON.stringify(f), f.orderId, f.code, f.key]);
        } else {
          // A finding that was resolved and comes back is reopened, keeping its identity; it goes on the fix list (or to an incident) afresh.
          await tx.run(
            `INSERT INTO findings (order_id, code, fkey, severity, status, first_seen_at, last_seen_at, resolved_at, doc) VALUES (?, ?, ?, ?, 'open', ?, ?, NULL, ?)
             ON CONFLICT (order_id, code, fkey) DO UPDATE SET status = 'open', severity = excluded.severity, first_seen_at = excluded.first_seen_at,
               last_seen_at = excluded.last_seen_at, resolved_at = NULL, doc = excluded.doc, fix_case = NULL, fix_state = NULL, fix_by = NULL, fix_at = NULL`,
            [f.orderId, f.code, f.key, f.severity, judgedAt, judgedAt, JSON.stringify(f)],
          );
          changes.opened.push(f);
          feed.push([f.orderId, f.code, f.key, 'opened', judgedAt]);
        }
      }
      for (const e of j.exemptions) {
        await tx.run('INSERT INTO exemptions (order_id, code, new_deadline, recorded_at, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (order_id, code) DO NOTHING', [e.orderId, e.code, e.newDeadline, judgedAt, JSON.stringify(e)]);
      }
      if (claimedUntil === undefined) {
        if (j.nextCheckAt === undefined) await tx.run('DELETE FROM order_checks WHERE order_id = ?', [j.orderId]);
        else await tx.run('INSERT INTO order_checks (order_id, next_check_at) VALUES (?, ?) ON CONFLICT (order_id) DO UPDATE SET next_check_at = excluded.next_check_at', [j.orderId, j.nextCheckAt]);
      } else if (j.nextCheckAt === undefined) {
        // Only while our claim stands: news that arrived meanwhile made the order due again, and it stays due.
        await tx.run('DELETE FROM order_checks WHERE order_id = ? AND next_check_at = ?', [j.orderId, claimedUntil]);
      } else {
        await tx.run('UPDATE order_checks SET next_check_at = ? WHERE order_id = ? AND next_check_at = ?', [j.nextCheckAt, j.orderId, claimedUntil]);
      }
    }
    // What was open for these orders and is no longer found: its cause went away.
    for (const r of open.values()) {
      await tx.run("UPDATE findings SET status = 'resolved', resolved_at = ? WHERE order_id = ? AND code = ? AND fkey = ?", [judgedAt, r.order_id, r.code, r.fkey]);
      changes.resolved.push({ ...storedFindingOf(r), status: 'resolved', resolvedAt: judgedAt });
      feed.push([r.order_id, r.code, r.fkey, 'resolved', judgedAt]);
    }
    await tx.insertMany('finding_feed', ['order_id', 'code', 'fkey', 'change', 'at'], feed);
  }

  async findings(filter: { orderId?: OrderId; status?: 'open' | 'resolved'; code?: string; limit?: number }): Promise<StoredFinding[]> {
    const where: string[] = [];
    const params: Array<string | number> = [];
    for (const [column, value] of [['order_id', filter.orderId], ['status', filter.status], ['code', filter.code]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    const rows = await this.db.all<FindingRow>(
      `SELECT * FROM findings ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY first_seen_at, order_id, code, fkey LIMIT ?`,
      [...params, Math.min(filter.limit ?? 1000, 1_000_000)],
    );
    return rows.map(storedFindingOf);
  }

  async exemptions(orderId: OrderId): Promise<Exemption[]> {
    const rows = await this.db.all<{ doc: string }>('SELECT doc FROM exemptions WHERE order_id = ? ORDER BY code', [orderId]);
    return rows.map((r) => JSON.parse(r.doc) as Exemption);
  }

  async allExemptions(): Promise<Exemption[]> {
    const rows = await this.db.all<{ doc: string }>('SELECT doc FROM exemptions ORDER BY order_id, code');
    return rows.map((r) => JSON.parse(r.doc) as Exemption);
  }

  async groundTruth(): Promise<Array<{ orderId: OrderId; code: string }>> {
    const rows = await this.db.all<{ order_id: string; code: string }>('SELECT order_id, code FROM ground_truth ORDER BY order_id, code');
    return rows.map((r) => ({ orderId: r.order_id, code: r.code }));
  }

  async orderTimelines(since: Instant): Promise<TimelineRow[]> {
    const rows = await this.db.all<{ id: string; placed_at: number; paid_at: number | null; warehouse: string | null; doc: string; reviewed: number | null; shipped: number | null; delivered: number | null }>(
      `SELECT o.id, o.placed_at, o.paid_at, o.warehouse, o.doc,
              MIN(CASE WHEN e.stage = 'reviewed' THEN e.occurred_at END) AS reviewed,
              MIN(CASE WHEN e.stage IN ('shipped', 'collected') THEN e.occurred_at END) AS shipped,
              MIN(CASE WHEN e.stage = 'delivered' THEN e.occurred_at END) AS delivered
         FROM orders o LEFT JOIN events e ON e.order_id = o.id AND e.stage IS NOT NULL
        WHERE o.placed_at >= ?
        GROUP BY o.id, o.placed_at, o.paid_at, o.warehouse, o.doc`,
      [since],
    );
    return rows.map((r) => {
      const order = JSON.parse(r.doc) as StoredOrder;
      return {
        orderId: r.id,
        purchasedAt: Number(r.paid_at ?? r.placed_at),
        ...(r.reviewed !== null ? { approvedAt: Number(r.reviewed) } : {}),
        ...(r.shipped !== null ? { shippedAt: Number(r.shipped) } : {}),
        ...(r.delivered !== null ? { deliveredAt: Number(r.delivered) } : {}),
        ...(order.promisedDeliveryBy !== undefined ? { promisedBy: order.promisedDeliveryBy } : {}),
        order: { items: order.items, receiver: order.receiver, channel: order.channel, shipments: order.shipments, ...(r.warehouse !== null ? { warehouse: r.warehouse } : {}) },
      };
    });
  }

  async ordersPlacedBetween(from: Instant, to: Instant): Promise<OrderId[]> {
    const rows = await this.db.all<{ id: string }>('SELECT id FROM orders WHERE placed_at >= ? AND placed_at < ? ORDER BY placed_at, id', [from, to]);
    return rows.map((r) => r.id);
  }

  async historySpan(): Promise<{ from: Instant; to: Instant } | undefined> {
    const rows = await this.db.all<{ first: number | null; last: number | null }>('SELECT (SELECT MIN(placed_at) FROM orders) AS first, (SELECT MAX(occurred_at) FROM events) AS last');
    const r = rows[0];
    if (!r || r.first === null) return undefined;
    return { from: Number(r.first), to: Number(r.last ?? r.first) };
  }

  async orderEventTimes(from: Instant, to: Instant): Promise<Array<{ orderId: OrderId; at: Instant }>> {
    const rows = await this.db.all<{ order_id: string; occurred_at: number }>(
      'SELECT order_id, occurred_at FROM events WHERE order_id IS NOT NULL AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at',
      [from, to],
    );
    return rows.map((r) => ({ orderId: r.order_id, at: Number(r.occurred_at) }));
  }

  async clearJudgements(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM findings');
      await tx.run('DELETE FROM finding_feed');
      await tx.run('DELETE FROM exemptions');
      await tx.run('DELETE FROM order_checks');
    });
  }

  async saveThresholdTable(record: Omit<ThresholdTableRecord, 'version'>): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.all<{ v: number | null }>('SELECT MAX(version) AS v FROM threshold_tables');
      const version = Number(rows[0]?.v ?? 0) + 1;
      await tx.run('INSERT INTO threshold_tables (version, created_at, as_of, policy, doc) VALUES (?, ?, ?, ?, ?)', [version, record.createdAt, record.asOf, record.policy, record.doc]);
      return version;
    });
  }

  async latestThresholdTable(): Promise<ThresholdTableRecord | undefined> {
    const rows = await this.db.all<{ version: number; created_at: number; as_of: number; policy: string; doc: string }>('SELECT * FROM threshold_tables ORDER BY version DESC LIMIT 1');
    const r = rows[0];
    return r ? { version: Number(r.version), createdAt: Number(r.created_at), asOf: Number(r.as_of), policy: r.policy, doc: r.doc } : undefined;
  }
}
