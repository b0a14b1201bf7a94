import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Settings } from '../../config/settings.js';
import { STALL_MARGIN } from '../../detect/time/calibrated-stall-thresholds.js';
import { DEFAULT_STAGE_HOURS } from '../../detect/time/stall-thresholds.js';
import { describePolicy, durationQuantile, GLOBAL_SEGMENT, segmentLabel, SPAN_NAMES, STAGE_SPANS, type ThresholdTable } from '../../detect/thresholds/index.js';
import { maskerFor } from '../../domain/masking.js';
import { BUSINESS_UTC_OFFSET_MS, parseInstant, toIso, type Clock } from '../../domain/time.js';
import { DELAY_SPLITS, NO_GRADE, WAR_ROOM_SPLITS, type DashboardStore, type DelayedOrderCount, type DelaySplit, type DelayWindow, type WarRoom } from '../../store/dashboard-store.js';
import { splitLabel } from '../../report/split-labels.js';
import type { DetectionStore } from '../../store/detection-store.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';
import { toWire } from '../wire.js';
import { IncidentFeed } from '../incident-feed.js';

const DAY_MS = 86_400_000;
const MANAGERS = ['supervisor', 'ops_manager', 'executive', 'admin'] as const;

/** Backtester is the backtest use case the server calls (composed in src/app): one policy replayed on history, with its curve. */
export interface Backtester {
  run(policy: 'dynamic' | 'fixed'): Promise<object>;
}

/** DashboardRouteDeps is what the console's read routes need. */
export interface DashboardRouteDeps {
  readonly dashboard: DashboardStore;
  readonly detection: DetectionStore;
  /** The settings in effect (a reload shows at once on the policy endpoint). */
  readonly settings: () => Settings;
  readonly clock: Clock;
  readonly backtester?: Backtester;
  /** How often the live feed looks for changed incidents (default 2 s). */
  readonly feedIntervalMs?: number;
}

const time = z.string().refine((s) => parseInstant(s) !== undefined, 'expected an ISO-8601 time like 2026-11-16T09:00:00+08:00');
const WindowQuery = { days: z.coerce.number().int().min(1).max(366).default(30), to: time.optional() };

/** windowOf is `days` whole Shanghai days ending with the day of `to` (default now), cut at `to`. */
function windowOf(query: { days: number; to?: string | undefined }, clock: Clock): DelayWindow {
  const to = query.to !== undefined ? parseInstant(query.to)! : clock.now();
  const dayStart = Math.floor((to + BUSINESS_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - BUSINESS_UTC_OFFSET_MS;
  return { from: dayStart - (query.days - 1) * DAY_MS, to: to + 1 };
}

function daysOf(window: DelayWindow): string[] {
  const days: string[] = [];
  for (let t = window.from; t < window.to; t += DAY_MS) days.push(new Date(t + BUSINESS_UTC_OFFSET_MS).toISOString().slice(0, 10));
  return days;
}

/**
 * delayTrend turns the store's counts into what the charts draw: the total
 * per day, and for each split its values with their totals and per-day
 * counts, largest first.
 */
export function delayTrend(counts: readonly DelayedOrderCount[], days: readonly string[]): { total: number[]; splits: Record<DelaySplit, Array<{ key: string; total: number; perDay: number[] }>> } {
  const index = new Map(days.map((d, i) => [d, i]));
  const total = days.map(() => 0);
  const maps = Object.fromEntries(DELAY_SPLITS.map((s) => [s, new Map<string, number[]>()])) as Record<DelaySplit, Map<string, number[]>>;
  for (const count of counts) {
    const i = index.get(count.day);
    if (i === undefined) continue;
    // Every split counts each delayed order once; the channels give the total.
    if (count.split === 'channel') total[i]! += count.orders;
    const perDay = maps[count.split].get(count.key) ?? days.map(() => 0);
    perDay[i]! += count.orders;
    maps[count.split].set(count.key, perDay);
  }
  const splits = Object.fromEntries(
    DELAY_SPLITS.map((s) => [
      s,
      [...maps[s].entries()].map(([key, perDay]) => ({ key, total: perDay.reduce((a, b) => a + b, 0), perDay })).sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)),
    ]),
  ) as Record<DelaySplit, Array<{ key: string; total: number; perDay: number[] }>>;
  return { total, splits };
}

/**
 * warRoomRows words the store's war-room tops for the console: each value
 * with its label in words, and its share of the period's delayed orders.
 */
export function warRoomRows(room: WarRoom): Record<string, object[]> {
  return Object.fromEntries(
    WAR_ROOM_SPLITS.map((split) => [
      split,
      room.splits[split].map((r) => ({
        key: r.key,
        label: splitLabel(split, r.key, r.title),
        delayed: r.delayed,
        atRisk: r.atRisk,
        orders: r.orders,
        share: room.delayed > 0 ? Math.round((r.delayed / room.delayed) * 1000) / 1000 : 0,
        today: r.today,
        yesterday: r.yesterday,
      })),
    ]),
  );
}

