import type { RootCause } from '../../domain/incident.js';
import { DAY_MS, type Instant } from '../../domain/time.js';
import type { IncidentKpis } from '../../store/dashboard-store.js';
import type { CloseRecord, ReportWindow, ResponseTimesDay } from '../../store/report-store.js';
import type { Store } from '../../store/store.js';
import { ratio } from '../format.js';
import { daysOf, spread } from '../period.js';
import { RECURRENCE_DAYS, satisfactionOf, type Satisfaction } from '../review/review-data.js';

/** KpiDay is one day's row of the KPI report (the CSV/XLSX export of its table). */
export interface KpiDay {
  readonly day: string;
  readonly orders: number;
  readonly delayed: number;
  readonly complained: number;
  readonly incidents: number;
  readonly mttaHours: number | null;
  readonly mttrHours: number | null;
}

/** RepeatedMistakes: of the incidents closed in the period with a real cause, those whose sub-cause had closed another one within RECURRENCE_DAYS before. */
export interface RepeatedMistakes {
  readonly closedWithCause: number;
  readonly repeated: number;
  readonly share: number | null;
  /** The sub-causes that came back, most frequent first. */
  readonly bySubCause: ReadonlyArray<{ readonly subCause: string; readonly cls: string; readonly repeated: number }>;
}

/** KpiData is the KPI report of a period (SPEC C9): per day, the totals, and the response side from the dashboard. */
export interface KpiData {
  readonly window: ReportWindow;
  readonly generatedAt: Instant;
  readonly days: readonly KpiDay[];
  readonly totals: {
    readonly orders: number;
    readonly delayed: number;
    readonly delayedShare: number | null;
    readonly complained: number;
    readonly complaintRate: number | null;
  };
  /** The dashboard's response KPIs over the period (acknowledge / resolve of incidents opened in it; closes in it). */
  readonly incidents: IncidentKpis;
  readonly falseAlarmShare: number | null;
  readonly repeated: RepeatedMistakes;
  readonly satisfaction: Satisfaction;
  /** Closes in the period by root cause. */
  readonly rootCauses: ReadonlyArray<{ readonly cls: string; readonly subCause: string; readonly count: number }>;
  /** Delayed orders by channel over the period, largest first. */
  readonly delayedByChannel: ReadonlyArray<{ readonly key: string; readonly orders: number }>;
}

/** repeatedMistakes finds sub-causes that came back: `closes` must reach RECURRENCE_DAYS before the window. */
export function repeatedMistakes(closes: readonly CloseRecord[], window: ReportWindow): RepeatedMistakes {
  const real = (rc: RootCause | undefined): rc is RootCause => rc !== undefined && rc.class !== 'not_abnormal';
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

/**
 * collectKpis computes the KPI report of a window. Everything is counted in
 * SQL where the orders are: delayed orders per day from the dashboard's read
 * model, response times and false alarms from the dashboard's KPIs (the same
 * figures the console shows), orders and complaints per day, closes with
 * their root causes, and the satisfaction callbacks answered in the window.
 */
export async function collectKpis(store: Store, window: ReportWindow, now: Instant): Promise<KpiData> {
  const days = daysOf(window);
  const [delayCounts, kpis, responseDays, orders, complained, closes, callbacks] = await Promise.all([
    store.dashboard.delayedOrderCounts(window),
    store.dashboard.incidentKpis(window, now),
    store.reports.responseTimesByDay(window),
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
  const ordersPerDay = spread(days, orders.map((o) => ({ day: o.day, n: o.count })), (o) => o.n);
  const complainedPerDay = spread(days, complained.map((o) => ({ day: o.day, n: o.count })), (o) => o.n);
  const respByDay = new Map<string, ResponseTimesDay>(responseDays.map((d) => [d.day, d]));
  const rows: KpiDay[] = days.map((day, i) => {
    const r = respByDay.get(day);
    return {
      day,
      orders: ordersPerDay[i] ?? 0,
      delayed: delayedPerDay.get(day) ?? 0,
      complained: complainedPerDay[i] ?? 0,
      incidents: r?.opened ?? 0,
      mttaHours: r?.mttaMs != null ? Math.round(r.mttaMs / 360_000) / 10 : null,
      mttrHours: r?.mttrMs != null ? Math.round(r.mttrMs / 360_000) / 10 : null,
    };
  });
  const sum = (pick: (d: KpiDay) => number): number => rows.reduce((s, d) => s + pick(d), 0);
  const totalOrders = sum((d) => d.orders);
  const totalDelayed = sum((d) => d.delayed);
  const totalComplained = sum((d) => d.complained);
  const inWindow = closes.filter((c) => c.at >= window.from && c.at < window.to);
  const causes = new Map<string, { cls: string; subCause: string; count: number }>();
  for (const c of inWindow) {
    if (!c.rootCause) continue;
    const key = `${c.rootCause.class}/${c.rootCause.subCause}`;
    const row = causes.get(key) ?? { cls: c.rootCause.class, subCause: c.rootCause.subCause, count: 0 };
    row.count++;
    causes.set(key, row);
  }
  return {
    window,
    generatedAt: now,
    days: rows,
    totals: { orders: totalOrders, delayed: totalDelayed, delayedShare: ratio(totalDelayed, totalOrders), complained: totalComplained, complaintRate: ratio(totalComplained, totalOrders) },
    incidents: kpis,
    falseAlarmShare: ratio(kpis.falseAlarms, kpis.closed),
    repeated: repeatedMistakes(closes, window),
    satisfaction: satisfactionOf(callbacks),
    rootCauses: [...causes.values()].sort((a, b) => b.count - a.count || a.subCause.localeCompare(b.subCause)),
    delayedByChannel: [...channelTotals.entries()].map(([key, n]) => ({ key, orders: n })).sort((a, b) => b.orders - a.orders || a.key.localeCompare(b.key)),
  };
}
