import type { Incident, IncidentLogEntry } from '../../domain/incident.js';
import type { OrderId } from '../../domain/order.js';
import { DAY_MS, type Instant } from '../../domain/time.js';
import type { CallbackTask, CloseRecord, ImprovementItem, ResponseTimesDay } from '../../store/report-store.js';
import type { OrderSummary, Store } from '../../store/store.js';
import { reportSummaryOf } from '../order-summary.js';
import { dayStart } from '../period.js';

/** REVIEW_PERIOD_DAYS is the span a review's trend chart covers, ending with the day of the close. */
export const REVIEW_PERIOD_DAYS = 30;
/** RECURRENCE_DAYS is how far back a review looks for the same sub-cause (a repeated mistake). */
export const RECURRENCE_DAYS = 90;
const MAX_ORDERS = 30;

/** ResponseFigures are how fast this incident was handled, ms from opening (undefined where it never happened). */
export interface ResponseFigures {
  readonly toNotify?: number;
  readonly toAcknowledge?: number;
  readonly toResolve?: number;
  readonly toClose: number;
  /** Acknowledged by the response deadline (undefined without a deadline). */
  readonly responseMet?: boolean;
  /** Resolved by the resolution target (undefined without a target). */
  readonly resolutionMet?: boolean;
}

/** Satisfaction sums up the callbacks: how many, how many reached, the mean score and the share satisfied (4-5). */
export interface Satisfaction {
  readonly calls: number;
  readonly reached: number;
  readonly unreachable: number;
  readonly pending: number;
  readonly meanScore: number | null;
  readonly satisfiedShare: number | null;
}

/** ReviewData is a post-incident review's content (复盘). */
export interface ReviewData {
  readonly incident: Incident;
  readonly closedAt: Instant;
  readonly generatedAt: Instant;
  readonly trigger: 'auto' | 'manual';
  readonly generatedBy: string;
  readonly log: readonly IncidentLogEntry[];
  readonly orderCount: number;
  readonly orders: readonly OrderSummary[];
  readonly figures: ResponseFigures;
  /** The period's response times per day (incidents opened on each day), for the trend chart. */
  readonly period: { readonly from: Instant; readonly to: Instant; readonly days: readonly ResponseTimesDay[] };
  readonly callbacks: readonly CallbackTask[];
  readonly satisfaction: Satisfaction;
  /** Improvement items raised in this incident's review. */
  readonly improvements: readonly ImprovementItem[];
  /** Items of earlier reviews not yet done: tracked until they are. */
  readonly carriedOver: readonly ImprovementItem[];
  /** Earlier closes with the same sub-cause within RECURRENCE_DAYS. */
  readonly recurrences: readonly CloseRecord[];
}

/** satisfactionOf sums callbacks up. */
export function satisfactionOf(callbacks: readonly CallbackTask[]): Satisfaction {
  const done = callbacks.filter((c) => c.state === 'done');
  const scored = done.filter((c) => c.score !== undefined);
  const sum = scored.reduce((s, c) => s + (c.score ?? 0), 0);
  return {
    calls: callbacks.length,
    reached: done.length,
    unreachable: callbacks.filter((c) => c.state === 'unreachable').length,
    pending: callbacks.filter((c) => c.state === 'pending').length,
    meanScore: scored.length > 0 ? sum / scored.length : null,
    satisfiedShare: scored.length > 0 ? scored.filter((c) => (c.score ?? 0) >= 4).length / scored.length : null,
  };
}

/** figuresOf measures an incident's handling against its own deadlines. */
export function figuresOf(inc: Incident, closedAt: Instant): ResponseFigures {
  const from = inc.openedAt;
  return {
    ...(inc.notifiedAt !== undefined ? { toNotify: inc.notifiedAt - from } : {}),
    ...(inc.acknowledgedAt !== undefined ? { toAcknowledge: inc.acknowledgedAt - from } : {}),
    ...(inc.resolvedAt !== undefined ? { toResolve: inc.resolvedAt - from } : {}),
    toClose: closedAt - from,
    ...(inc.responseDeadline !== undefined ? { responseMet: inc.acknowledgedAt !== undefined && inc.acknowledgedAt <= inc.responseDeadline } : {}),
    ...(inc.resolutionTarget !== undefined ? { resolutionMet: inc.resolvedAt !== undefined && inc.resolvedAt <= inc.resolutionTarget } : {}),
  };
}

