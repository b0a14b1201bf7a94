import { DAY_MS, HOUR_MS, type Instant } from '../../domain/time.js';
import type { ThresholdTable } from './calibrate.js';
import { durationCdf, durationQuantile } from './duration-stats.js';
import type { SegmentAttributes } from './order-timeline.js';
import type { NetworkRecord } from './network-record.js';
import { findSegmentStats } from './segment-stats.js';
import { segmentLabel } from './segments.js';

/**
 * PROMISE_FEATURES are what the promise warning weighs, each a fact people
 * can check on the order:
 * - `notShipped`: 1 when the parcel was not yet with the carrier;
 * - `arrivalChance`: of the parcels on the same route (origin → destination,
 *   falling back to the destination, then all) that had been with the
 *   carrier as long as this one, the share that arrived within the time left
 *   before the promise ends (for a parcel not yet shipped: the share whose
 *   whole transit fits in the time left);
 * - `deliveryDays`: how many days of normal delivery activity the time left
 *   holds (a weekend in it counts for little), from the hours of the week
 *   parcels were signed for;
 * - `promiseStretch`: log of the promised time (payment → 00:00 of the
 *   promised date) over the usual payment → delivery time of similar orders:
 *   how generous the promise was;
 * - `destinationLateShare`, `warehouseLateShare`: the share of the
 *   destination's, and the warehouse's (seller's), past orders delivered
 *   after their promise, pulled towards the overall share when there are few;
 * - `networkLateShare`: how the delivery network was doing when the warning
 *   was learned: of the parcels whose promise ended in the 30 days before,
 *   the share that arrived late or not yet (see networkRecord);
 * - `promisedDays`: log of the promised time (payment → 00:00 of the
 *   promised date) in days: a long promise is a far or slow route.
 */
export const PROMISE_FEATURES = ['notShipped', 'arrivalChance', 'deliveryDays', 'promiseStretch', 'destinationLateShare', 'warehouseLateShare', 'networkLateShare', 'promisedDays'] as const;

/** PromiseFeature names one input of the promise warning (see PROMISE_FEATURES). */
export type PromiseFeature = (typeof PROMISE_FEATURES)[number];

/** HOURS_OF_WEEK is the resolution of the delivery profile: one slot per hour of the (UTC) week. */
export const HOURS_OF_WEEK = 168;

/** LateRecord counts past delivered orders with a promise, and those delivered after it. */
export interface LateRecord {
  readonly orders: number;
  readonly late: number;
}

/** PromiseCheckpoint is an order as the promise warning sees it at its checkpoint. */
export interface PromiseCheckpoint {
  readonly purchasedAt: Instant;
  /** The hand-over to the carrier, only when it happened at or before `at`. */
  readonly shippedAt?: Instant;
  readonly segment: SegmentAttributes;
  /** 00:00 of the promised date. */
  readonly promisedDayStart: Instant;
  /** The last instant the order is still on time (the end of the promised date). */
  readonly deadline: Instant;
  /** The moment judged: the checkpoint. */
  readonly at: Instant;
}

/** PromiseHistory is what the features compare an order with, learned from past orders. */
export interface PromiseHistory {
  /** Relative delivery activity per hour of the UTC week (mean 1). */
  readonly deliveryProfile: readonly number[];
  readonly overall: LateRecord;
  readonly destinations: Readonly<Record<string, LateRecord>>;
  readonly warehouses: Readonly<Record<string, LateRecord>>;
  /** The network's recent record as of the learning moment (absent in tables learned before it was kept). */
  readonly network?: NetworkRecord;
}

/** PromiseFacts are the feature values and the facts behind them, for the explanation. */
export interface PromiseFacts {
  readonly values: Readonly<Record<PromiseFeature, number>>;
  readonly hoursLeft: number;
  readonly hoursWithCarrier?: number;
  /** The route segment the arrival chance came from, and its sample size. */
  readonly route?: { readonly label: string; readonly orders: number };
  readonly promisedDays: number;
  readonly usualDays?: number;
  readonly destination?: { readonly key: string } & LateRecord;
  readonly warehouse?: { readonly key: string } & LateRecord;
  /** The network's recent late share used, and the long-run share it is compared with. */
  readonly network?: { readonly lateShare: number; readonly parcels: number; readonly usualShare: number };
}

/** SHRINK_ORDERS is how many orders' worth of the overall late share a destination's or warehouse's own record is blended with. */
export const SHRINK_ORDERS = 20;

/** hourOfWeek is the slot of the UTC week an instant falls in. */
export function hourOfWeek(at: Instant): number {
  const week = 7 * DAY_MS;
  return Math.floor((((at % week) + week) % week) / HOUR_MS);
}

