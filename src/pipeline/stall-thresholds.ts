import { chineseBusinessCalendar, type BusinessCalendar } from '../detect/calendar/index.js';
import { recogniseExemptions } from '../detect/exemptions/index.js';
import { calibratedStallThresholds } from '../detect/time/calibrated-stall-thresholds.js';
import { segmentOf } from '../detect/time/order-segment.js';
import { fixedStallThresholds, type StallThresholds } from '../detect/time/stall-thresholds.js';
import { calibrate, type OrderTimeline, type ThresholdPolicy, type ThresholdTable } from '../detect/thresholds/index.js';
import type { OrderId } from '../domain/order.js';
import { DAY_MS, HOUR_MS, type Instant } from '../domain/time.js';
import type { DetectionStore } from '../store/detection-store.js';

/**
 * STALL_POLICY is how live stall detection sets allowances: the 99th
 * percentile of how long similar orders took for the same span. Stalls are
 * rare by definition; the backtest's promise-risk policy covers lateness.
 */
export const STALL_POLICY: ThresholdPolicy = { kind: 'quantile', q: 0.99 };

/** CALIBRATION_HISTORY_DAYS is how far back calibration looks. */
export const CALIBRATION_HISTORY_DAYS = 180;

/** AGREED_LATER lists the exemptions by which buyer and seller agreed on a later ship date for one order. */
const AGREED_LATER: ReadonlySet<string> = new Set(['exempt.presale', 'exempt.customer_request']);

/**
 * agreedLaterShipping returns the orders whose shipping was agreed to come
 * later (a pre-sale's date, a buyer's "ship next week"). Their waits are not
 * the warehouse's pace: 4 % pre-sales alone would make a SKU's 99th percentile
 * the pre-sale's two weeks, and no stuck order of that SKU would ever stall.
 */
async function agreedLaterShipping(store: DetectionStore, ids: readonly OrderId[], asOf: Instant, calendar: BusinessCalendar = chineseBusinessCalendar({})): Promise<Set<OrderId>> {
  const agreed = new Set<OrderId>();
  for (let i = 0; i < ids.length; i += 1000) {
    for (const { order } of await store.orderFacts(ids.slice(i, i + 1000))) {
      const base = (order.paidAt ?? order.placedAt) + 48 * HOUR_MS;
      if (order.presale !== undefined || recogniseExemptions(order, calendar, base, asOf).some((e) => AGREED_LATER.has(e.code))) agreed.add(order.id);
    }
  }
  return agreed;
}

/**
 * calibrateFromStore learns thresholds from the orders of the last months,
 * as of a time (only spans completed before it), leaving out the orders
 * whose later shipping was agreed (agreedLaterShipping), stores the table as
 * a new version and returns it.
 */
export async function calibrateFromStore(store: DetectionStore, asOf: Instant, policy: ThresholdPolicy = STALL_POLICY): Promise<{ version: number; table: ThresholdTable; orders: number }> {
  const all = await store.orderTimelines(asOf - CALIBRATION_HISTORY_DAYS * DAY_MS);
  const agreed = await agreedLaterShipping(store, all.map((r) => r.orderId), asOf);
  const rows = all.filter((r) => !agreed.has(r.orderId));
  const history: OrderTimeline[] = rows.map((r) => ({
    purchasedAt: r.purchasedAt,
    segment: segmentOf(r.order),
    ...(r.approvedAt !== undefined ? { approvedAt: r.approvedAt } : {}),
    ...(r.shippedAt !== undefined ? { shippedAt: r.shippedAt } : {}),
    ...(r.deliveredAt !== undefined ? { deliveredAt: r.deliveredAt } : {}),
    ...(r.promisedBy !== undefined ? { promisedBy: r.promisedBy } : {}),
  }));
  const previous = await store.latestThresholdTable();
  const table = calibrate(history, asOf, policy, { version: (previous?.version ?? 0) + 1 });
  const version = await store.saveThresholdTable({ createdAt: Date.now(), asOf, policy: policy.kind, doc: JSON.stringify(table) });
  return { version, table: { ...table, version }, orders: history.length };
}

/**
 * currentStallThresholds reads the newest calibrated threshold table, or
 * falls back to the fixed per-stage allowances when nothing was calibrated.
 */
export async function currentStallThresholds(store: DetectionStore): Promise<StallThresholds> {
  const record = await store.latestThresholdTable();
  if (!record) return fixedStallThresholds();
  return calibratedStallThresholds({ ...(JSON.parse(record.doc) as ThresholdTable), version: record.version });
}
