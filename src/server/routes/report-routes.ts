import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../domain/role.js';
import { parseInstant, type Clock, type Instant } from '../../domain/time.js';
import { lastDays, monthWindow, previousMonth, ReportError, type KpiData } from '../../report/index.js';
import { CALLBACK_STATES, IMPROVEMENT_STATES, type CallbackState, type ImprovementState, type ReportWindow } from '../../store/report-store.js';
import type { Principal } from '../auth/principal.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';
import { toWire } from '../wire.js';

/** ReportFile is a document to download. */
interface ReportFile {
  readonly bytes: Buffer;
  readonly filename: string;
  readonly contentType: string;
}

type Actor = { readonly name: string; readonly role: Role };
type Sent = Promise<{ outboxIds: string[]; filename: string }>;

/** Reporter is the reports use case the server calls (composed in src/app as ReportService). */
export interface Reporter {
  evidence(target: string, actor: Actor | undefined, now: Instant, options?: { appendix?: boolean }): Promise<ReportFile>;
  sendEvidence(target: string, receivers: readonly string[], actor: Actor, now: Instant): Sent;
  review(incidentId: string, actor: Actor | undefined, now: Instant): Promise<ReportFile & { review: object }>;
  generateReview(incidentId: string, actor: Actor | undefined, now: Instant): Promise<ReportFile & { review: object }>;
  sendReview(incidentId: string, receivers: readonly string[], actor: Actor, now: Instant): Sent;
  reviews(window: Partial<ReportWindow>, limit?: number): Promise<object[]>;
  kpi(window: ReportWindow, now: Instant): Promise<KpiData>;
  kpiPdf(window: ReportWindow, now: Instant): Promise<ReportFile>;
  sendKpi(window: ReportWindow, receivers: readonly string[], actor: Actor, now: Instant): Sent;
  exportList(list: (typeof LISTS)[number], format: 'csv' | 'xlsx', query: { window?: ReportWindow; state?: string; code?: string; limit?: number; delayed?: Record<string, string> }, now: Instant): Promise<ReportFile>;
  callbacks(filter: { incidentId?: string; state?: CallbackState; limit?: number }, now: Instant): Promise<object[]>;
  recordCallback(id: string, result: { reached: boolean; score?: number; comment?: string }, actor: Actor, now: Instant): Promise<object>;
  improvements(filter: { incidentId?: string; states?: readonly ImprovementState[]; limit?: number }): Promise<object[]>;
  addImprovement(input: { incidentId: string; title: string; owner: string; dueAt: Instant }, actor: Actor, now: Instant): Promise<object>;
  updateImprovement(id: string, change: { state?: ImprovementState; owner?: string; dueAt?: Instant; note?: string }, actor: Actor, now: Instant): Promise<object>;
}

const LISTS = ['kpi', 'incidents', 'delayed-orders', 'findings', 'callbacks', 'improvements', 'dashboard-splits'] as const;
const PEOPLE: readonly Role[] = ['agent', 'supervisor', 'ops_manager', 'warehouse', 'executive', 'admin'];
const LEADS: readonly Role[] = ['supervisor', 'ops_manager', 'warehouse', 'executive', 'admin'];

const time = z.string().refine((s) => parseInstant(s) !== undefined, 'expected an ISO-8601 time like 2026-11-16T09:00:00+08:00');
/** A period: from/to, a calendar month, or the last N whole days; none = last calendar month. */
const Period = {
  from: time.optional(),
  to: time.optional(),
  month: z.string().regex(/^\d{4}-\d{2}$/, 'expected a month like 2026-10').optional(),
  days: z.coerce.number().int().min(1).max(366).optional(),
};
const Receivers = z.object({ receivers: z.array(z.string().min(1).max(100)).min(1).max(20) }).strict();