/** deliveryDaysBetween sums the delivery profile over [from, to), in days of average activity. */
export function deliveryDaysBetween(profile: readonly number[], from: Instant, to: Instant): number {
  let sum = 0;
  for (let t = from; t < to; ) {
    const next = Math.min(to, Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS);
    sum += (profile[hourOfWeek(t)] ?? 1) * ((next - t) / HOUR_MS);
    t = next;
  }
  return sum / 24;
}

/** shrunkShare is a record's late share blended with SHRINK_ORDERS orders at the overall share. */
export function shrunkShare(record: LateRecord | undefined, overall: number, minus?: { readonly late: boolean }): number {
  const orders = (record?.orders ?? 0) - (minus ? 1 : 0);
  const late = (record?.late ?? 0) - (minus?.late ? 1 : 0);
  return (Math.max(late, 0) + SHRINK_ORDERS * overall) / (Math.max(orders, 0) + SHRINK_ORDERS);
}

/**
 * promiseFacts computes the promise warning's features for an order at its
 * checkpoint from the calibrated durations (`table`) and past records.
 * `ownOutcome` leaves the order's own outcome out of its destination's and
 * warehouse's records (training examples are part of the history).
 */
export function promiseFacts(table: ThresholdTable, history: PromiseHistory, order: PromiseCheckpoint, ownOutcome?: { readonly late: boolean }): PromiseFacts {
  const hoursLeft = Math.max(0, (order.deadline - order.at) / HOUR_MS);
  const shipped = order.shippedAt !== undefined && order.shippedAt <= order.at;
  const transit = findSegmentStats(table, order.segment, 'transit');
  let arrivalChance = 0.5;
  let hoursWithCarrier: number | undefined;
  if (transit) {
    const n = transit.stats.count;
    // Smoothed survival: never exactly 0, so a parcel slower than every one seen still has odds.
    const survival = (hours: number): number => (n * (1 - durationCdf(transit.stats, hours)) + 0.5) / (n + 1);
    if (shipped) {
      hoursWithCarrier = (order.at - order.shippedAt!) / HOUR_MS;
      arrivalChance = 1 - survival(hoursWithCarrier + hoursLeft) / survival(hoursWithCarrier);
    } else arrivalChance = 1 - survival(hoursLeft);
  }
  const promisedHours = (order.promisedDayStart - order.purchasedAt) / HOUR_MS;
  const endToEnd = findSegmentStats(table, order.segment, 'end_to_end');
  const usualHours = endToEnd ? durationQuantile(endToEnd.stats, 0.5) : undefined;
  const stretch = usualHours !== undefined && usualHours > 0 && promisedHours > 0 ? Math.log(Math.min(10, Math.max(0.1, promisedHours / usualHours))) : 0;
  const overall = history.overall.orders > 0 ? history.overall.late / history.overall.orders : 0;
  const destinationKey = order.segment.customerState;
  const warehouseKey = order.segment.warehouse;
  const destination = destinationKey !== undefined ? history.destinations[destinationKey] : undefined;
  const warehouse = warehouseKey !== undefined ? history.warehouses[warehouseKey] : undefined;
  return {
    values: {
      notShipped: shipped ? 0 : 1,
      arrivalChance,
      deliveryDays: deliveryDaysBetween(history.deliveryProfile, order.at, order.deadline),
      promiseStretch: stretch,
      destinationLateShare: shrunkShare(destination, overall, ownOutcome && destination ? ownOutcome : undefined),
      warehouseLateShare: shrunkShare(warehouse, overall, ownOutcome && warehouse ? ownOutcome : undefined),
      networkLateShare: history.network?.lateShare ?? overall,
      promisedDays: Math.log(Math.max(1, promisedHours / 24)),
    },
    hoursLeft,
    ...(hoursWithCarrier !== undefined ? { hoursWithCarrier } : {}),
    ...(transit ? { route: { label: segmentLabel(transit.key), orders: transit.stats.count } } : {}),
    promisedDays: promisedHours / 24,
    ...(usualHours !== undefined ? { usualDays: usualHours / 24 } : {}),
    ...(destination && destinationKey !== undefined ? { destination: { key: destinationKey, ...destination } } : {}),
    ...(warehouse && warehouseKey !== undefined ? { warehouse: { key: warehouseKey, ...warehouse } } : {}),
    ...(history.network ? { network: { lateShare: history.network.lateShare, parcels: history.network.parcels, usualShare: overall } } : {}),
  };
}
