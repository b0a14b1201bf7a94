import type { Incident, IncidentLogEntry } from '../../domain/incident.js';
import type { OrderId } from '../../domain/order.js';
import { DAY_MS, type Instant } from '../../domain/time.js';
import { durationStats, type DurationStats, type IncidentTiming } from '../../store/incident-timings.js';
import type { CallbackTask, CloseRecord, ImprovementItem } from '../../store/report-store.js';
import type { Store } from '../../store/store.js';
import { messageRecords, notifiedOf, type MessageRecord, type Notified } from '../delivery-record.js';
import { documentNumber, ownerOf } from '../document-number.js';
import { acknowledgedAtOf, resolvedAtOf } from '../incident-clock.js';
import { shopName, type RosterRow } from '../evidence/evidence-data.js';
import { caseOf } from '../evidence/order-case.js';
import { isFalseAlarmCause, type ReportVocabulary } from '../labels.js';
import { peopleOf, type People } from '../people.js';
import { dayName, dayStart } from '../period.js';

/** REVIEW_PERIOD_DAYS is the span a review compares the incident with, ending with the day of the close. */
export const REVIEW_PERIOD_DAYS = 30;
/** RECURRENCE_DAYS is how far back a review looks for the same sub-cause (a repeated mistake). */
export const RECURRENCE_DAYS = 90;
const MAX_ORDERS = 30;

