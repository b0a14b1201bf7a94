import { z } from 'zod';
import { INCIDENT_STATES, type Incident } from '../../domain/incident.js';
import { ActionError, type ActionRequest, type Actor, type BulkResult } from '../../domain/incident-action.js';
import { CHANNELS } from '../../domain/channel.js';
import { ROLES } from '../../domain/role.js';
import { parseInstant, type Clock, type Instant } from '../../domain/time.js';
import { RESPONSE_LABELS } from '../../respond/index.js';
import { QUEUE_SORTS, QUEUE_TABS, type IncidentFilter, type QueueTab, type ResponseStore } from '../../store/response-store.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';
import { toWire } from '../wire.js';

/** Responder is the response use case the server calls (composed in src/app). */
export interface Responder {
  act(incidentId: string, actor: Actor, request: ActionRequest, now: Instant): Promise<Incident>;
  actMany(ids: readonly string[], actor: Actor, request: ActionRequest, now: Instant): Promise<BulkResult[]>;
  incidentDetail(id: string, actor: Actor, now: Instant, orders?: { limit?: number; offset?: number; q?: string }): Promise<object | undefined>;
  queue(filter: IncidentFilter, actor: Actor, now: Instant): Promise<{ total: number; items: readonly object[]; tabs: Record<QueueTab, number>; full?: readonly Incident[] }>;
  incidentOrders(incident: Incident, options: { limit?: number; offset?: number; q?: string }): Promise<{ total: number; limit: number; offset: number; items: readonly object[] }>;
  pauseOrder(orderId: string, actor: Actor, reason: string, until: Instant | undefined, now: Instant): Promise<void>;
  resumeOrder(orderId: string, actor: Actor, now: Instant): Promise<void>;
  renderTemplate(incidentId: string, request: TemplateBody, actor: Actor): Promise<object>;
  sendTemplate(incidentId: string, request: Omit<TemplateBody, 'medium'> & { medium: TemplateBody['medium'] | 'wecom'; receiver?: string }, actor: Actor, now: Instant): Promise<{ outboxId: string }>;
  incidentScript(incidentId: string, request: ScriptQuery, actor: Actor): Promise<object>;
  orderScript(orderId: string, request: Omit<ScriptQuery, 'orderId'>, actor: Actor): Promise<object>;
  testReceiver(name: string, actor: Actor, now: Instant): Promise<{ outboxId: string }>;
  receivers(): Array<{ name: string; type: string; target: string }>;
}

interface ScriptQuery {
  template: string;
  orderId?: string;
  lang?: 'zh' | 'en';
  vars?: Record<string, string>;
}

interface TemplateBody {
  template: string;
  medium: 'phone' | 'sms' | 'email';
  lang?: 'zh' | 'en';
  orderId?: string;
  vars?: Record<string, string>;
}

const time = z.string().refine((s) => parseInstant(s) !== undefined, 'expected an ISO-8601 time like 2026-11-16T09:00:00+08:00');
const reason = z.string().trim().max(2000).optional();

/** ActionSchema is every action on an incident, told apart by `type`. */
export const ActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('acknowledge'), reason }).strict(),
  z.object({ type: z.literal('assign'), assignee: z.string().trim().min(1).max(100), reason }).strict(),
  z.object({ type: z.literal('start'), reason }).strict(),
  z.object({ type: z.literal('pause'), reason: z.string().trim().min(1, 'say why you take over').max(2000), until: time.optional() }).strict(),
  z.object({ type: z.literal('resume'), reason }).strict(),
  z.object({ type: z.literal('escalate'), reason }).strict(),
  z.object({ type: z.literal('resolve'), reason }).strict(),
  z
    .object({
      type: z.literal('close'),
      rootCause: z.object({ class: z.enum(['system', 'human', 'external', 'not_abnormal']), subCause: z.string().min(1).max(100), note: z.string().max(2000).optional() }).strict(),
      reason,
      force: z.boolean().optional(),
    })
    .strict(),
  z.object({ type: z.literal('reopen'), reason: z.string().trim().min(1, 'say why it is reopened').max(2000) }).strict(),
  z.object({ type: z.literal('review'), reason }).strict(),
  z.object({ type: z.literal('check'), itemId: z.string().min(1).max(100), done: z.boolean().default(true), note: z.string().max(2000).optional() }).strict(),
  z.object({ type: z.literal('compensate'), kind: z.string().min(1).max(40), amountFen: z.number().int().min(0).max(100_000_000), orderId: z.string().max(120).optional(), note: z.string().max(2000).optional() }).strict(),
  z.object({ type: z.literal('decide_compensation'), compensationId: z.string().min(1).max(40), approve: z.boolean(), note: z.string().max(2000).optional() }).strict(),
  z.object({ type: z.literal('rate'), score: z.number().int().min(1).max(5), comment: z.string().max(2000).optional() }).strict(),
  z.object({ type: z.literal('comment'), text: z.string().trim().min(1).max(2000) }).strict(),
]);

