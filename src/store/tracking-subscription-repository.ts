import type { Order, OrderId } from '../domain/order.js';
import type { Instant } from '../domain/time.js';
import type { SqlDriver } from './sql/driver.js';
import type {
  NewTrackingSubscription,
  ShippedOrderScope,
  SubscriptionAttempt,
  TrackingSubscription,
  TrackingSubscriptionStatus,
  TrackingSubscriptionStore,
  TrackingSummary,
} from './tracking-subscription-store.js';

/** ON_THE_WAY are the open stages of a parcel that has left: a track is worth subscribing to. */
const ON_THE_WAY = ['shipped', 'collected', 'in_transit', 'out_for_delivery'] as const;

interface Row {
  tracking_no: string;
  order_id: string;
  shop: string | null;
  carrier: string;
  company: string | null;
  status: string;
  attempts: number | string;
  next_attempt_at: number | string | null;
  last_code: string | null;
  last_error: string | null;
  created_at: number | string;
  updated_at: number | string;
  subscribed_at: number | string | null;
}

function subscriptionOf(r: Row): TrackingSubscription {
  return {
    trackingNo: r.tracking_no,
    orderId: r.order_id,
    ...(r.shop !== null ? { shop: r.shop } : {}),
    carrier: r.carrier,
    ...(r.company !== null ? { company: r.company } : {}),
    status: r.status as TrackingSubscriptionStatus,
    attempts: Number(r.attempts),
    ...(r.next_attempt_at !== null ? { nextAttemptAt: Number(r.next_attempt_at) } : {}),
    ...(r.last_code !== null ? { lastCode: r.last_code } : {}),
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    ...(r.subscribed_at !== null ? { subscribedAt: Number(r.subscribed_at) } : {}),
  };
}

/**
 * TrackingSubscriptionRepository is the SQL TrackingSubscriptionStore
 * (tables of migration 16). The scan for shipped orders walks the
 * (is_open, stage, stage_entered_at) index and skips, by the seen table's
 * key, every order already looked at in its current version: its cost
 * grows with the parcels on their way, not with all orders.
 */
export class TrackingSubscriptionRepository implements TrackingSubscriptionStore {
  constructor(private readonly db: SqlDriver) {}

  async shippedOrders(scope: ShippedOrderScope): Promise<Order[]> {
    if (scope.shops !== 'all' && scope.shops.length === 0) return [];
    const shops = scope.shops === 'all' ? [] : scope.shops;
    const rows = await this.db.all<{ doc: string }>(
      `SELECT o.doc FROM orders o LEFT JOIN tracking_orders_seen s ON s.order_id = o.id
       WHERE o.is_open = 1 AND o.stage IN (${ON_THE_WAY.map(() => '?').join(',')}) AND o.stage_entered_at >= ?
         AND (s.order_id IS NULL OR s.modified_at < o.modified_at)
         ${shops.length > 0 ? `AND o.shop IN (${shops.map(() => '?').join(',')})` : ''}
       ORDER BY o.stage_entered_at, o.id LIMIT ?`,
      [...ON_THE_WAY, scope.since, ...shops, scope.limit],
    );
    return rows.map((r) => JSON.parse(r.doc) as Order);
  }

  async enqueue(looked: ReadonlyArray<{ readonly orderId: OrderId; readonly modifiedAt: Instant }>, found: readonly NewTrackingSubscription[], now: Instant): Promise<number> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.insertNew(
        'tracking_subscriptions',
        ['tracking_no', 'order_id', 'shop', 'carrier', 'company', 'status', 'attempts', 'next_attempt_at', 'last_error', 'created_at', 'updated_at'],
        found.map((s) => [s.trackingNo, s.orderId, s.shop ?? null, s.carrier, s.company ?? null, s.status, 0, s.status === 'pending' ? (s.nextAttemptAt ?? now) : null, s.lastError ?? null, now, now]),
        'tracking_no',
      );
      for (const o of looked) {
        await tx.run(
          `INSERT INTO tracking_orders_seen (order_id, modified_at) VALUES (?, ?)
           ON CONFLICT (order_id) DO UPDATE SET modified_at = excluded.modified_at`,
          [o.orderId, o.modifiedAt],
        );
      }
      return inserted.size;
    });
  }

  async due(now: Instant, limit: number): Promise<TrackingSubscription[]> {
    const rows = await this.db.all<Row>(
      "SELECT * FROM tracking_subscriptions WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ? AND status = 'pending' ORDER BY next_attempt_at, tracking_no LIMIT ?",
      [now, limit],
    );
    return rows.map(subscriptionOf);
  }

  async record(trackingNo: string, attempt: SubscriptionAttempt, now: Instant): Promise<void> {
    const ok = attempt.status === 'subscribed';
    await this.db.run(
      `UPDATE tracking_subscriptions SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_code = ?, last_error = ?, updated_at = ?,
         subscribed_at = CASE WHEN ? = 1 THEN CAST(? AS BIGINT) ELSE subscribed_at END
       WHERE tracking_no = ?`,
      [attempt.status, attempt.status === 'pending' ? (attempt.nextAttemptAt ?? now) : null, attempt.code ?? null, ok ? null : (attempt.error ?? null), now, ok ? 1 : 0, now, trackingNo],
    );
  }

  async get(trackingNo: string): Promise<TrackingSubscription | undefined> {
    const rows = await this.db.all<Row>('SELECT * FROM tracking_subscriptions WHERE tracking_no = ?', [trackingNo]);
    return rows[0] ? subscriptionOf(rows[0]) : undefined;
  }

  async summary(): Promise<TrackingSummary[]> {
    const counts = await this.db.all<{ shop: string; status: string; n: number | string; last: number | string | null }>(
      "SELECT COALESCE(shop, '') AS shop, status, COUNT(*) AS n, MAX(subscribed_at) AS last FROM tracking_subscriptions GROUP BY COALESCE(shop, ''), status ORDER BY 1",
    );
    const byShop = new Map<string, { pending: number; subscribed: number; refused: number; failed: number; lastSubscribedAt?: Instant }>();
    for (const c of counts) {
      const s = byShop.get(c.shop) ?? { pending: 0, subscribed: 0, refused: 0, failed: 0 };
      s[c.status as TrackingSubscriptionStatus] = Number(c.n);
      if (c.status === 'subscribed' && c.last !== null) s.lastSubscribedAt = Number(c.last);
      byShop.set(c.shop, s);
    }
    const out: TrackingSummary[] = [];
    for (const [shop, s] of byShop) {
      const failing = await this.db.all<Row>(
        `SELECT * FROM tracking_subscriptions WHERE COALESCE(shop, '') = ? AND status <> 'subscribed' AND last_error IS NOT NULL ORDER BY updated_at DESC, tracking_no LIMIT 1`,
        [shop],
      );
      const f = failing[0] ? subscriptionOf(failing[0]) : undefined;
      out.push({
        shop,
        ...s,
        ...(f?.lastError !== undefined ? { lastError: { at: f.updatedAt, trackingNo: f.trackingNo, ...(f.lastCode !== undefined ? { code: f.lastCode } : {}), message: f.lastError } } : {}),
      });
    }
    return out;
  }
}