function windowOf(q: { from?: string | undefined; to?: string | undefined; month?: string | undefined; days?: number | undefined }, now: Instant, required: boolean): ReportWindow | undefined {
  if (q.month !== undefined) {
    const w = monthWindow(q.month);
    if (!w) throw new HttpError(400, `month must be like 2026-10, got "${q.month}"`);
    return w;
  }
  if (q.from !== undefined || q.to !== undefined) {
    const w = { from: q.from !== undefined ? parseInstant(q.from)! : 0, to: q.to !== undefined ? parseInstant(q.to)! : now };
    if (!(w.from < w.to)) throw new HttpError(400, 'from must be before to');
    return w;
  }
  if (q.days !== undefined) return lastDays(now, q.days);
  return required ? previousMonth(now) : undefined;
}

function sendFile(reply: FastifyReply, file: ReportFile, disposition: 'inline' | 'attachment'): Buffer {
  void reply.header('content-type', file.contentType);
  void reply.header('content-disposition', `${disposition}; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  void reply.header('cache-control', 'no-store');
  void reply.header('x-content-type-options', 'nosniff');
  return file.bytes;
}

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReportError) throw new HttpError(error.status, error.message, { code: error.code, zh: error.bilingual.zh, en: error.bilingual.en });
    throw error;
  }
}

/**
 * registerReportRoutes adds the reports: evidence PDFs of an order or
 * incident, post-incident reviews, KPI reports of any period (JSON, PDF,
 * CSV, XLSX), list exports, sending any PDF to receivers, satisfaction
 * callbacks and improvement items.
 */
export function registerReportRoutes(routes: RouteRegistry, deps: { reporter?: Reporter; clock: Clock }): void {
  const reporter = (): Reporter => {
    if (!deps.reporter) throw new HttpError(503, 'reports are not running in this server');
    return deps.reporter;
  };
  const actor = (p: Principal | undefined): Actor => ({ name: p!.name, role: p!.role });
  const Id = z.object({ id: z.string().min(1).max(200) }).strict();

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/reports/evidence/:id',
      summary:
        'Evidence PDF (Chinese) of an order or an incident: a conclusion (what happened, failing step, department and person responsible, deadlines, who was told, next steps), order facts, findings with thresholds, timeline, stock check, logistics, contacts with screenshots, handling. appendix=1 adds the stock readings (and an incident\'s other orders in full); it is on for an order, off for an incident by default',
      tag: 'reports',
      access: 'any-user',
      params: Id,
      query: z.object({ download: z.enum(['0', '1']).optional(), appendix: z.enum(['0', '1']).optional() }).strict(),
      responseDescription: 'application/pdf',
    },
    async ({ params, query, principal, reply }) =>
      mapped(async () => sendFile(reply, await reporter().evidence(params.id, actor(principal), deps.clock.now(), query.appendix !== undefined ? { appendix: query.appendix === '1' } : {}), query.download === '1' ? 'attachment' : 'inline')),
  );
  routes.add(
    { method: 'POST', url: '/api/v1/reports/evidence/:id/send', summary: 'Send the evidence PDF to receivers of the policy (e-mail attachment, WeCom file, link for DingTalk/Feishu)', tag: 'reports', access: PEOPLE, params: Id, body: Receivers },
    async ({ params, body, principal }) => mapped(async () => reporter().sendEvidence(params.id, body.receivers, actor(principal), deps.clock.now())),
  );

  routes.add(
    { method: 'GET', url: '/api/v1/reports/review/:id', summary: "An incident's post-incident review PDF (the stored one, or generated now)", tag: 'reports', access: 'any-user', params: Id, query: z.object({ download: z.enum(['0', '1']).optional() }).strict(), responseDescription: 'application/pdf' },
    async ({ params, query, principal, reply }) => mapped(async () => sendFile(reply, await reporter().review(params.id, actor(principal), deps.clock.now()), query.download === '1' ? 'attachment' : 'inline')),
  );
  routes.add(
    { method: 'POST', url: '/api/v1/reports/review/:id', summary: 'Generate the review of a closed incident now (on demand), replacing the stored one', tag: 'reports', access: LEADS, params: Id },
    async ({ params, principal }) => mapped(async () => toWire((await reporter().generateReview(params.id, actor(principal), deps.clock.now())).review)),
  );
  routes.add(
    { method: 'POST', url: '/api/v1/reports/review/:id/send', summary: "Send an incident's review PDF to receivers", tag: 'reports', access: PEOPLE, params: Id, body: Receivers },
    async ({ params, body, principal }) => mapped(async () => reporter().sendReview(params.id, body.receivers, actor(principal), deps.clock.now())),
  );
  routes.add(
    { method: 'GET', url: '/api/v1/reports/reviews', summary: 'Reviews generated in a period, newest first (automatic and on demand)', tag: 'reports', access: 'any-user', query: z.object({ ...Period, limit: z.coerce.number().int().min(1).max(1000).default(100) }).strict() },
    async ({ query }) => {
      const w = windowOf(query, deps.clock.now(), false);
      return toWire({ reviews: await reporter().reviews(w ?? {}, query.limit) });
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/reports/kpi',
      summary: 'KPI report of a period (default: last calendar month): delayed orders per day, MTTA/MTTR, false-alarm share, complaint rate, repeated-mistake rate, satisfaction — as JSON, PDF with charts, CSV or XLSX',
      tag: 'reports',
      access: 'any-user',
      query: z.object({ ...Period, format: z.enum(['json', 'pdf', 'csv', 'xlsx']).default('json') }).strict(),
    },
    async ({ query, reply }) =>
      mapped(async () => {
        const now = deps.clock.now();
        const window = windowOf(query, now, true)!;
        if (query.format === 'pdf') return sendFile(reply, await reporter().kpiPdf(window, now), 'inline');
        if (query.format === 'csv' || query.format === 'xlsx') return sendFile(reply, await reporter().exportList('kpi', query.format, { window }, now), 'attachment');
        return toWire(await reporter().kpi(window, now));
      }),
  );
  routes.add(
    { method: 'POST', url: '/api/v1/reports/kpi/send', summary: 'Send the KPI report PDF of a period to receivers', tag: 'reports', access: LEADS, body: z.object({ ...Period, receivers: Receivers.shape.receivers }).strict() },
    async ({ body, principal }) => mapped(async () => reporter().sendKpi(windowOf(body, deps.clock.now(), true)!, body.receivers, actor(principal), deps.clock.now())),
  );
  routes.add(
    {
      method: 'GET',
      url: '/api/v1/reports/export/:list',
      summary:
        'Export a list as CSV (UTF-8 with BOM) or XLSX: kpi, incidents, delayed-orders (narrowed as the drill-down: day, channel, grade, warehouse, sku, carrier, shop), findings, callbacks, improvements, dashboard-splits (the top 50 warehouses, SKUs, carriers and shops)',
      tag: 'reports',
      access: 'any-user',
      params: z.object({ list: z.enum(LISTS) }).strict(),
      query: z
        .object({
          ...Period,
          format: z.enum(['csv', 'xlsx']).default('csv'),
          state: z.string().max(40).optional(),
          code: z.string().max(60).optional(),
          limit: z.coerce.number().int().min(1).max(10_000).optional(),
          day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day like 2026-11-11').optional(),
          channel: z.string().max(40).optional(),
          stage: z.string().max(40).optional(),
          grade: z.enum(['A', 'B', 'C', 'D', 'none']).optional(),
          region: z.string().max(40).optional(),
          warehouse: z.string().max(60).optional(),
          sku: z.string().max(100).optional(),
          carrier: z.string().max(60).optional(),
          shop: z.string().max(120).optional(),
        })
        .strict(),
    },
    async ({ params, query, reply }) =>
      mapped(async () => {
        const now = deps.clock.now();
        const window = windowOf(query, now, params.list === 'kpi' || params.list === 'delayed-orders' || params.list === 'dashboard-splits');
        const { day, channel, stage, grade, region, warehouse, sku, carrier, shop } = query;
        const narrowing: Record<string, string> = {};
        for (const [k, v] of Object.entries({ day, channel, stage, grade, region, warehouse, sku, carrier, shop })) if (v !== undefined) narrowing[k] = v;
        const file = await reporter().exportList(
          params.list,
          query.format,
          { ...(window ? { window } : {}), ...(query.state ? { state: query.state } : {}), ...(query.code ? { code: query.code } : {}), ...(query.limit ? { limit: query.limit } : {}), delayed: narrowing },
          now,
        );
        return sendFile(reply, file, 'attachment');
      }),
  );

  routes.add(
    { method: 'GET', url: '/api/v1/callbacks', summary: "Satisfaction callbacks (回访) after closing: the agents' list, or one incident's (created on first look)", tag: 'reports', access: 'any-user', query: z.object({ incidentId: z.string().max(200).optional(), state: z.enum(CALLBACK_STATES).optional(), limit: z.coerce.number().int().min(1).max(10_000).default(500) }).strict() },
    async ({ query }) => toWire({ callbacks: await reporter().callbacks({ limit: query.limit, ...(query.incidentId ? { incidentId: query.incidentId } : {}), ...(query.state ? { state: query.state } : {}) }, deps.clock.now()) }),
  );
  routes.add(
    {
      method: 'POST',
      url: '/api/v1/callbacks/:id',
      summary: "Record a callback's result: reached with a 1-5 satisfaction score and the customer's words, or not reached",
      tag: 'reports',
      access: PEOPLE,
      params: Id,
      body: z.object({ reached: z.boolean(), score: z.number().int().min(1).max(5).optional(), comment: z.string().max(2000).optional() }).strict(),
    },
    async ({ params, body, principal }) => mapped(async () => toWire(await reporter().recordCallback(params.id, body, actor(principal), deps.clock.now()))),
  );

  routes.add(
    { method: 'GET', url: '/api/v1/improvements', summary: 'Improvement items of reviews, tracked until done', tag: 'reports', access: 'any-user', query: z.object({ incidentId: z.string().max(200).optional(), state: z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(IMPROVEMENT_STATES)).max(4)).optional(), limit: z.coerce.number().int().min(1).max(10_000).default(500) }).strict() },
    async ({ query }) => toWire({ improvements: await reporter().improvements({ limit: query.limit, ...(query.incidentId ? { incidentId: query.incidentId } : {}), ...(query.state ? { states: query.state } : {}) }) }),
  );
  routes.add(
    { method: 'POST', url: '/api/v1/improvements', summary: "Add an improvement item to an incident's review: title, owner, due date", tag: 'reports', access: LEADS, body: z.object({ incidentId: z.string().min(1).max(200), title: z.string().trim().min(1).max(500), owner: z.string().trim().min(1).max(100), dueAt: time }).strict() },
    async ({ body, principal }) => mapped(async () => toWire(await reporter().addImprovement({ ...body, dueAt: parseInstant(body.dueAt)! }, actor(principal), deps.clock.now()))),
  );
  routes.add(
    { method: 'POST', url: '/api/v1/improvements/:id', summary: 'Move an improvement item on: state, owner, due date, progress note', tag: 'reports', access: PEOPLE, params: Id, body: z.object({ state: z.enum(IMPROVEMENT_STATES).optional(), owner: z.string().trim().min(1).max(100).optional(), dueAt: time.optional(), note: z.string().max(2000).optional() }).strict() },
    async ({ params, body, principal }) =>
      mapped(async () =>
        toWire(
          await reporter().updateImprovement(
            params.id,
            { ...(body.state ? { state: body.state } : {}), ...(body.owner ? { owner: body.owner } : {}), ...(body.dueAt ? { dueAt: parseInstant(body.dueAt)! } : {}), ...(body.note ? { note: body.note } : {}) },
            actor(principal),
            deps.clock.now(),
          ),
        ),
      ),
  );
}
