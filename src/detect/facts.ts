import type { InventoryLevel, OrderEvent } from '../domain/event.js';
import type { Fen } from '../domain/money.js';
import type { OrderId, StoredOrder } from '../domain/order.js';
import type { Instant } from '../domain/time.js';

/**
 * OrderFacts is the order being judged and its own timeline (stage,
 * logistics, contact and note events, sorted by time). Checks are pure
 * functions of facts, context and `now`: they never read a clock or a store.
 */
export interface OrderFacts {
  readonly order: StoredOrder;
  readonly events: readonly OrderEvent[];
  /** Whether a carrier tracking source reports on the order's shop (see TrackingFeed); absent: assume one does. */
  readonly trackingFeed?: TrackingFeed;
}

/**
 * TrackingFeed says whether any carrier tracking source (a Kuaidi100 push,
 * a carrier's own feed) reports on a shop's parcels. Without one, a shipped
 * order never gets a pickup scan, so "no pickup scan" says nothing about the
 * parcel: it is a set-up gap, said once, not a stall on every order.
 */
export type TrackingFeed = 'connected' | 'none';

/** NeighbourOrder is another order a check compares with (same phone, same receiver). */
export interface NeighbourOrder {
  readonly id: OrderId;
  readonly channel: string;
  readonly placedAt: Instant;
  readonly paidFen: Fen;
  readonly receiverName?: string;
  readonly phone?: string;
  readonly address?: string;
  /** "sku×quantity" entries, sorted: equal lists mean the same basket. */
  readonly basket: readonly string[];
  readonly cancelled: boolean;
}

/** PriceStats is a robust summary of the unit prices a SKU (or a category) sold at. */
export interface PriceStats {
  readonly median: Fen;
  /** Median absolute deviation. */
  readonly mad: Fen;
  readonly samples: number;
}

/**
 * ArrivalContext is what the arrival checks need beyond the order: the
 * ERP's stock of its SKUs, other orders with the same phone, and price
 * history. The detection service fetches it; tests build it by hand.
 */
export interface ArrivalContext {
  readonly now: Instant;
  /** Current ERP readings of the order's SKUs, every warehouse. */
  readonly stock: readonly InventoryLevel[];
  /** Quantities of each SKU held by other open, unshipped orders placed before this one (not yet in the ERP's reservations). */
  readonly heldByEarlierOrders: ReadonlyMap<string, number>;
  /**
   * SKUs whose newest reading was taken after this order was placed: the
   * ERP already reserves this order in it, and with it what later orders took
   * (the quantity here). The order came first, so only a shortfall larger
   * than those later orders' is its own.
   */
  readonly readAfterOrder?: ReadonlyMap<string, number>;
  /** Orders with the same receiver phone (or the same name + address) within the last days, excluding this one. */
  readonly neighbours: readonly NeighbourOrder[];
  /** True when the phone or name has more orders than `neighbours` holds (only the nearest in time are compared): counts of them are lower bounds. */
  readonly neighboursTruncated?: boolean;
  /** Price history by SKU, and by category as a fallback. */
  readonly priceBySku: ReadonlyMap<string, PriceStats>;
  readonly priceByCategory: ReadonlyMap<string, PriceStats>;
  readonly settings: ArrivalSettings;
  /** Whether a carrier tracking source reports on the order's shop; absent: assume one does. */
  readonly trackingFeed?: TrackingFeed;
}

/** ArrivalSettings are the knobs of the arrival checks (policy-file configurable). */
export interface ArrivalSettings {
  /** An ERP reading older than this makes "in stock" untrusted (stock.sync_stale). */
  readonly stockSyncStaleHours: number;
  /** One phone with this many orders … */
  readonly placeholderPhoneOrders: number;
  /** … within this window is a placeholder pattern. */
  readonly placeholderWindowHours: number;
  /** Orders of the same basket to the same receiver on two channels within this window are duplicates. */
  readonly duplicateWindowHours: number;
  /** A unit price this many MADs from the median is an outlier … */
  readonly outlierMads: number;
  /** … and at least this factor away from the median (both must hold). */
  readonly outlierFactor: number;
  /** Fewer price samples than this: no outlier judgement. */
  readonly outlierMinSamples: number;
  /** Paid vs items + shipping − discount may differ by this many fen (rounding). */
  readonly amountToleranceFen: number;
}

/** DEFAULT_ARRIVAL_SETTINGS are the shipped defaults. */
export const DEFAULT_ARRIVAL_SETTINGS: ArrivalSettings = {
  // Many SME ERPs push stock to the channels once a day; a reading older than a
  // day and an hour means the nightly sync did not come.
  stockSyncStaleHours: 25,
  // On an 11.11 peak a real customer may order five or six times; eight in two hours is a pattern.
  placeholderPhoneOrders: 8,
  placeholderWindowHours: 2,
  duplicateWindowHours: 2,
  outlierMads: 8,
  outlierFactor: 5,
  outlierMinSamples: 20,
  amountToleranceFen: 1,
};
