import { HOUR_MS, type Instant } from '../../domain/time.js';
import { alertQuality, type AlertQuality, type JudgedOrder } from './alert-quality.js';
import type { RaisedFinding } from './judge-replay.js';

/** OrderOutcome is what really happened to an order, as the scoring judges alerts against it. */
export interface OrderOutcome {
  readonly id: string;
  /** Final status as the source names it; only delivered orders are judged. */
  readonly status: string;
  readonly purchasedAt: Instant;
  readonly deliveredAt?: Instant;
  /** 00:00 of the promised delivery date: lead times are measured to it. */
  readonly promisedDayStart?: Instant;
  /** The last instant still on time (the end of the promised date): later is late. */
  readonly promisedBy?: Instant;
  /** The seller's ship-by deadline (Olist `shipping_limit_date`). */
  readonly shipBy?: Instant;
  readonly shippedAt?: Instant;
}

/** ReplayedOrder is an order's outcome and the findings the live judge raised on it. */
export interface ReplayedOrder {
  readonly outcome: OrderOutcome;
  readonly raised: readonly RaisedFinding[];
}

/**
 * Truth names what an alert is judged against: `late-delivery` (delivered
 * after the promised date; lead to 00:00 of that date) or `ship-by` (handed
 * to the carrier after the ship-by deadline; lead to that deadline).
 */
export type Truth = 'late-delivery' | 'ship-by';

/** CodeScore is one finding code's (and key's) alert quality against one truth. */
export interface CodeScore extends AlertQuality {
  readonly code: string;
  /** The finding key scored (`delivery`, `ship`), or undefined for every key of the code. */
  readonly key?: string;
  readonly against: Truth;
  /** Orders of the period the code was raised on, judged or not. */
  readonly alerts: number;
  /** The lead of each alert on a judged order, late or not, in hours (for the baseline at the same leads). */
  readonly alertLeadHours: readonly number[];
}

/** CodeSpec names one code (and key) and the truths it is scored against. */
export interface CodeSpec {
  readonly code: string;
  readonly key?: string;
  readonly against: readonly Truth[];
}

/** LIVE_TIME_CODES are the time findings the product raises live, each scored against what it warns of (and late delivery, what the customer feels). */
export const LIVE_TIME_CODES: readonly CodeSpec[] = [
  { code: 'promise.at_risk', key: 'delivery', against: ['late-delivery'] },
  { code: 'promise.breached', key: 'delivery', against: ['late-delivery'] },
  { code: 'stage.stalled', against: ['late-delivery'] },
  { code: 'promise.at_risk', key: 'ship', against: ['ship-by', 'late-delivery'] },
  { code: 'promise.breached', key: 'ship', against: ['ship-by', 'late-delivery'] },
  { code: 'logistics.exception', against: ['late-delivery'] },
];

function firstRaised(order: ReplayedOrder, spec: Pick<CodeSpec, 'code' | 'key'>): Instant | undefined {
  let first: Instant | undefined;
  for (const f of order.raised) {
    if (f.code !== spec.code || (spec.key !== undefined && f.key !== spec.key)) continue;
    if (first === undefined || f.firstAt < first) first = f.firstAt;
  }
  return first;
}

/** judgedAgainst tells whether an order is judged for a truth, whether it was positive, and the instant leads are measured to. */
function judgedAgainst(o: OrderOutcome, truth: Truth): { readonly positive: boolean; readonly leadTo: Instant } | undefined {
  if (o.status !== 'delivered' || o.deliveredAt === undefined) return undefined;
  if (truth === 'late-delivery') {
    if (o.promisedBy === undefined || o.promisedDayStart === undefined) return undefined;
    return { positive: o.deliveredAt > o.promisedBy, leadTo: o.promisedDayStart };
  }
  if (o.shipBy === undefined || o.shippedAt === undefined) return undefined;
  return { positive: o.shippedAt > o.shipBy, leadTo: o.shipBy };
}

/** scoreAlerts scores a set of alert times (one per order, or none) against a truth. */
export function scoreAlerts(orders: readonly OrderOutcome[], alertAt: (o: OrderOutcome) => Instant | undefined, truth: Truth): AlertQuality & { readonly alerts: number; readonly alertLeadHours: readonly number[] } {
  const judged: JudgedOrder[] = [];
  const alertLeadHours: number[] = [];
  let alerts = 0;
  for (const o of orders) {
    const at = alertAt(o);
    if (at !== undefined) alerts += 1;
    const j = judgedAgainst(o, truth);
    if (!j) continue;
    if (at !== undefined) alertLeadHours.push((j.leadTo - at) / HOUR_MS);
    judged.push({
      late: j.positive,
      ...(at !== undefined ? { alert: { orderId: o.id, at, judged: true, late: j.positive, leadTimeHours: (j.leadTo - at) / HOUR_MS, weight: 1, segment: '' } } : {}),
    });
  }
  return { alerts, ...alertQuality(judged), alertLeadHours };
}

/** scoreCodes scores every spec's code against each of its truths. */
export function scoreCodes(orders: readonly ReplayedOrder[], specs: readonly CodeSpec[] = LIVE_TIME_CODES): CodeScore[] {
  const byId = new Map(orders.map((o) => [o.outcome.id, o]));
  return specs.flatMap((spec) =>
    spec.against.map((against) => ({
      code: spec.code,
      ...(spec.key !== undefined ? { key: spec.key } : {}),
      against,
      ...scoreAlerts(orders.map((o) => o.outcome), (o) => firstRaised(byId.get(o.id)!, spec), against),
    })),
  );
}
