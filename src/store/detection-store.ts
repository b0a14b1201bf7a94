import type { InventoryLevel, OrderEvent } from '../domain/event.js';
import type { Exemption, Finding } from '../domain/finding.js';
import type { OrderId, StoredOrder } from '../domain/order.js';
import type { Instant } from '../domain/time.js';

/** OrderFactsRow is an order with its own timeline, as detection reads it. */
export interface OrderFactsRow {
  readonly order: StoredOrder;
  readonly events: readonly OrderEvent[];
}

/** Judgement is what detection decided about one order at one time. */
export interface Judgement {
  readonly orderId: OrderId;
  readonly findings: readonly Finding[];
  readonly exemptions: readonly Exemption[];
  /** When the order must be judged again (its next deadline); undefined = only when something new arrives. */
  readonly nextCheckAt: Instant | undefined;
}

/** StoredFinding is a finding with its life: when first and last seen, and when resolved. */
export interface StoredFinding extends Finding {
  readonly status: 'open' | 'resolved';
  readonly firstSeenAt: Instant;
  readonly lastSeenAt: Instant;
  readonly resolvedAt?: Instant;
}

/** JudgementChanges says what a batch of judgements changed: the response engine acts on these. */
export interface JudgementChanges {
  opened: Finding[];
  resolved: StoredFinding[];
  refreshed: number;
}

/** ThresholdTableRecord is one version of the calibrated thresholds, as stored. */
export interface ThresholdTableRecord {
  readonly version: number;
  readonly createdAt: Instant;
  readonly asOf: Instant;
  readonly policy: string;
  /** The table itself, JSON. */
  readonly doc: string;
}

/** TimelineRow is one order's stage times and segment attributes, for threshold calibration. */
export interface TimelineRow {
  readonly orderId: OrderId;
  readonly purchasedAt: Instant;
  readonly approvedAt?: Instant;
  readonly shippedAt?: Instant;
  readonly deliveredAt?: Instant;
  readonly promisedBy?: Instant;
  readonly order: Pick<StoredOrder, 'items' | 'receiver' | 'channel' | 'warehouse' | 'shipments'>;
}

/**
 * NeighbourBound narrows a neighbour read: orders placed up to `until`, and
 * for a key with more than `nearest` × 3 orders in the window (one buyer's
 * flood, a very common name), only the orders placed within [from, to] — the
 * batch's own span — and the `nearest` just before and after it. The checks
 * compare an order with the orders nearest in time anyway; reading all of a
 * flood for every batch would grow with the square of the flood.
 */
export interface NeighbourBound {
  readonly until: Instant;
  readonly from: Instant;
  readonly to: Instant;
  readonly nearest: number;
  /** Orders the caller already holds (the batch being judged): not read again. */
  readonly except?: readonly OrderId[];
}

/** DetectionStore is the persistence detection needs: facts to judge, and a place for its judgements. */
export interface DetectionStore {
  /** Orders whose next check time has come, earliest first: the deadline index. */
  dueOrders(asOf: Instant, limit: number): Promise<OrderId[]>;
  /**
   * claimDueOrders takes up to `limit` orders whose next check has come and
   * moves their next check to `claimUntil`, atomically (SKIP LOCKED on
   * PostgreSQL): several workers share the due orders, each judged once; an
   * order claimed by a worker that dies is due again at `claimUntil`.
   */
  claimDueOrders(now: Instant, claimUntil: Instant, limit: number): Promise<OrderId[]>;
  /** The shops (`channel:shop`) a carrier tracking source has ever reported on: their shipped orders are watched for pickup. */
  trackingFeeds(): Promise<Set<string>>;
  /** Shops (`channel:shop`) with orders shipped since `since` and no tracking feed: the set-up notice, with how many such orders. */
  shopsWithoutTrackingFeed(since: Instant): Promise<Array<{ readonly shopKey: string; readonly shippedOrders: number }>>;
  /** How many orders are due at `now` (the detection backlog). */
  dueBacklog(now: Instant): Promise<number>;
  /** Open orders in id order, for a full scan in pages. */
  openOrderIds(after: OrderId | undefined, limit: number): Promise<OrderId[]>;
  orderFacts(ids: readonly OrderId[]): Promise<OrderFactsRow[]>;
  /** ERP stock of these SKUs: current, or as it was at `asOf` when replaying the past. */
  inventoryLevels(skus: readonly string[], asOf?: Instant): Promise<InventoryLevel[]>;
  /** Orders found by any of these lookup keys, placed since a time (neighbours for duplicate / placeholder checks). */
  ordersByKeys(keys: readonly string[], since: Instant, bound?: NeighbourBound): Promise<OrderFactsRow[]>;
  /** Items of open, not yet shipped orders of these SKUs placed since a time: stock the channels sold. */
  unshippedQuantities(skus: readonly string[], since: Instant): Promise<Array<{ orderId: OrderId; sku: string; quantity: number; placedAt: Instant; warehouse?: string }>>;
  unitPrices(): Promise<Array<{ sku: string; category: string | null; unitPriceFen: number }>>;
  /**
   * saveJudgements stores verdicts: findings opened, refreshed or resolved
   * (each opening and resolution also appended to the finding feed, in the
   * same transaction), exemptions, and each order's next check. With
   * `claimedUntil` (the orders were claimed), the next check is written only
   * where the claim still stands: an order that news made due again while
   * it was judged stays due.
   */
  saveJudgements(judgements: readonly Judgement[], judgedAt: Instant, options?: { readonly claimedUntil?: Instant }): Promise<JudgementChanges>;
  findings(filter: { orderId?: OrderId; status?: 'open' | 'resolved'; code?: string; limit?: number }): Promise<StoredFinding[]>;
  exemptions(orderId: OrderId): Promise<Exemption[]>;
  allExemptions(): Promise<Exemption[]>;
  groundTruth(): Promise<Array<{ orderId: OrderId; code: string }>>;
  /** Stage times of orders placed since a time (first reviewed, shipped and delivered moments), for calibration. */
  orderTimelines(since: Instant): Promise<TimelineRow[]>;
  /** Orders placed in [from, to), in time order. */
  ordersPlacedBetween(from: Instant, to: Instant): Promise<OrderId[]>;
  /** The first order's placing and the last event's time: the span of the stored history. */
  historySpan(): Promise<{ readonly from: Instant; readonly to: Instant } | undefined>;
  /** When each order's events happened, in time order (a replay re-judges an order when its events occur). */
  orderEventTimes(from: Instant, to: Instant): Promise<Array<{ readonly orderId: OrderId; readonly at: Instant }>>;
  /** Forgets every judgement (findings, exemptions, next checks) before a replay. */
  clearJudgements(): Promise<void>;
  saveThresholdTable(record: Omit<ThresholdTableRecord, 'version'>): Promise<number>;
  latestThresholdTable(): Promise<ThresholdTableRecord | undefined>;
}
