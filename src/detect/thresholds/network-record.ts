import { DAY_MS, type Instant } from '../../domain/time.js';
import type { OrderTimeline } from './order-timeline.js';

/** NETWORK_WINDOW_DAYS is how far back the network's recent record looks: parcels whose promise ended in the last 30 days. */
export const NETWORK_WINDOW_DAYS = 30;

/** NETWORK_SHRINK_ORDERS is how many average orders' worth of the long-run late share a thin window is blended with. */
export const NETWORK_SHRINK_ORDERS = 20;

/** NetworkRecord is the carriers' recent record as known at a moment: the (weighted) late share and the parcels behind it. */
export interface NetworkRecord {
  /** The moment it was known at. */
  readonly at: Instant;
  /** Share of the parcels whose promise ended in the window that arrived after it or had not arrived yet (weighted, shrunk). */
  readonly lateShare: number;
  /** Parcels in the window (unweighted). */
  readonly parcels: number;
}

/**
 * networkRecord is how the delivery network was doing just before `at`: of
 * the parcels handed to the carrier whose promise ended in the
 * NETWORK_WINDOW_DAYS before `at`, the share that arrived after their promise
 * or had still not arrived at `at` (then already known to be late). Only
 * what had happened by `at` is read: a delivery after it counts as "not yet
 * arrived", which for a promise already over is late. Orders never handed
 * over (cancelled, or the seller's delay, which the warning weighs
 * separately) are left out. Weighted by each order's `weight`, blended with
 * `longRunShare` over NETWORK_SHRINK_ORDERS orders so a thin window is not
 * read as a crisis.
 *
 * Why: lateness on a marketplace comes in waves (a sales peak, a strike, a
 * holiday); an order still out two days before its date is likelier to
 * miss it when many recent parcels did.
 */
export function networkRecord(history: readonly OrderTimeline[], at: Instant, longRunShare: number): NetworkRecord {
  const from = at - NETWORK_WINDOW_DAYS * DAY_MS;
  let parcels = 0;
  let weight = 0;
  let lateWeight = 0;
  for (const o of history) {
    if (o.promisedBy === undefined || o.promisedBy < from || o.promisedBy >= at) continue;
    if (o.shippedAt === undefined || o.shippedAt >= at) continue;
    const w = o.weight ?? 1;
    parcels += 1;
    weight += w;
    if (o.deliveredAt === undefined || o.deliveredAt >= at || o.deliveredAt > o.promisedBy) lateWeight += w;
  }
  const meanWeight = parcels > 0 ? weight / parcels : 1;
  const prior = NETWORK_SHRINK_ORDERS * meanWeight;
  return { at, lateShare: (lateWeight + prior * longRunShare) / (weight + prior), parcels };
}

/** monthStartOf is the first instant of the UTC month `at` falls in (when `serve` relearns the warning). */
export function monthStartOf(at: Instant): Instant {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
