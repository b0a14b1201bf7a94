import { kuaidi100Setup } from '../../config/kuaidi100-setup.js';
import type { Settings } from '../../config/settings.js';
import { normaliseTracking } from '../../domain/lookup-keys.js';
import type { Order } from '../../domain/order.js';
import type { Phone } from '../../domain/phone.js';
import type { Clock, Instant } from '../../domain/time.js';
import { KUAIDI100_PHONE_COMPANIES, kuaidi100Company, subscribeKuaidi100, type Kuaidi100Account, type SubscribeOutcome } from '../../ingest/kuaidi100/index.js';
import type { Store } from '../../store/store.js';
import type { NewTrackingSubscription, SubscriptionAttempt, TrackingSubscription, TrackingSummary } from '../../store/tracking-subscription-store.js';

/** TRACKING_LEASE is the lease one instance holds while it subscribes: two would send the same numbers. */
const TRACKING_LEASE = 'kuaidi100-subscribe';
const LEASE_MS = 2 * 60_000;
/** Orders shipped longer ago than this are not subscribed (a first sync's backfill would otherwise subscribe old parcels long delivered). */
export const TRACKING_LOOKBACK_MS = 15 * 86_400_000;
/** Shipped orders looked at per pass. */
const ORDERS_PER_PASS = 500;
/** A number is given up after this many requests (about two days of retries at the back-off's ceiling). */
export const MAX_SUBSCRIBE_ATTEMPTS = 48;
const FIRST_RETRY_MS = 60_000;
const RETRY_CEILING_MS = 3600_000;
/** A wrong or expired key is retried this much later: a person must act first. */
const SETUP_RETRY_MS = 30 * 60_000;

export interface TrackingSubscriptionServiceOptions {
  readonly store: Store;
  readonly settings: () => Settings;
  readonly clock: Clock;
  /** This instance's name: the lease carries it. */
  readonly owner: string;
  readonly env?: NodeJS.ProcessEnv;
  /** One request's time limit (default KUAIDI100_SUBSCRIBE_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

/** SubscriptionPass is what one pass did, for the worker's log. */
export interface SubscriptionPass {
  readonly looked: number;
  /** New numbers found on shipped orders (pending or refused at once). */
  readonly found: number;
  readonly sent: number;
  readonly subscribed: number;
  readonly refused: number;
  readonly retrying: number;
  readonly failed: number;
  /** A set-up problem that stopped the pass (key not set, wrong or expired), in words. */
  readonly setupProblem?: string;
  /** Why nothing ran: not configured, or another instance holds the lease. */
  readonly skipped?: string;
}

/**
 * TrackingSubscriptionService subscribes shipped orders' tracking numbers
 * at Kuaidi100 so their tracks are pushed to the callback: it looks at open
 * shipped orders of the shops with `sync.logistics` (or every order with
 * `kuaidi100.subscribeAll`), remembers each number once in the store, and
 * sends the ones due in a bounded batch, one at a time, each with a time
 * limit. A failure is retried with back-off (1 min doubling to 1 h); a wrong
 * or expired key stops the pass and is shown in words; a number Kuaidi100
 * refuses is not sent again. A crash between a send and its record sends
 * the number again on restart, which Kuaidi100 answers 501: still one
 * subscription.
 */
export class TrackingSubscriptionService {
  constructor(private readonly options: TrackingSubscriptionServiceOptions) {}

  /** scope is the shops whose shipped orders are subscribed ('all' with subscribeAll), or undefined when Kuaidi100 is not set up. */
  scope(): readonly string[] | 'all' | undefined {
    const s = this.options.settings();
    if (s.kuaidi100 === undefined) return undefined;
    if (s.kuaidi100.subscribeAll) return 'all';
    const shops = s.shops.filter((shop) => shop.enabled && shop.sync.logistics).map((shop) => shop.name);
    return shops.length > 0 ? shops : undefined;
  }

  /** pass looks for newly shipped orders and sends the subscriptions due, under the lease. */
  async pass(signal?: AbortSignal): Promise<SubscriptionPass> {
    const { store, clock, owner } = this.options;
    const empty = { looked: 0, found: 0, sent: 0, subscribed: 0, refused: 0, retrying: 0, failed: 0 };
    const scope = this.scope();
    if (scope === undefined) return { ...empty, skipped: 'Kuaidi100 subscription is not set up (kuaidi100: section, sync.logistics)' };
    if (!(await store.response.tryLease(TRACKING_LEASE, owner, clock.now(), LEASE_MS))) return { ...empty, skipped: 'another instance is subscribing' };
    try {
      const { looked, found } = await this.discover(scope);
      return { ...(await this.sendDue(signal)), looked, found };
    } finally {
      await store.response.tryLease(TRACKING_LEASE, owner, clock.now(), -1).catch(() => undefined);
    }
  }

  /** discover remembers the tracking numbers of shipped orders not looked at since they last changed. */
  async discover(scope: readonly string[] | 'all'): Promise<{ looked: number; found: number }> {
    const { store, clock } = this.options;
    const now = clock.now();
    const orders = await store.tracking.shippedOrders({ shops: scope, since: now - TRACKING_LOOKBACK_MS, limit: ORDERS_PER_PASS });
    const found = orders.flatMap((order) => waybillsOf(order, now));
    const added = await store.tracking.enqueue(orders.map((o) => ({ orderId: o.id, modifiedAt: o.modifiedAt })), found, now);
    return { looked: orders.length, found: added };
  }

