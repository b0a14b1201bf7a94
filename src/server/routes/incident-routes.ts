import { z } from 'zod';
import { INCIDENT_STATES, type Incident } from '../../domain/incident.js';
import { ActionError, type ActionRequest, type Actor } from '../../domain/incident-action.js';
import { CHANNELS } from '../../domain/channel.js';
import { ROLES } from '../../domain/role.js';
import { parseInstant, type Clock, type Instant } from '../../domain/time.js';
import type { ResponseStore } from '../../store/response-store.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';
import { toWire } from '../wire.js';

/** Responder is the response use case the server calls (composed in src/app). */
export interface Responder {
  act(incidentId: string, actor: Actor, request: ActionRequest, now: Instant): Promise<Incident>;
  actMany(ids: readonly string[], actor: Actor, request: ActionRequest, now: Instant): Promise<Array<{ id: string; ok: boolean; error?: string }>>;
  incidentDetail(id: string, actor: Actor, now?: Instant): Promise<object | undefined>;
  pauseOrder(orderId: string, actor: Actor, reason: string, until: Instant | undefined, now: Instant): Promise<void>;
  resumeOrder(orderId: string, actor: Actor, now: Instant): Promise<void>;
  renderTemplate(incidentId: string, request: TemplateBody, actor: Actor): Promise<object>;
  sendTemplate(incidentId: string, request: TemplateBody & { receiver: string }, actor: Actor, now: Instant): Promise<{ outboxId: string }>;
  testReceiver(name: string, actor: Actor, now: Instant): Promise<{ outboxId: string }>;
  receivers(): Array<{ name: string; type: string; target: string }>;
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
      summary: 'The incident queue: filter by state, grade, level, owner role, assignee, channel or order',
      tag: 'incidents',
      access: 'any-user',
      query: z
        .object({
          state: list(z.enum(INCIDENT_STATES)),
          grade: list(z.enum(['A', 'B', 'C', 'D'])),
          level: list(z.coerce.number().int().min(1).max(3)),
          ownerRole: list(z.enum(ROLES)),
          assignee: z.string().max(100).optional(),
          orderId: z.string().max(120).optional(),
          channel: list(z.enum(CHANNELS)),
          from: time.optional(),
          to: time.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        })
        .strict(),
    },
    async ({ query }) => {
      const result = await deps.response.incidents({
        limit: query.limit,
        offset: query.offset,
        ...(query.state ? { states: query.state } : {}),
        ...(query.grade ? { grades: query.grade } : {}),
        ...(query.level ? { levels: query.level } : {}),
        ...(query.ownerRole ? { ownerRoles: query.ownerRole } : {}),
        ...(query.assignee ? { assignee: query.assignee } : {}),
        ...(query.orderId ? { orderId: query.orderId } : {}),
        ...(query.channel ? { channels: query.channel } : {}),
        ...(query.from ? { openedFrom: parseInstant(query.from)! } : {}),
        ...(query.to ? { openedTo: parseInstant(query.to)! } : {}),
      });
      return toWire({ total: result.total, now: deps.clock.now(), incidents: result.items });
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/incidents/:id',
      summary: 'One incident: members, audit trail, messages, and the actions you may take now',
      tag: 'incidents',
      access: 'any-user',
      params: z.object({ id: z.string().min(1).max(80) }),
    },
    async ({ params, principal }) => {
      const detail = await responder().incidentDetail(params.id, actorOf(principal), deps.clock.now());
      if (!detail) throw new HttpError(404, `no incident ${params.id}`);
      return toWire({ now: deps.clock.now(), ...detail });
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

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/incidents/bulk-actions',
      summary: 'Apply one action to several incidents (bulk acknowledge); each succeeds or fails on its own',
      tag: 'incidents',
      access: 'any-user',
      body: z.object({ ids: z.array(z.string().min(1).max(80)).min(1).max(500), action: ActionSchema }).strict(),
    },
    async ({ body, principal }) => ({ results: await mapped(() => responder().actMany(body.ids, actorOf(principal), toRequest(body.action), deps.clock.now())) }),
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
      summary: "Send a customer template through a receiver: SMS to the order's phone, or e-mail",
      tag: 'incidents',
      access: 'any-user',
      params: z.object({ id: z.string().min(1).max(80) }),
      body: TemplateSchema.extend({ receiver: z.string().min(1).max(100) }).strict(),
    },
    async ({ params, body, principal }) => mapped(() => responder().sendTemplate(params.id, body, actorOf(principal), deps.clock.now())),
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