/** ResponseFigures are how fast this incident was handled, ms from opening (undefined where it never happened). */
export interface ResponseFigures {
  /** To the first notification that was delivered (undefined: nobody was told). */
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

/** PeriodDay is one day of the review's comparison period: incidents opened, and their median times (running ones counted as running). */
export interface PeriodDay {
  readonly day: string;
  readonly opened: number;
  readonly acknowledge: DurationStats;
  readonly resolve: DurationStats;
}

/** ReviewPeriod compares the incident with every incident opened in the 30 days before its close. */
export interface ReviewPeriod {
  readonly from: Instant;
  readonly to: Instant;
  readonly acknowledge: DurationStats;
  readonly resolve: DurationStats;
  readonly days: readonly PeriodDay[];
  /** Share of the period's incidents acknowledged (resolved) faster than this one; null when it never was. */
  readonly fasterAcknowledged: number | null;
  readonly fasterResolved: number | null;
}

/** ReviewData is a post-incident review's content (复盘). */
export interface ReviewData {
  readonly incident: Incident;
  readonly closedAt: Instant;
  readonly generatedAt: Instant;
  readonly trigger: 'auto' | 'manual';
  /** Who asked, by display name ("系统" for the job). */
  readonly generatedBy: string;
  readonly documentNo: string;
  readonly owner?: string;
  readonly people: People;
  readonly log: readonly IncidentLogEntry[];
  readonly messages: readonly MessageRecord[];
  readonly notified: Notified;
  readonly orderCount: number;
  /** Its first orders, each with its own case. */
  readonly roster: readonly RosterRow[];
  readonly figures: ResponseFigures;
  readonly period: ReviewPeriod;
  readonly callbacks: readonly CallbackTask[];
  readonly satisfaction: Satisfaction;
  /** Improvement items raised in this incident's review. */
  readonly improvements: readonly ImprovementItem[];
  /** Items of earlier reviews not yet done: tracked until they are. */
  readonly carriedOver: readonly ImprovementItem[];
  /** Earlier closes with the same sub-cause within RECURRENCE_DAYS. */
  readonly recurrences: readonly CloseRecord[];
  /** The close is a false alarm under the policy (`not_abnormal`, or a sub-cause in `rootCauses.falseAlarm`). */
  readonly falseAlarm: boolean;
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

/**
 * figuresOf measures an incident's handling against its own deadlines, by
 * the KPIs' definitions: acknowledged when a person first moved it on
 * (acknowledge, start, resolve or close), resolved when it first reached
 * resolved or closed; notified only when a message was delivered.
 */
export function figuresOf(inc: Incident, log: readonly IncidentLogEntry[], closedAt: Instant, notified: Notified): ResponseFigures {
  const from = inc.openedAt;
  const acknowledgedAt = acknowledgedAtOf(inc, log);
  const resolvedAt = resolvedAtOf(inc, log);
  return {
    ...(notified.firstAt !== undefined ? { toNotify: notified.firstAt - from } : {}),
    ...(acknowledgedAt !== undefined ? { toAcknowledge: acknowledgedAt - from } : {}),
    ...(resolvedAt !== undefined ? { toResolve: resolvedAt - from } : {}),
    toClose: closedAt - from,
    ...(inc.responseDeadline !== undefined ? { responseMet: acknowledgedAt !== undefined && acknowledgedAt <= inc.responseDeadline } : {}),
    ...(inc.resolutionTarget !== undefined ? { resolutionMet: resolvedAt !== undefined && resolvedAt <= inc.resolutionTarget } : {}),
  };
}

/** periodOf sums the period's incidents up, per day and in all, still-running ones counted as running at `asOf`. */
export function periodOf(timings: readonly IncidentTiming[], window: { readonly from: Instant; readonly to: Instant }, asOf: Instant, own: ResponseFigures): ReviewPeriod {
  const byDay = new Map<string, IncidentTiming[]>();
  for (const t of timings) byDay.set(dayName(t.openedAt), [...(byDay.get(dayName(t.openedAt)) ?? []), t]);
  const days: PeriodDay[] = [];
  for (let t = dayStart(window.from); t < window.to; t += DAY_MS) {
    const list = byDay.get(dayName(t)) ?? [];
    days.push({ day: dayName(t), opened: list.length, acknowledge: durationStats(list, 'acknowledge', asOf), resolve: durationStats(list, 'resolve', asOf) });
  }
  const faster = (ms: number | undefined, reached: (t: IncidentTiming) => Instant | undefined): number | null => {
    if (ms === undefined || timings.length === 0) return null;
    // Slower than this one: took longer, or has not got there yet after longer than this one took.
    const slower = timings.filter((t) => {
      const at = reached(t);
      return at === undefined ? asOf - t.openedAt > ms : at - t.openedAt > ms;
    }).length;
    return slower / timings.length;
  };
  return {
    from: window.from,
    to: window.to,
    acknowledge: durationStats(timings, 'acknowledge', asOf),
    resolve: durationStats(timings, 'resolve', asOf),
    days,
    fasterAcknowledged: faster(own.toAcknowledge, (t) => t.acknowledgedAt),
    fasterResolved: faster(own.toResolve, (t) => t.resolvedAt),
  };
}

/** ReviewLookup is a review's data, or why there is none. */
export type ReviewLookup = { readonly ok: true; readonly data: ReviewData } | { readonly ok: false; readonly reason: 'not_found' | 'not_closed' };

/**
 * collectReview gathers a closed incident's review from the store: the
 * audit trail, who was really told, its orders' own cases, response
 * figures against its deadlines and against every incident of the 30 days
 * before the close, the callbacks, the improvement items (its own and the
 * unfinished ones of earlier reviews), and earlier incidents closed with
 * the same sub-cause.
 */
export async function collectReview(store: Store, incidentId: string, stamp: { readonly now: Instant; readonly trigger: 'auto' | 'manual'; readonly by: string }, vocabulary: ReportVocabulary): Promise<ReviewLookup> {
  const incident = await store.response.getIncident(incidentId);
  if (!incident) return { ok: false, reason: 'not_found' };
  if ((incident.state !== 'closed' && incident.state !== 'reviewed') || incident.closedAt === undefined) return { ok: false, reason: 'not_closed' };
  const closedAt = incident.closedAt;
  const periodTo = dayStart(closedAt) + DAY_MS;
  const periodFrom = periodTo - REVIEW_PERIOD_DAYS * DAY_MS;
  const [log, members, timings, callbacks, improvements, carriedOver, closes, outbox, users] = await Promise.all([
    store.response.incidentLog(incidentId),
    store.response.incidentMembers(incidentId),
    store.reports.incidentTimings({ from: periodFrom, to: periodTo }),
    store.reports.callbacks({ incidentId, limit: 1000 }),
    store.reports.improvements({ incidentId, limit: 200 }),
    store.reports.improvements({ states: ['open', 'in_progress'], createdBefore: closedAt, limit: 200 }),
    incident.rootCause ? store.reports.closesBetween({ from: closedAt - RECURRENCE_DAYS * DAY_MS, to: closedAt }) : Promise.resolve([]),
    store.response.outbox({ incidentId, limit: 1000 }),
    store.listUsers(),
  ]);
  const people = peopleOf(users);
  const digests = await store.reports.deliveries(outbox.filter((e) => e.state === 'merged' && e.mergedInto !== undefined).map((e) => e.mergedInto!));
  const messages = messageRecords(outbox, digests);
  const notified = notifiedOf(messages);
  const codesOf = new Map<OrderId, string[]>();
  for (const m of members) codesOf.set(m.orderId, [...(codesOf.get(m.orderId) ?? []), m.code]);
  const roster: RosterRow[] = [];
  const shops: string[] = [];
  for (const id of [...codesOf.keys()].slice(0, MAX_ORDERS)) {
    const view = await store.getOrder360(id);
    if (!view) continue;
    const findings = await store.detection.findings({ orderId: id, limit: 200 });
    const o = view.order;
    shops.push(shopName(o));
    roster.push({
      order: { id: o.id, channel: o.channel, channelOrderId: o.channelOrderId, stage: o.stage, stageEnteredAt: o.stageEnteredAt, placedAt: o.placedAt, paidFen: o.paidFen, ...(o.receiver.province ? { province: o.receiver.province } : {}), ...(o.receiver.city ? { city: o.receiver.city } : {}), trackingNos: o.shipments.map((s) => s.trackingNo) },
      case: caseOf(o, findings, view.timeline, undefined, closedAt, codesOf.get(id)),
    });
  }
  const figures = figuresOf(incident, log, closedAt, notified);
  const sub = incident.rootCause?.subCause;
  const owner = ownerOf(shops);
  return {
    ok: true,
    data: {
      incident,
      closedAt,
      generatedAt: stamp.now,
      trigger: stamp.trigger,
      generatedBy: stamp.trigger === 'auto' ? '系统（自动复盘）' : people.name(stamp.by),
      documentNo: documentNumber('RV', `${incidentId}|${closedAt}`, stamp.now),
      ...(owner ? { owner } : {}),
      people,
      log,
      messages,
      notified,
      orderCount: codesOf.size,
      roster,
      figures,
      period: periodOf(timings, { from: periodFrom, to: periodTo }, stamp.now, figures),
      callbacks,
      satisfaction: satisfactionOf(callbacks),
      improvements,
      carriedOver: carriedOver.filter((i) => i.incidentId !== incidentId),
      recurrences: closes.filter((c) => c.incidentId !== incidentId && c.rootCause?.subCause === sub && !isFalseAlarmCause(vocabulary, c.rootCause)),
      falseAlarm: isFalseAlarmCause(vocabulary, incident.rootCause),
    },
  };
}

/** reviewSummary is the JSON a stored review keeps beside its PDF (what the API lists). */
export function reviewSummary(data: ReviewData): Record<string, unknown> {
  return {
    incidentId: data.incident.id,
    documentNo: data.documentNo,
    title: data.incident.title,
    grade: data.incident.grade,
    level: data.incident.level,
    rootCause: data.incident.rootCause ?? null,
    falseAlarm: data.falseAlarm,
    orders: data.orderCount,
    figures: data.figures,
    notified: { firstAt: data.notified.firstAt ?? null, receivers: data.notified.receivers },
    satisfaction: data.satisfaction,
    improvements: { raised: data.improvements.length, open: data.improvements.filter((i) => i.state === 'open' || i.state === 'in_progress').length, carriedOver: data.carriedOver.length },
    recurrences: data.recurrences.map((r) => r.incidentId),
  };
}