  /** sendDue sends the subscriptions due now, at most kuaidi100.batch, stopping at the first sign Kuaidi100 or the account is unwell. */
  async sendDue(signal?: AbortSignal): Promise<Omit<SubscriptionPass, 'looked' | 'found'>> {
    const { store, clock } = this.options;
    const settings = this.options.settings();
    const counts = { sent: 0, subscribed: 0, refused: 0, retrying: 0, failed: 0 };
    const k = settings.kuaidi100;
    if (k === undefined) return counts;
    const read = kuaidi100Setup(settings, this.options.env ?? process.env);
    if (read === undefined || 'problem' in read) return { ...counts, ...(read !== undefined ? { setupProblem: read.problem } : {}) };
    const { key, callbackUrl, salt, baseUrl } = read.setup;
    const account: Kuaidi100Account = { key, callbackUrl, salt, ...(baseUrl !== undefined ? { url: baseUrl } : {}) };
    for (const sub of await store.tracking.due(clock.now(), k.batch)) {
      if (signal?.aborted) break;
      const phone = sub.company !== undefined && KUAIDI100_PHONE_COMPANIES.has(sub.company) ? await this.phoneOf(sub) : undefined;
      const outcome = await subscribeKuaidi100({ company: sub.company ?? '', number: sub.trackingNo, ...(phone !== undefined ? { phone } : {}) }, account, {
        ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
        ...(signal !== undefined ? { signal } : {}),
      });
      counts.sent += 1;
      const attempt = attemptAfter(sub, outcome, clock.now());
      await store.tracking.record(sub.trackingNo, attempt, clock.now());
      if (attempt.status === 'subscribed') counts.subscribed += 1;
      else if (attempt.status === 'refused') counts.refused += 1;
      else if (attempt.status === 'failed') counts.failed += 1;
      else counts.retrying += 1;
      if (outcome.kind === 'setup') return { ...counts, setupProblem: `Kuaidi100 refused the account (${outcome.code}): ${outcome.message}` };
      // Kuaidi100 down or hanging: the rest waits for the next pass rather than each waiting out its own time limit now.
      if (outcome.kind === 'transient') break;
    }
    return counts;
  }

  /** summary is each shop's subscriptions for the status page and the CLI. */
  summary(): Promise<TrackingSummary[]> {
    return this.options.store.tracking.summary();
  }

  /** phoneOf reads the receiver's phone when sending (it is not kept with the subscription): the number, else its last four digits. */
  private async phoneOf(sub: TrackingSubscription): Promise<string | undefined> {
    const order = await this.options.store.getOrder(sub.orderId);
    return phoneForKuaidi100(order?.receiver.phone);
  }
}

/** waybillsOf lists an order's parcels as subscriptions to make: pending, or refused at once when no Kuaidi100 company is known. */
export function waybillsOf(order: Order, now: Instant): NewTrackingSubscription[] {
  return order.shipments.flatMap((s): NewTrackingSubscription[] => {
    const trackingNo = normaliseTracking(s.trackingNo);
    if (trackingNo === '' || trackingNo.length > 32) return [];
    const carrier = s.carrier?.trim() ?? '';
    const company = kuaidi100Company(carrier);
    const base = { trackingNo, orderId: order.id, ...(order.shop !== undefined ? { shop: order.shop } : {}), carrier };
    if (company !== undefined) return [{ ...base, company, status: 'pending' as const, nextAttemptAt: now }];
    const why = carrier === '' ? 'the order names no carrier for this parcel' : `no Kuaidi100 company code is known for the carrier "${carrier}"`;
    return [{ ...base, status: 'refused' as const, lastError: `未订阅：${carrier === '' ? '订单未写明快递公司' : `不认识的快递公司「${carrier}」`} / not subscribed: ${why}` }];
  });
}

/** phoneForKuaidi100 is the phone Kuaidi100 accepts: a mobile or landline number, else the last four digits a masked one still shows. */
export function phoneForKuaidi100(phone: Phone | undefined): string | undefined {
  if (phone === undefined) return undefined;
  if ((phone.kind === 'mobile' || phone.kind === 'landline') && phone.number !== undefined) return phone.number;
  return phone.last4;
}

/** attemptAfter turns Kuaidi100's answer into the number's next state: done, refused, retried later, or given up. */
export function attemptAfter(sub: TrackingSubscription, outcome: SubscribeOutcome, now: Instant): SubscriptionAttempt {
  const said = { code: outcome.code, error: outcome.message };
  if (outcome.kind === 'subscribed' || outcome.kind === 'already') return { status: 'subscribed', code: outcome.code };
  if (outcome.kind === 'refused') return { status: 'refused', ...said };
  const attempts = sub.attempts + 1;
  if (attempts >= MAX_SUBSCRIBE_ATTEMPTS) return { status: 'failed', code: outcome.code, error: `gave up after ${attempts} requests: ${outcome.message}` };
  const wait = outcome.kind === 'setup' ? SETUP_RETRY_MS : Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), RETRY_CEILING_MS);
  return { status: 'pending', nextAttemptAt: now + wait, ...said };
}
