/** BacktestAlert is one order the policy alerted on in the test window. */
export interface BacktestAlert {
  readonly orderId: string;
  readonly at: number;
  /** Whether the order was judged for alert quality (delivered, with a promise). */
  readonly judged: boolean;
  /** Ground truth for judged orders: delivered after the promise. */
  readonly late?: boolean;
  /** Hours from the alert to 00:00 of the promised date (positive = warned before that day began). */
  readonly leadTimeHours?: number;
  readonly weight: number;
  readonly segment: string;
}

/** AlertQuality is how good a set of alerts was on the judged orders. */
export interface AlertQuality {
  /** Judged orders (delivered, with a promise). */
  readonly judged: number;
  readonly late: number;
  /** Alerts on judged orders. */
  readonly alerted: number;
  readonly truePositives: number;
  /** Share of alerted judged orders that were late (null without alerts). */
  readonly precision: number | null;
  /** 1 − precision: the share of alerts on orders that were not late. */
  readonly falseAlarmShare: number | null;
  /** Share of late orders that were alerted (null without late orders). */
  readonly recall: number | null;
  /** Share of late orders alerted before 00:00 of the promised date (positive lead time). */
  readonly recallBeforeBreach: number | null;
  /** Median lead time of the alerts on late orders, hours (null without any). */
  readonly leadTimeHoursMedian: number | null;
}

/** JudgedOrder is the ground truth of one judged order and its alert, if any. */
export interface JudgedOrder {
  readonly late: boolean;
  readonly alert?: BacktestAlert;
}

/**
 * alertQuality scores judged orders: precision, false-alarm share and recall
 * are shares among delivered orders, so they need no sampling weights.
 */
export function alertQuality(orders: readonly JudgedOrder[]): AlertQuality {
  let late = 0;
  let alerted = 0;
  let truePositives = 0;
  let beforeBreach = 0;
  const leads: number[] = [];
  for (const order of orders) {
    if (order.late) late += 1;
    if (!order.alert) continue;
    alerted += 1;
    if (order.late) {
      truePositives += 1;
      const lead = order.alert.leadTimeHours;
      if (lead !== undefined) leads.push(lead);
      if (lead !== undefined && lead > 0) beforeBreach += 1;
    }
  }
  const precision = alerted > 0 ? truePositives / alerted : null;
  return {
    judged: orders.length,
    late,
    alerted,
    truePositives,
    precision,
    falseAlarmShare: precision === null ? null : 1 - precision,
    recall: late > 0 ? truePositives / late : null,
    recallBeforeBreach: late > 0 ? beforeBreach / late : null,
    leadTimeHoursMedian: median(leads),
  };
}

/** median is the middle value (mean of the two middle ones for an even count), null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * shareInterval95 is the Wilson 95 % interval of a share of `hits` in `n`
 * (null for n = 0): how far a false-alarm share measured on a few hundred
 * alerts may be from the true one.
 */
export function shareInterval95(hits: number, n: number): readonly [number, number] | null {
  if (n <= 0) return null;
  const z = 1.959964;
  const p = hits / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
