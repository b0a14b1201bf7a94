import { calibratedStallThresholds } from '../detect/time/calibrated-stall-thresholds.js';
import { segmentOf } from '../detect/time/order-segment.js';
import { fixedStallThresholds, type StallThresholds } from '../detect/time/stall-thresholds.js';
import { calibrate, type OrderTimeline, type ThresholdPolicy, type ThresholdTable } from '../detect/thresholds/index.js';
import { DAY_MS, type Instant } from '../domain/time.js';
import type { DetectionStore } from '../store/detection-store.js';

/**
 * STALL_POLICY is how live stall detection sets allowances: the 99th
 * percentile of how long similar orders took for the same span. Stalls are
 * rare by definition; the backtest's promise-risk policy covers lateness.
 */
export const STALL_POLICY: ThresholdPolicy = { kind: 'quantile', q: 0.99 };

/** CALIBRATION_HISTORY_DAYS is how far back calibration looks. */
export const CALIBRATION_HISTORY_DAYS = 180;

/**
 * calibrateFromStore learns thresholds from the orders of the last months,
 * as of a time (only spans completed before it), stores the table as a new
 * version and returns it.
 */
export async function calibrateFromStore(store: DetectionStore, asOf: Instant, policy: ThresholdPolicy = STALL_POLICY): Promise<{ version: number; table: ThresholdTable; orders: number }> {
  const rows = await store.orderTimelines(asOf - CALIBRATION_HISTORY_DAYS * DAY_MS);
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
