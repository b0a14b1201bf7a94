import type { RootCause } from '../../domain/incident.js';
import { DAY_MS, type Instant } from '../../domain/time.js';
import type { IncidentKpis } from '../../store/dashboard-store.js';
import { durationStats, type IncidentTiming } from '../../store/incident-timings.js';
import type { CloseRecord, ReportWindow } from '../../store/report-store.js';
import type { Store } from '../../store/store.js';
import { documentNumber } from '../document-number.js';
import { hours, ratio } from '../format.js';
import { isFalseAlarmCause, PLAIN_VOCABULARY, type ReportVocabulary } from '../labels.js';
import { dayName, daysOf, spread } from '../period.js';
import { RECURRENCE_DAYS, satisfactionOf, type Satisfaction } from '../review/review-data.js';
import { KPI_TARGETS, type KpiTargets } from './kpi-targets.js';

/** KpiDay is one day's row of the KPI report (the CSV/XLSX export of its table). */
export interface KpiDay {
  readonly day: string;
  readonly orders: number;
  readonly delayed: number;
  readonly complained: number;
  readonly incidents: number;
  /** Median time to acknowledge of the incidents opened that day, hours; those never acknowledged count as running. */
  readonly ackMedianHours: number | null;
  readonly resolveMedianHours: number | null;
}

/** RepeatedMistakes: of the incidents closed in the period with a real cause, those whose sub-cause had closed another one within RECURRENCE_DAYS before. */
export interface RepeatedMistakes {
  readonly closedWithCause: number;
  readonly repeated: number;
  readonly share: number | null;
  /** The sub-causes that came back, most frequent first. */
  readonly bySubCause: ReadonlyArray<{ readonly subCause: string; readonly cls: string; readonly repeated: number }>;
}

/** KpiFigures are the KPIs of one period (SPEC C9). */
export interface KpiFigures {
  readonly window: ReportWindow;
  readonly days: readonly KpiDay[];
  readonly totals: {
    readonly orders: number;
    readonly delayed: number;
    readonly delayedShare: number | null;
    readonly complained: number;
    readonly complaintRate: number | null;
  };
  /** The response KPIs the console shows (every incident opened in the period, still-running ones included; closes in it). */
  readonly incidents: IncidentKpis;
  /** False alarms ÷ closes, under the policy's false-alarm list (same as incidents.falseAlarmShare). */
  readonly falseAlarmShare: number | null;
  readonly repeated: RepeatedMistakes;
  readonly satisfaction: Satisfaction;
  /** Closes in the period by root cause. */
  readonly rootCauses: ReadonlyArray<{ readonly cls: string; readonly subCause: string; readonly count: number; readonly falseAlarm: boolean }>;
  /** Delayed orders by channel over the period, largest first. */
  readonly delayedByChannel: ReadonlyArray<{ readonly key: string; readonly orders: number }>;
}

/** KpiData is the KPI report: this period, the one before it (same length), the targets, and the document's stamp. */
export interface KpiData extends KpiFigures {
  readonly generatedAt: Instant;
  readonly documentNo: string;
  readonly previous: KpiFigures;
  readonly targets: KpiTargets;
}

/** repeatedMistakes finds sub-causes that came back: `closes` must reach RECURRENCE_DAYS before the window. False alarms are no mistakes. */
export function repeatedMistakes(closes: readonly CloseRecord[], window: ReportWindow, vocabulary: ReportVocabulary = PLAIN_VOCABULARY): RepeatedMistakes {
  const real = (rc: RootCause | undefined): rc is RootCause => rc !== undefined && !isFalseAlarmCause(vocabulary, rc);
  const sorted = [...closes].sort((a, b) => a.at - b.at);
  let closedWithCause = 0;
  let repeated = 0;
  const bySub = new Map<string, { subCause: string; cls: string; repeated: number }>();
  sorted.forEach((c, i) => {
    if (c.at < window.from || c.at >= window.to || !real(c.rootCause)) return;
    closedWithCause++;
    const sub = c.rootCause.subCause;
    const before = sorted.slice(0, i).some((p) => p.incidentId !== c.incidentId && p.at >= c.at - RECURRENCE_DAYS * DAY_MS && real(p.rootCause) && p.rootCause.subCause === sub);
    if (!before) return;
    repeated++;
    const row = bySub.get(sub) ?? { subCause: sub, cls: c.rootCause.class, repeated: 0 };
    row.repeated++;
    bySub.set(sub, row);
  });
  return { closedWithCause, repeated, share: ratio(repeated, closedWithCause), bySubCause: [...bySub.values()].sort((a, b) => b.repeated - a.repeated || a.subCause.localeCompare(b.subCause)) };
}

/** previousWindow is the period of the same length just before `window`. */
export function previousWindow(window: ReportWindow): ReportWindow {
  return { from: window.from - (window.to - window.from), to: window.from };
}