type ActionBody = z.infer<typeof ActionSchema>;

function toRequest(body: ActionBody): ActionRequest {
  if (body.type === 'pause') return { type: 'pause', reason: body.reason, ...(body.until !== undefined ? { until: parseInstant(body.until)! } : {}) };
  return body as ActionRequest;
}

const TemplateSchema = z
  .object({
    template: z.string().min(1).max(100),
    medium: z.enum(['phone', 'sms', 'email']),
    lang: z.enum(['zh', 'en']).optional(),
    orderId: z.string().max(120).optional(),
    vars: z.record(z.string().max(40), z.string().max(500)).optional(),
  })
  .strict();

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20)).optional();

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ActionError) throw new HttpError(error.status, error.message, { code: error.code, zh: error.bilingual.zh, en: error.bilingual.en });
    throw error;
  }
}

/** registerIncidentRoutes adds the incident queue, every action on an incident, order take-over, templates, the outbox, tickets and receivers. */
export function registerIncidentRoutes(routes: RouteRegistry, deps: { response: ResponseStore; responder?: Responder; clock: Clock }): void {
  const responder = (): Responder => {
    if (!deps.responder) throw new HttpError(503, 'the response engine is not running in this server');
    return deps.responder;
  };
  const actorOf = (p: { name: string; role: (typeof ROLES)[number] } | undefined): Actor => ({ name: p!.name, role: p!.role });

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/incidents',
      summary:
        'The incident queue, paged on the server: tab (open | breached | mine | A | B | all) with every tab counted, search (q), filters, sort (default: breached, grade A→D, deadline soonest); lean rows with the actions you may take',
      tag: 'incidents',
      access: 'any-user',
      query: z
        .object({
          tab: z.enum(QUEUE_TABS).optional(),
          q: z.string().trim().max(100).optional(),
          sort: z.enum(QUEUE_SORTS).default('default'),
          state: list(z.enum(INCIDENT_STATES)),
          grade: list(z.enum(['A', 'B', 'C', 'D'])),
          level: list(z.coerce.number().int().min(1).max(3)),
          owner: z.string().trim().min(1).max(100).optional(),
          ownerRole: list(z.enum(ROLES)),
          assignee: z.string().max(100).optional(),
          orderId: z.string().max(120).optional(),
          channel: list(z.enum(CHANNELS)),
          from: time.optional(),
          to: time.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          // `full` adds the whole incident documents (`incidents`) for scripts written against the old queue.
          view: z.enum(['lean', 'full']).default('lean'),
        })
        .strict(),
    },
    async ({ query, principal }) => {
      const now = deps.clock.now();
      const filter: IncidentFilter = {
        limit: query.limit,
        offset: query.offset,
        sort: query.sort,
        ...(query.tab ? { tab: query.tab } : {}),
        ...(query.q ? { q: query.q } : {}),
        ...(query.owner ? { owner: query.owner } : {}),
        ...(query.state ? { states: query.state } : {}),
        ...(query.grade ? { grades: query.grade } : {}),
        ...(query.level ? { levels: query.level } : {}),
        ...(query.ownerRole ? { ownerRoles: query.ownerRole } : {}),
        ...(query.assignee ? { assignee: query.assignee } : {}),
        ...(query.orderId ? { orderId: query.orderId } : {}),
        ...(query.channel ? { channels: query.channel } : {}),
        ...(query.from ? { openedFrom: parseInstant(query.from)! } : {}),
        ...(query.to ? { openedTo: parseInstant(query.to)! } : {}),
      };
      const page = await responder().queue(filter, actorOf(principal), now);
      return toWire({ total: page.total, limit: query.limit, offset: query.offset, now, tabs: page.tabs, items: page.items, ...(query.view === 'full' ? { incidents: page.full } : {}) });
    },
  );

  routes.add(
    { method: 'GET', url: '/api/v1/incidents/labels', summary: 'Every code the incident API shows a person, in words (zh, en): actions, states, tabs, levels, grades, scopes, roles, compensation, channels, audit actions, refusals', tag: 'incidents', access: 'any-user' },
    async () => RESPONSE_LABELS,
  );

  const OrderPageQuery = z
    .object({
      limit: z.coerce.number().int().min(1).max(200).default(20),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      q: z.string().trim().max(100).optional(),
    })
    .strict();

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/incidents/:id',
      summary:
        'One incident: the actions you may take (by role and ownership), owners, compensation requests with totals, a page of its orders (limit, offset, q), audit trail and messages',
      tag: 'incidents',
      access: 'any-user',
      params: z.object({ id: z.string().min(1).max(80) }),
      query: OrderPageQuery,
    },
    async ({ params, query, principal }) => {
      const now = deps.clock.now();
      const detail = await responder().incidentDetail(params.id, actorOf(principal), now, { limit: query.limit, offset: query.offset, ...(query.q ? { q: query.q } : {}) });
      if (!detail) throw new HttpError(404, `no incident ${params.id}`);
      return toWire({ now, ...detail });
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/incidents/:id/orders',
      summary: "A page of an incident's orders as summaries (customer, product, stage, promise, warehouse, carrier, codes); q searches order number, name, phone's last 4, product, SKU, tracking number",
      tag: 'incidents',
      access: 'any-user',
      params: z.object({ id: z.string().min(1).max(80) }),
      query: OrderPageQuery,
    },
    async ({ params, query }) => {
      const incident = await deps.response.getIncident(params.id);
      if (!incident) throw new HttpError(404, `no incident ${params.id}`);
      const { items, total, limit, offset } = await responder().incidentOrders(incident, { limit: query.limit, offset: query.offset, ...(query.q ? { q: query.q } : {}) });
      return toWire({ total, limit, offset, items });
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/incidents/:id/actions',
      summary: 'Act on an incident: acknowledge, assign, start, pause, resume, escalate, resolve, close (root cause), reopen, review, check, compensate, decide_compensation, rate, comment',
      tag: 'incidents',
      access: 'any-user',
      params: z.object({ id: z.string().min(1).max(80) }),
      body: ActionSchema,
    },
    async ({ params, body, principal }) => toWire({ incident: await mapped(() => responder().act(params.id, actorOf(principal), toRequest(body), deps.clock.now())) }),
  );

  const RootCauseSchema = z.object({ class: z.enum(['system', 'human', 'external', 'not_abnormal']), subCause: z.string().min(1).max(100), note: z.string().max(2000).optional() }).strict();
  const BulkSchema = z.union([
    z
      .object({
        ids: z.array(z.string().min(1).max(80)).min(1).max(500),
        action: z.enum(['assign', 'acknowledge', 'close']),
        assignee: z.string().trim().min(1).max(100).optional(),
        rootCause: RootCauseSchema.optional(),
        reason,
        force: z.boolean().optional(),
      })
      .strict()
      .superRefine((b, ctx) => {
        if (b.action === 'assign' && !b.assignee) ctx.addIssue({ code: 'custom', path: ['assignee'], message: 'assign needs an assignee (a user name from GET /api/v1/users/assignable)' });
        if (b.action === 'close' && !b.rootCause) ctx.addIssue({ code: 'custom', path: ['rootCause'], message: 'close needs a root cause (class + subCause)' });
      }),
    // The older form: any one action, as POST …/actions takes it.
    z.object({ ids: z.array(z.string().min(1).max(80)).min(1).max(500), action: ActionSchema }).strict(),
  ]);

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/incidents/bulk-actions',
      summary: 'Apply one action (assign, acknowledge, close) to several incidents; each succeeds or fails on its own, a failure with its reason in words',
      tag: 'incidents',
      access: 'any-user',
      body: BulkSchema,
    },
    async ({ body, principal }) => {
      let request: ActionRequest;
      if (typeof body.action !== 'string') request = toRequest(body.action);
      else {
        const b = body as { action: 'assign' | 'acknowledge' | 'close'; assignee?: string; rootCause?: z.infer<typeof RootCauseSchema>; reason?: string; force?: boolean };
        const why = b.reason ? { reason: b.reason } : {};
        if (b.action === 'assign') request = { type: 'assign', assignee: b.assignee!, ...why };
        else if (b.action === 'close') request = { type: 'close', rootCause: b.rootCause!, ...why, ...(b.force !== undefined ? { force: b.force } : {}) };
        else request = { type: 'acknowledge', ...why };
      }
      const results = await mapped(() => responder().actMany(body.ids, actorOf(principal), request, deps.clock.now()));
      return { done: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/incidents/:id/template',
      summary: "Render a customer template (apology, reason, remedy, confirmation) with the incident's order, as phone script, SMS or e-mail",
      tag: 'incidents',
      access: 'any-user',
      params: z.object({ id: z.string().min(1).max(80) }),
      body: TemplateSchema,
    },
    async ({ params, body, principal }) => ({ rendered: await mapped(() => responder().renderTemplate(params.id, body, actorOf(principal))) }),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/incidents/:id/send-template',
      summary: "Send a customer template through the outbox by SMS (to the order's mobile), e-mail or WeCom; every value filled in (a 400 names what is missing)",
      tag: 'incidents',
      access: 'any-user',
      params: z.object({ id: z.string().min(1).max(80) }),
      body: TemplateSchema.extend({ medium: z.enum(['sms', 'email', 'wecom', 'phone']), receiver: z.string().min(1).max(100).optional() }).strict(),
    },
    async ({ params, body, principal }) => mapped(() => responder().sendTemplate(params.id, body, actorOf(principal), deps.clock.now())),
  );

  // Template values the agent fills in come as vars.NAME=value (vars.compensation=20元优惠券).
  const ScriptQuerySchema = z
    .object({
      template: z.string().min(1).max(100).default('delay'),
      order: z.string().max(120).optional(),
      lang: z.enum(['zh', 'en']).optional(),
    })
    .catchall(z.string().max(500))
    .superRefine((q, ctx) => {
      for (const key of Object.keys(q)) {
        if (!['template', 'order', 'lang'].includes(key) && !/^vars\.[a-zA-Z]{1,40}$/.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'unknown parameter (template, order, lang, vars.NAME)' });
      }
    });
  const scriptVars = (q: Record<string, unknown>): Record<string, string> =>
    Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => e[0].startsWith('vars.') && typeof e[1] === 'string').map(([k, v]) => [k.slice(5), v]));

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/incidents/:id/script',
      summary:
        'A customer script (phone, SMS, e-mail) for one order of the incident (order=, else its first): a value nobody has yet shows as a placeholder such as 【补偿金额】 and is listed in missing; with chars, smsSegments and the channels it can be sent by',
      tag: 'incidents',
      access: 'any-user',
      params: z.object({ id: z.string().min(1).max(80) }),
      query: ScriptQuerySchema,
    },
    async ({ params, query, principal }) =>
      toWire(
        await mapped(() =>
          responder().incidentScript(params.id, { template: query.template, ...(query.order ? { orderId: query.order } : {}), ...(query.lang ? { lang: query.lang } : {}), vars: scriptVars(query) }, actorOf(principal)),
        ),
      ),
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/orders/:id/script',
      summary: "A customer script for an order (the order 360): its newest active incident gives the reason and compensation; placeholders for what nobody has yet",
      tag: 'incidents',
      access: 'any-user',
      params: z.object({ id: z.string().min(3).max(120) }),
      query: ScriptQuerySchema,
    },
    async ({ params, query, principal }) =>
      toWire(await mapped(() => responder().orderScript(params.id, { template: query.template, ...(query.lang ? { lang: query.lang } : {}), vars: scriptVars(query) }, actorOf(principal)))),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/orders/:id/pause',
      summary: 'Take an order over (人工暂停): its incidents stop notifying, escalating and messaging the customer until resumed or `until`',
      tag: 'incidents',
      access: 'any-user',
      params: z.object({ id: z.string().min(3).max(120) }),
      body: z.object({ reason: z.string().trim().min(1, 'say why you take over').max(2000), until: time.optional() }).strict(),
    },
    async ({ params, body, principal }) => {
      await mapped(() => responder().pauseOrder(params.id, actorOf(principal), body.reason, body.until ? parseInstant(body.until) : undefined, deps.clock.now()));
      return { paused: params.id };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/orders/:id/resume',
      summary: 'Hand a taken-over order back to automation',
      tag: 'incidents',
      access: 'any-user',
      params: z.object({ id: z.string().min(3).max(120) }),
    },
    async ({ params, principal }) => {
      await mapped(() => responder().resumeOrder(params.id, actorOf(principal), deps.clock.now()));
      return { resumed: params.id };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/outbox',
      summary: 'Notifications decided: pending, sent, merged into digests, or dead letters (state=dead)',
      tag: 'notifications',
      access: ['supervisor', 'ops_manager', 'executive', 'admin'],
      query: z.object({ state: z.enum(['pending', 'sent', 'merged', 'dead']).optional(), incidentId: z.string().max(80).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict(),
    },
    async ({ query }) =>
      toWire({ entries: await deps.response.outbox({ limit: query.limit, ...(query.state ? { state: query.state } : {}), ...(query.incidentId ? { incidentId: query.incidentId } : {}) }) }),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/outbox/:id/retry',
      summary: 'Put a dead letter back in the queue',
      tag: 'notifications',
      access: ['admin'],
      params: z.object({ id: z.string().min(1).max(400) }),
    },
    async ({ params }) => {
      if (!(await deps.response.retryDead(params.id, deps.clock.now()))) throw new HttpError(404, `no dead letter ${params.id}`);
      return { retried: params.id };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/tickets',
      summary: 'The in-app ticket pool (工单池)',
      tag: 'notifications',
      access: 'any-user',
      query: z.object({ state: z.enum(['open', 'claimed', 'done']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict(),
    },
    async ({ query }) => toWire({ tickets: await deps.response.tickets({ limit: query.limit, ...(query.state ? { state: query.state } : {}) }) }),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/tickets/:id',
      summary: 'Claim a ticket or mark it done',
      tag: 'notifications',
      access: 'any-user',
      params: z.object({ id: z.string().min(1).max(400) }),
      body: z.object({ state: z.enum(['open', 'claimed', 'done']) }).strict(),
    },
    async ({ params, body, principal }) => {
      if (!(await deps.response.updateTicket(params.id, body.state, body.state === 'open' ? undefined : principal!.name))) throw new HttpError(404, `no ticket ${params.id}`);
      return { id: params.id, state: body.state };
    },
  );

  routes.add(
    { method: 'GET', url: '/api/v1/receivers', summary: 'The configured receivers, without their secrets', tag: 'notifications', access: ['supervisor', 'ops_manager', 'executive', 'admin'] },
    async () => ({ receivers: responder().receivers() }),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/receivers/:name/test',
      summary: 'Queue a test message to a receiver',
      tag: 'notifications',
      access: ['admin'],
      params: z.object({ name: z.string().min(1).max(100) }),
    },
    async ({ params, principal }) => mapped(() => responder().testReceiver(params.name, actorOf(principal), deps.clock.now())),
  );
}