/** thresholdRows flattens a threshold table for people: per span and segment, the statistics and the allowance they give. */
function thresholdRows(table: ThresholdTable): object[] {
  const rows: Array<{ span: string; spanName: { zh: string; en: string }; segment: string; label: string; level: string; orders: number; meanHours: number; p50Hours: number; p90Hours: number; p99Hours: number; allowanceHours: number | null; used: boolean }> = [];
  const q = table.policy.kind === 'quantile' ? table.policy.q : undefined;
  for (const span of STAGE_SPANS) {
    for (const [segment, stats] of Object.entries(table.stats[span] ?? {})) {
      const round = (h: number): number => Math.round(h * 10) / 10;
      rows.push({
        span,
        spanName: SPAN_NAMES[span],
        segment,
        label: segmentLabel(segment),
        level: segment === GLOBAL_SEGMENT ? 'global' : segment.slice(0, segment.indexOf('=')),
        orders: stats.count,
        meanHours: round(stats.meanHours),
        p50Hours: round(durationQuantile(stats, 0.5)),
        p90Hours: round(durationQuantile(stats, 0.9)),
        p99Hours: round(durationQuantile(stats, 0.99)),
        allowanceHours: q === undefined ? null : round(durationQuantile(stats, q) * STALL_MARGIN),
        used: stats.count >= table.minSamples || segment === GLOBAL_SEGMENT,
      });
    }
  }
  // The busiest segments first within a span; a SKU-level table can be long.
  rows.sort((a, b) => STAGE_SPANS.indexOf(a.span as never) - STAGE_SPANS.indexOf(b.span as never) || b.orders - a.orders);
  return rows.slice(0, 3000);
}

const SECRET_KEYS = new Set(['secret', 'password', 'accessKeySecret', 'accessKeyId']);

/** redact replaces secrets in a receiver (keys named like secrets, and query strings of URLs, which carry robot tokens) with `***`. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEYS.has(key)) out[key] = '***';
    else if (key === 'url' && typeof v === 'string') out[key] = v.replace(/\?.*$/, '?***');
    else out[key] = redact(v);
  }
  return out;
}

/**
 * registerDashboardRoutes adds the console's read side: the delayed-order
 * trend with its splits and drill-down list, the response KPIs, thresholds
 * with their derivation, the policy in effect (secrets redacted), the
 * backtest, and the live incident feed (server-sent events).
 */