async function figuresOf(store: Store, window: ReportWindow, now: Instant, vocabulary: ReportVocabulary): Promise<KpiFigures> {
  const days = daysOf(window);
  const [delayCounts, kpis, timings, orders, complained, closes, callbacks] = await Promise.all([
    store.dashboard.delayedOrderCounts(window),
    store.dashboard.incidentKpis(window, now, vocabulary.falseAlarmSubCauses),
    store.reports.incidentTimings(window),
    store.reports.ordersPlacedByDay(window),
    store.reports.complainedOrdersByDay(window),
    store.reports.closesBetween({ from: window.from - RECURRENCE_DAYS * DAY_MS, to: window.to }),
    store.reports.callbacks({ doneFrom: window.from, doneTo: window.to, limit: 10_000 }),
  ]);
  // Every split counts each delayed order once; the channel split gives the total.
  const byChannel = delayCounts.filter((c) => c.split === 'channel');
  const delayedPerDay = new Map<string, number>();
  const channelTotals = new Map<string, number>();
  for (const c of byChannel) {
    delayedPerDay.set(c.day, (delayedPerDay.get(c.day) ?? 0) + c.orders);
    channelTotals.set(c.key, (channelTotals.get(c.key) ?? 0) + c.orders);
  }
  const ordersPerDay = spread(days, orders, (o) => o.count);
  const complainedPerDay = spread(days, complained, (o) => o.count);
  const timingsByDay = new Map<string, IncidentTiming[]>();
  for (const t of timings) timingsByDay.set(dayName(t.openedAt), [...(timingsByDay.get(dayName(t.openedAt)) ?? []), t]);
  const rows: KpiDay[] = days.map((day, i) => {
    const list = timingsByDay.get(day) ?? [];
    return {
      day,
      orders: ordersPerDay[i] ?? 0,
      delayed: delayedPerDay.get(day) ?? 0,
      complained: complainedPerDay[i] ?? 0,
      incidents: list.length,
      ackMedianHours: list.length > 0 ? hours(durationStats(list, 'acknowledge', now).medianMs) : null,
      resolveMedianHours: list.length > 0 ? hours(durationStats(list, 'resolve', now).medianMs) : null,
    };
  });
  const sum = (pick: (d: KpiDay) => number): number => rows.reduce((s, d) => s + pick(d), 0);
  const totalOrders = sum((d) => d.orders);
  const totalDelayed = sum((d) => d.delayed);
  const totalComplained = sum((d) => d.complained);
  const causes = new Map<string, { cls: string; subCause: string; count: number; falseAlarm: boolean }>();
  for (const c of closes.filter((x) => x.at >= window.from && x.at < window.to)) {
    if (!c.rootCause) continue;
    const key = `${c.rootCause.class}/${c.rootCause.subCause}`;
    const row = causes.get(key) ?? { cls: c.rootCause.class, subCause: c.rootCause.subCause, count: 0, falseAlarm: isFalseAlarmCause(vocabulary, c.rootCause) };
    row.count++;
    causes.set(key, row);
  }
  return {
    window,
    days: rows,
    totals: { orders: totalOrders, delayed: totalDelayed, delayedShare: ratio(totalDelayed, totalOrders), complained: totalComplained, complaintRate: ratio(totalComplained, totalOrders) },
    incidents: kpis,
    falseAlarmShare: kpis.falseAlarmShare,
    repeated: repeatedMistakes(closes, window, vocabulary),
    satisfaction: satisfactionOf(callbacks),
    rootCauses: [...causes.values()].sort((a, b) => b.count - a.count || a.subCause.localeCompare(b.subCause)),
    delayedByChannel: [...channelTotals.entries()].map(([key, n]) => ({ key, orders: n })).sort((a, b) => b.orders - a.orders || a.key.localeCompare(b.key)),
  };
}

/**
 * collectKpis computes the KPI report of a window and of the period of the
 * same length before it. Everything is counted in SQL where the orders
 * are: delayed orders per day from the dashboard's read model, the
 * response figures from the dashboard's KPIs (the same figures the console
 * shows: every incident opened in the period, still-running ones counted
 * as running; false alarms under the policy's list), orders and complaints
 * per day, closes with their root causes, and the satisfaction callbacks
 * answered in the window.
 */
export async function collectKpis(store: Store, window: ReportWindow, now: Instant, vocabulary: ReportVocabulary = PLAIN_VOCABULARY, targets: KpiTargets = KPI_TARGETS): Promise<KpiData> {
  const [current, previous] = await Promise.all([figuresOf(store, window, now, vocabulary), figuresOf(store, previousWindow(window), now, vocabulary)]);
  return { ...current, generatedAt: now, documentNo: documentNumber('KPI', `${window.from}-${window.to}`, now), previous, targets };
}