/** ReviewLookup is a review's data, or why there is none. */
export type ReviewLookup = { readonly ok: true; readonly data: ReviewData } | { readonly ok: false; readonly reason: 'not_found' | 'not_closed' };

/**
 * collectReview gathers a closed incident's review from the store: the
 * audit trail, response figures, the period's trend, the callbacks, the
 * improvement items (its own and the unfinished ones of earlier reviews),
 * and earlier incidents closed with the same sub-cause.
 */
export async function collectReview(store: Store, incidentId: string, stamp: { readonly now: Instant; readonly trigger: 'auto' | 'manual'; readonly by: string }): Promise<ReviewLookup> {
  const incident = await store.response.getIncident(incidentId);
  if (!incident) return { ok: false, reason: 'not_found' };
  if ((incident.state !== 'closed' && incident.state !== 'reviewed') || incident.closedAt === undefined) return { ok: false, reason: 'not_closed' };
  const closedAt = incident.closedAt;
  const periodTo = dayStart(closedAt) + DAY_MS;
  const periodFrom = periodTo - REVIEW_PERIOD_DAYS * DAY_MS;
  const [log, members, days, callbacks, improvements, carriedOver, closes] = await Promise.all([
    store.response.incidentLog(incidentId),
    store.response.incidentMembers(incidentId),
    store.reports.responseTimesByDay({ from: periodFrom, to: periodTo }),
    store.reports.callbacks({ incidentId, limit: 1000 }),
    store.reports.improvements({ incidentId, limit: 200 }),
    store.reports.improvements({ states: ['open', 'in_progress'], createdBefore: closedAt, limit: 200 }),
    incident.rootCause ? store.reports.closesBetween({ from: closedAt - RECURRENCE_DAYS * DAY_MS, to: closedAt }) : Promise.resolve([]),
  ]);
  const orderIds: OrderId[] = [...new Set(members.map((m) => m.orderId))];
  const orders: OrderSummary[] = [];
  for (const id of orderIds.slice(0, MAX_ORDERS)) {
    const o = await store.getOrder(id);
    if (!o) continue;
    orders.push(reportSummaryOf(o));
  }
  const sub = incident.rootCause?.subCause;
  return {
    ok: true,
    data: {
      incident,
      closedAt,
      generatedAt: stamp.now,
      trigger: stamp.trigger,
      generatedBy: stamp.by,
      log,
      orderCount: orderIds.length,
      orders,
      figures: figuresOf(incident, closedAt),
      period: { from: periodFrom, to: periodTo, days },
      callbacks,
      satisfaction: satisfactionOf(callbacks),
      improvements,
      carriedOver: carriedOver.filter((i) => i.incidentId !== incidentId),
      recurrences: closes.filter((c) => c.incidentId !== incidentId && c.rootCause?.subCause === sub && c.rootCause?.class !== 'not_abnormal'),
    },
  };
}

/** reviewSummary is the JSON a stored review keeps beside its PDF (what the API lists). */
export function reviewSummary(data: ReviewData): Record<string, unknown> {
  return {
    incidentId: data.incident.id,
    title: data.incident.title,
    grade: data.incident.grade,
    level: data.incident.level,
    rootCause: data.incident.rootCause ?? null,
    orders: data.orderCount,
    figures: data.figures,
    satisfaction: data.satisfaction,
    improvements: { raised: data.improvements.length, open: data.improvements.filter((i) => i.state === 'open' || i.state === 'in_progress').length, carriedOver: data.carriedOver.length },
    recurrences: data.recurrences.map((r) => r.incidentId),
  };
}
