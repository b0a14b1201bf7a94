import type { Order, OrderId } from '../domain/order.js';
import type { Instant } from '../domain/time.js';

/**
 * TrackingSubscriptionStatus: pending (to send, or to send again after
 * `nextAttemptAt`); subscribed (Kuaidi100 said 200 or 501: pushes will come);
 * refused (never to be accepted as it is: a carrier Kuaidi100 has no code for
 * here, or its 700/701/702); failed (given up after many failures).
 */
export type TrackingSubscriptionStatus = 'pending' | 'subscribed' | 'refused' | 'failed';

/** TrackingSubscription is one tracking number's subscription at Kuaidi100, subscribed once whatever names it again. */
export interface TrackingSubscription {
  /** The tracking number, normalised (upper case, no spaces): the key. */
  readonly trackingNo: string;
  /** The order that first named it. */
  readonly orderId: OrderId;
  readonly shop?: string;
  /** The carrier as the order wrote it. */
  readonly carrier: string;
  /** Its Kuaidi100 company code; absent when orderwatch knows none. */
  readonly company?: string;
  readonly status: TrackingSubscriptionStatus;
  /** Requests sent so far. */
  readonly attempts: number;
  readonly nextAttemptAt?: Instant;
  /** Kuaidi100's last returnCode (or `timeout`, `HTTP 500` …) and what it meant, in words. */
  readonly lastCode?: string;
  readonly lastError?: string;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  readonly subscribedAt?: Instant;
}

/** NewTrackingSubscription is a number found on a shipped order, to subscribe (pending) or refused at once (no company). */
export type NewTrackingSubscription = Pick<TrackingSubscription, 'trackingNo' | 'orderId' | 'carrier' | 'status'> & Partial<Pick<TrackingSubscription, 'shop' | 'company' | 'lastError' | 'nextAttemptAt'>>;

/** SubscriptionAttempt is what one request to Kuaidi100 changed. */
export interface SubscriptionAttempt {
  readonly status: TrackingSubscriptionStatus;
  /** When to try again (pending only). */
  readonly nextAttemptAt?: Instant;
  readonly code?: string;
  readonly error?: string;
}

/** TrackingSummary sums up one shop's subscriptions (shop '' for orders without one). */
export interface TrackingSummary {
  readonly shop: string;
  readonly pending: number;
  readonly subscribed: number;
  readonly refused: number;
  readonly failed: number;
  readonly lastSubscribedAt?: Instant;
  /** The newest failure still standing (a pending retry, a refusal, a give-up), in words. */
  readonly lastError?: { readonly at: Instant; readonly trackingNo: string; readonly code?: string; readonly message: string };
}

/** ShippedOrderScope says which shipped orders to look at: their shops (or every order), and how recently shipped. */
export interface ShippedOrderScope {
  readonly shops: readonly string[] | 'all';
  /** Orders that entered their shipped stage before this are left alone (Kuaidi100 would find little to track). */
  readonly since: Instant;
  readonly limit: number;
}

/**
 * TrackingSubscriptionStore remembers which tracking numbers were
 * subscribed at Kuaidi100 and which are still to be, so each is subscribed
 * once, retried with back-off, and a restart goes on where it stopped.
 */
export interface TrackingSubscriptionStore {
  /** shippedOrders lists open orders on their way (shipped … out for delivery) in scope, not looked at since they last changed. */
  shippedOrders(scope: ShippedOrderScope): Promise<Order[]>;
  /**
   * enqueue adds the numbers found (a number already known is left as it
   * is) and marks the orders looked at in the version read, in one
   * transaction; returns how many numbers were new.
   */
  enqueue(looked: ReadonlyArray<{ readonly orderId: OrderId; readonly modifiedAt: Instant }>, found: readonly NewTrackingSubscription[], now: Instant): Promise<number>;
  /** due lists pending subscriptions whose time has come, the longest waiting first. */
  due(now: Instant, limit: number): Promise<TrackingSubscription[]>;
  /** record stores the outcome of one request for a number. */
  record(trackingNo: string, attempt: SubscriptionAttempt, now: Instant): Promise<void>;
  /** get reads one number's subscription. */
  get(trackingNo: string): Promise<TrackingSubscription | undefined>;
  /** summary sums up the subscriptions per shop, every shop that has any. */
  summary(): Promise<TrackingSummary[]>;
}