export function registerDashboardRoutes(app: FastifyInstance, routes: RouteRegistry, deps: DashboardRouteDeps): void {
  routes.add(
    {
      method: 'GET',
      url: '/api/v1/dashboard',
      summary: 'Delayed orders per day (by the day they were placed, Asia/Shanghai), split by channel, stage, grade and region',
      tag: 'dashboard',
      access: 'any-user',
      query: z.object({ ...WindowQuery, top: z.coerce.number().int().min(1).max(50).default(10) }).strict(),
      responseDescription:
        '{now, from, to, days[], total[], splits: {channel|stage|grade|region: [{key, total, perDay[]}], warehouse|sku|carrier|shop: top-N [{key, label{zh,en}, delayed, atRisk, orders, share, today, yesterday}]}, delayed, compare: {today, yesterday: {day, delayed, atRisk, orders, incidentsOpened}}}; grade `none` = no incident covers the order; the war-room splits count whole Shanghai days, share = of the period\'s delayed orders, orders = all orders placed with that value',
    },
    async ({ query }) => {
      const window = windowOf(query, deps.clock);
      const days = daysOf(window);
      const counts = await deps.dashboard.delayedOrderCounts(window);
      const room = await deps.dashboard.warRoom(window, deps.clock.now(), query.top);
      const trend = delayTrend(counts, days);
      return toWire({
        now: deps.clock.now(),
        from: toIso(window.from),
        to: toIso(window.to),
        days,
        total: trend.total,
        splits: { ...trend.splits, ...warRoomRows(room) },
        delayed: room.delayed,
        compare: room.compare,
      });
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/dashboard/orders',
      summary: 'The delayed orders behind a bar, a slice or a war-room row of the dashboard, newest first, a page at a time (limit, offset; total = rows the filter matches)',
      tag: 'dashboard',
      access: 'any-user',
      query: z
        .object({
          ...WindowQuery,
          day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day like 2026-11-11').optional(),
          channel: z.string().max(40).optional(),
          stage: z.string().max(40).optional(),
          grade: z.enum(['A', 'B', 'C', 'D', NO_GRADE]).optional(),
          region: z.string().max(40).optional(),
          warehouse: z.string().max(60).optional(),
          sku: z.string().max(100).optional(),
          carrier: z.string().max(60).optional(),
          shop: z.string().max(120).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        })
        .strict(),
    },
    async ({ query }) => {
      const window = windowOf(query, deps.clock);
      const { days: _days, to: _to, ...filter } = query;
      const page = await deps.dashboard.delayedOrderPage({ ...window, ...filter });
      return toWire({
        orders: page.orders.map((o) => ({ ...o, carrierName: splitLabel('carrier', o.carrier), shopLabel: splitLabel('shop', o.shop), warehouseLabel: splitLabel('warehouse', o.warehouse) })),
        total: page.total,
        limit: filter.limit,
        offset: filter.offset,
      });
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/dashboard/kpis',
      summary:
        'Response KPIs: open incidents by grade, breached deadlines; time to acknowledge and to resolve over every incident opened in the period, still-running ones included (share within the deadline, median, P90); false-alarm share of the closes (not_abnormal and the policy\'s rootCauses.falseAlarm sub-causes)',
      tag: 'dashboard',
      access: 'any-user',
      query: z.object(WindowQuery).strict(),
    },
    async ({ query }) => {
      const window = windowOf(query, deps.clock);
      const kpis = await deps.dashboard.incidentKpis(window, deps.clock.now(), deps.settings().rootCauses.falseAlarm);
      return toWire({ from: toIso(window.from), to: toIso(window.to), ...kpis });
    },
  );

  routes.add(
    { method: 'GET', url: '/api/v1/thresholds', summary: 'The thresholds in effect: the latest calibrated table per span and segment with its derivation, or the fixed allowances', tag: 'detection', access: 'any-user' },
    async () => {
      const record = await deps.detection.latestThresholdTable();
      const fixed = Object.entries(DEFAULT_STAGE_HOURS).map(([stage, hours]) => ({ stage, hours }));
      if (!record) return { calibrated: false, fixed };
      const table = JSON.parse(record.doc) as ThresholdTable;
      return toWire({
        calibrated: true,
        fixed,
        version: record.version,
        createdAt: record.createdAt,
        asOf: record.asOf,
        policy: describePolicy(table.policy),
        margin: STALL_MARGIN,
        minSamples: table.minSamples,
        hierarchies: table.hierarchies,
        regionBuffers: table.regionBuffers,
        rows: thresholdRows(table),
      });
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/policy',
      summary: 'The response policy in effect: grading, playbooks, templates, compensation limits, root causes; receivers (secrets redacted) and routes for managers',
      tag: 'admin',
      access: 'any-user',
    },
    async ({ principal }) => {
      const { server: _server, auth: _auth, ingest: _ingest, storage: _storage, receivers, routes: routing, ...policy } = deps.settings();
      const manager = (MANAGERS as readonly string[]).includes(principal!.role);
      // Everyone may send a customer template through a receiver: names and types, no targets.
      const receiverNames = receivers.map((r) => ({ name: r.name, type: r.type }));
      return { receiverNames, ...(manager ? { receivers: redact(receivers), routes: routing } : {}), ...policy };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/backtest',
      summary: 'Backtest on the Olist orders: alerts, precision, recall, false-alarm share, lead time, by segment, and the false-alarm-vs-recall curve',
      tag: 'detection',
      access: [...MANAGERS],
      query: z.object({ policy: z.enum(['dynamic', 'fixed']).default('dynamic') }).strict(),
    },
    async ({ query }) => {
      if (!deps.backtester) throw new HttpError(503, 'the backtest is not available in this server');
      try {
        return await deps.backtester.run(query.policy);
      } catch (error) {
        throw new HttpError(503, `the backtest could not run: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  );

  const feed = new IncidentFeed(deps.dashboard, deps.clock, deps.feedIntervalMs ?? 2000);
  app.addHook('preClose', async () => feed.close());
  routes.add(
    { method: 'GET', url: '/api/v1/events', summary: 'Live incident changes as server-sent events (`event: incidents`, data `{incidents:[…]}`)', tag: 'incidents', access: 'any-user', responseDescription: 'text/event-stream' },
    async ({ request, reply, principal }) => {
      // The stream bypasses the API's exit: it is masked to the listener's role here.
      const masker = maskerFor(principal!.role);
      reply.hijack();
      const raw = reply.raw;
      // no-store like every /api/ answer (the stream carries customers' data); no-transform keeps proxies from buffering it.
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      raw.write(`retry: 3000\nevent: hello\ndata: ${JSON.stringify(toWire({ now: deps.clock.now() }))}\n\n`);
      const unsubscribe = feed.subscribe({
        send: (incidents) => raw.write(`event: incidents\ndata: ${JSON.stringify(masker.value(toWire({ incidents })))}\n\n`),
        ping: () => raw.write(': keep-alive\n\n'),
        end: () => raw.end(),
      });
      request.raw.on('close', unsubscribe);
    },
  );
}

