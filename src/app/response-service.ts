import type { Settings } from '../config/settings.js';
import { deliveryProblem } from '../domain/delivery-problem.js';
import type { Bilingual } from '../domain/finding.js';
import { CustomerScripts, type ScriptRequest, type ScriptResponse } from './customer-scripts.js';
import { CHANNELS } from '../domain/channel.js';
import type { Incident, IncidentLogEntry, IncidentMember, OutboxEntry } from '../domain/incident.js';
import { ActionError, type ActionRequest, type Actor, type BulkResult } from '../domain/incident-action.js';
import { messageToJson } from '../domain/notification-json.js';
import type { NotificationMessage } from '../domain/notification.js';
import type { OrderId, StoredOrder } from '../domain/order.js';
import { formatShanghai, type Instant } from '../domain/time.js';
import type { ReceiverConfig } from '../notify/index.js';
import type { Pipeline } from '../pipeline/build-pipeline.js';
import type { IncidentActions } from '../respond/engine/index.js';
import {
  approvalRefusal,
  compensationTotals,
  policyOf,
  summariseIncident,
  type CompensationTotals,
  type IncidentSummary,
  type Medium,
  type RenderedMessage,
  type ResponsePolicy,
} from '../respond/index.js';
import type { IncidentFilter, QueueTab } from '../store/response-store.js';
import type { Store } from '../store/store.js';
import { incidentPenalty, type IncidentPenalty } from '../respond/penalty/index.js';

/** TemplateRequest asks for a customer template rendered with an incident's order. */
export interface TemplateRequest {
  readonly template: string;
  readonly medium: Medium | 'wecom';
  readonly lang?: 'zh' | 'en';
  readonly orderId?: OrderId;
  /** Values that replace or complete the ones taken from the order (newDate, compensation …). */
  readonly vars?: Readonly<Record<string, string>>;
}

/** ResponseServiceOptions compose the response side of the app: the store, the settings in effect and the pipeline whose engine acts. */
export interface ResponseServiceOptions {
  readonly store: Store;
  readonly settings: () => Settings;
  readonly pipeline: Pipeline;
}

/**
 * ResponseService is the response use case as the doors (server, CLI) see
 * it: incidents and what people do to them, customer templates, order
 * take-over, receivers — over the policy in effect (read through
 * `settings()`, so a reload applies to the next action). What automation
 * does (grouping, grading, escalation, delivery) is the pipeline's
 * background work, not this service's.
 */
export class ResponseService {
  readonly actions: IncidentActions;
  private readonly store: Store;
  private readonly scripts: CustomerScripts;

  constructor(private readonly options: ResponseServiceOptions) {
    this.store = options.store;
    this.actions = options.pipeline.actions;
    this.scripts = new CustomerScripts(options.store, options.settings);
  }

  private get policy(): ResponsePolicy {
    return policyOf(this.options.settings());
  }

  act(incidentId: string, actor: Actor, request: ActionRequest, now: Instant): Promise<Incident> {
    return this.actions.act(incidentId, actor, request, now);
  }

  /** actMany applies one action to several incidents (bulk assign, acknowledge, close); each succeeds or fails on its own, with the reason in words. */
  async actMany(ids: readonly string[], actor: Actor, request: ActionRequest, now: Instant): Promise<BulkResult[]> {
    const out: BulkResult[] = [];
    for (const id of [...new Set(ids)]) {
      try {
        const after = await this.actions.act(id, actor, request, now);
        out.push({ id, ok: true, state: after.state });
      } catch (error) {
        if (!(error instanceof ActionError)) throw error;
        out.push({ id, ok: false, code: error.code, message: error.bilingual, error: error.message });
      }
    }
    return out;
  }

  pauseOrder(orderId: OrderId, actor: Actor, reason: string, until: Instant | undefined, now: Instant): Promise<void> {
    return this.actions.pauseOrder(orderId, actor, reason, until, now);
  }

  resumeOrder(orderId: OrderId, actor: Actor, now: Instant): Promise<void> {
    return this.actions.resumeOrder(orderId, actor, now);
  }

  /** responsePolicy is the response policy in effect (read at each call: a reload applies at once). */
  responsePolicy(): ResponsePolicy {
    return this.policy;
  }

  /** queue is one page of the incident queue for a person: lean rows with what they may do, the total and every tab's count under the same filters. */
  async queue(filter: IncidentFilter, actor: Actor, now: Instant): Promise<{ total: number; items: IncidentSummary[]; tabs: Record<QueueTab, number>; full?: Incident[] }> {
    const policy = this.policy;
    const scoped: IncidentFilter = { ...filter, now, me: { name: actor.name, role: actor.role }, searchChannels: CHANNELS };
    // The tab counts already hold the total under these filters: no second count.
    const [page, tabs] = await Promise.all([this.store.response.incidents({ ...scoped, withTotal: false }), this.store.response.incidentTabCounts(scoped)]);
    return { total: tabs[filter.tab ?? 'all'], items: page.items.map((i) => summariseIncident(i, actor, policy, now)), tabs, full: page.items };
  }

  /**
   * incidentDetail is an incident with what the actor may do now (by role and
   * ownership), its owners, its compensation requests with their totals, a
   * page of the orders it covers (as summaries, searchable), the audit trail
   * and its messages.
   */
  async incidentDetail(id: string, actor: Actor, now: Instant, orders: OrderPage = {}): Promise<IncidentDetail | undefined> {
    const incident = await this.store.response.getIncident(id);
    if (!incident) return undefined;
    const policy = this.policy;
    const [page, log, outbox] = await Promise.all([this.incidentOrders(incident, orders), this.store.response.incidentLog(id), this.store.response.outbox({ incidentId: id })]);
    const summary = summariseIncident(incident, actor, policy, now);
    return {
      incident,
      owners: summary.owners,
      deadlineAt: summary.deadlineAt,
      breached: summary.breached,
      allowedActions: summary.allowedActions,
      compensation: {
        requests: incident.compensations.map((c) => ({ ...c, mayDecide: approvalRefusal(policy, c, actor) === undefined })),
        totals: compensationTotals(incident.compensations),
      },
      orders: page,
      members: page.members,
      log,
      // A message that did not go says why in words (the sender's English line stays as lastError).
      outbox: outbox.map((e) => (e.lastError !== undefined ? { ...e, problem: deliveryProblem(e.lastError, e.state) } : e)),
      // Money at stake over the incident's orders (the first 500: a big batch's sum is a lower bound, counted in `orders`).
      penalty: incidentPenalty([...(await this.store.getOrders(incident.orderIds.slice(0, 500))).values()], now, this.options.settings().grading.penalty),
    };
  }

  /** incidentOrders is a page of the orders an incident covers, oldest member first; `q` keeps those whose id, receiver, product or tracking number contains it. */
  async incidentOrders(incident: Incident, options: OrderPage): Promise<{ total: number; limit: number; offset: number; items: IncidentOrderSummary[]; members: IncidentMember[] }> {
    const limit = Math.min(Math.max(1, options.limit ?? 20), 200);
    const offset = Math.max(0, options.offset ?? 0);
    const q = options.q?.trim().toLowerCase();
    if (!q) {
      const pageIds = await this.store.response.incidentOrderIds(incident.id, { limit, offset });
      const orders = await this.store.getOrders(pageIds);
      const wanted = new Set(pageIds);
      const members = await this.store.response.incidentMembersOfOrders(incident.id, pageIds);
      return { total: incident.orderCount, limit, offset, items: pageIds.map((oid) => orderSummary(oid, orders.get(oid), members)), members: members.filter((m) => wanted.has(m.orderId)) };
    }
    // Searching reads the incident's orders in slices of 500: a batch of thousands is searched without holding it all.
    const matched: IncidentOrderSummary[] = [];
    const kept: IncidentMember[] = [];
    for (let from = 0; ; from += 500) {
      const members = await this.store.response.incidentMembers(incident.id, { activeOnly: true, limit: 500, offset: from });
      if (members.length === 0) break;
      const ids = [...new Set(members.map((m) => m.orderId))];
      const orders = await this.store.getOrders(ids);
      for (const oid of ids) {
        const summary = orderSummary(oid, orders.get(oid), members);
        if (orderMatches(summary, orders.get(oid), q)) {
          matched.push(summary);
          kept.push(...members.filter((m) => m.orderId === oid));
        }
      }
      if (members.length < 500) break;
    }
    const items = matched.slice(offset, offset + limit);
    return { total: matched.length, limit, offset, items, members: kept.filter((m) => items.some((i) => i.id === m.orderId)) };
  }

  /** incidentScript renders a customer template for an order of the incident (the one the user came from): placeholders for what nobody has yet, never an error for them. */
  async incidentScript(incidentId: string, request: ScriptRequest, actor: Actor): Promise<ScriptResponse> {
    const incident = await this.store.response.getIncident(incidentId);
    if (!incident) throw new ActionError(404, 'not_found', { zh: `没有事件 ${incidentId}`, en: `no incident ${incidentId}` });
    return this.scripts.incidentScript(incident, request, actor);
  }

  /** orderScript renders a customer template for an order (the order 360). */
  orderScript(orderId: OrderId, request: Omit<ScriptRequest, 'orderId'>, actor: Actor): Promise<ScriptResponse> {
    return this.scripts.orderScript(orderId, request, actor);
  }

  /** renderTemplate renders a customer template for one medium (the older POST …/template): placeholders and a `missing` list, never an error for a value nobody has. */
  async renderTemplate(incidentId: string, request: TemplateRequest, actor: Actor): Promise<RenderedMessage & { missing: readonly string[] }> {
    const s = await this.incidentScript(incidentId, { template: request.template, ...(request.orderId ? { orderId: request.orderId } : {}), ...(request.lang ? { lang: request.lang } : {}), ...(request.vars ? { vars: request.vars } : {}) }, actor);
    if (request.medium === 'phone') return { ...s.phone, missing: s.missing };
    if (request.medium === 'sms') return { medium: 'sms', text: s.sms.text, characters: s.chars, segments: s.smsSegments, missing: s.missing };
    return { medium: 'email', ...s.email, missing: s.missing };
  }

  /**
   * sendTemplate sends a customer message through the outbox: an SMS to the
   * order's mobile (an `sms` receiver), an e-mail, or a WeCom message (the
   * first receiver of the type unless one is named). Every value must be
   * filled in (a 400 names what is missing). It is a person's decision, so
   * it goes out even while automation is paused; the audit line is written
   * with the outbox entry in one step.
   */
  async sendTemplate(
    incidentId: string,
    request: TemplateRequest & { readonly receiver?: string },
    actor: Actor,
    now: Instant,
  ): Promise<{ outboxId: string; receiver: string; channel: string }> {
    if (!['agent', 'supervisor', 'ops_manager', 'executive', 'admin'].includes(actor.role)) throw new ActionError(403, 'forbidden', { zh: '您的角色不能联系客户', en: `the ${actor.role} role may not message customers` });
    if (request.medium === 'phone') throw new ActionError(400, 'bad_medium', { zh: '电话话术请直接查看，不能发送', en: 'a phone script is read, not sent: use sms, email or wecom' });
    const receivers = this.options.settings().receivers as readonly ReceiverConfig[];
    const receiver = request.receiver !== undefined ? receivers.find((r) => r.name === request.receiver) : receivers.find((r) => r.type === request.medium);
    if (!receiver) {
      throw new ActionError(400, 'unknown_receiver', {
        zh: request.receiver !== undefined ? `没有接收方"${request.receiver}"` : `未配置${request.medium === 'sms' ? '短信' : request.medium === 'email' ? '邮件' : '企业微信'}接收方`,
        en: request.receiver !== undefined ? `no receiver "${request.receiver}" in the policy file` : `no ${request.medium} receiver in the policy file`,
      });
    }
    if (receiver.type !== request.medium) {
      throw new ActionError(400, 'wrong_receiver', { zh: `接收方"${receiver.name}"是 ${receiver.type} 类型，不能按所选方式发送`, en: `receiver "${receiver.name}" is a ${receiver.type}, not a ${request.medium} receiver` });
    }
    const incident = await this.store.response.getIncident(incidentId);
    if (!incident) throw new ActionError(404, 'not_found', { zh: `没有事件 ${incidentId}`, en: `no incident ${incidentId}` });
    const { order } = await this.scripts.orderOfIncident(incident, request.orderId);
    const lang = request.lang ?? 'zh';
    const vars = await this.scripts.vars(incident, order, actor, lang, request.vars);
    let message: NotificationMessage;
    if (request.medium === 'sms') {
      const phone = order.receiver.phone;
      if (!phone || phone.kind !== 'mobile') {
        throw new ActionError(400, 'no_mobile', { zh: '该订单没有可发短信的完整手机号（脱敏/虚拟号请电话联系）', en: 'the order has no full mobile number to text (masked or virtual numbers: call instead)' });
      }
      // The customer's own name, not the masked one a role may see on screen.
      const full = { ...vars, ...(order.receiver.name ? { customer: order.receiver.name } : {}), ...(request.vars?.customer ? { customer: request.vars.customer } : {}) };
      const rendered = this.scripts.strict(request.template, full, 'sms', lang) as Extract<RenderedMessage, { medium: 'sms' }>;
      message = {
        title: `客户短信 ${order.channelOrderId}`,
        body: rendered.text,
        severity: 'info',
        sms: { phoneNumbers: [phone.number ?? phone.raw], templateParam: Object.fromEntries(Object.entries(full).filter((e): e is [string, string] => typeof e[1] === 'string')) },
      };
    } else if (request.medium === 'email') {
      const rendered = this.scripts.strict(request.template, vars, 'email', lang) as Extract<RenderedMessage, { medium: 'email' }>;
      message = { title: rendered.subject, body: rendered.text, severity: 'info' };
    } else {
      const rendered = this.scripts.strict(request.template, vars, 'sms', lang) as Extract<RenderedMessage, { medium: 'sms' }>;
      message = { title: `客户消息 ${order.channelOrderId}`, body: rendered.text, severity: 'info' };
    }
    const id = `${incident.id}|${receiver.name}|customer-${now}`;
    await this.store.response.changeIncident(incident.id, (cur) => ({
      incident: { ...cur, updatedAt: now },
      log: [{ incidentId: cur.id, at: now, actor: actor.name, action: 'customer_message', detail: { template: request.template, medium: request.medium, receiver: receiver.name, orderId: order.id } }],
      outbox: [{ id, incidentId: cur.id, receiver: receiver.name, kind: 'customer', createdAt: now, dueAt: now, attempts: 0, state: 'pending', message: messageToJson(message) }],
    }));
    return { outboxId: id, receiver: receiver.name, channel: request.medium };
  }

  /** testReceiver queues a test message to a receiver (the console's "send test message" button). */
  async testReceiver(name: string, actor: Actor, now: Instant): Promise<{ outboxId: string }> {
    const receiver = (this.options.settings().receivers as readonly ReceiverConfig[]).find((r) => r.name === name);
    if (!receiver) throw new ActionError(404, 'unknown_receiver', { zh: `没有接收方"${name}"`, en: `no receiver "${name}" in the policy file` });
    const id = `test|${name}|${now}`;
    const message: NotificationMessage = {
      title: '【测试】orderwatch 通知测试',
      body: `这是一条来自 orderwatch 的测试消息。\n- 接收方：${name}（${receiver.type}）\n- 发送人：${actor.name}\n- 时间：${formatShanghai(now)}`,
      severity: 'info',
      ...(receiver.type === 'sms' && receiver.phoneNumbers?.length ? { sms: { phoneNumbers: receiver.phoneNumbers, templateParam: { name: actor.name } } } : {}),
    };
    await this.store.response.enqueue([{ id, receiver: name, kind: 'test', createdAt: now, dueAt: now, attempts: 0, state: 'pending', message: messageToJson(message) }]);
    return { outboxId: id };
  }

  /** receivers lists the configured receivers without their secrets (for the admin page). */
  receivers(): Array<{ name: string; type: string; target: string }> {
    return (this.options.settings().receivers as readonly ReceiverConfig[]).map((r) => ({ name: r.name, type: r.type, target: redactedTarget(r) }));
  }
}

/** OrderPage asks for a page of an incident's orders. */
export interface OrderPage {
  readonly limit?: number;
  readonly offset?: number;
  readonly q?: string;
}

/** IncidentOrderSummary is one order of an incident as the incident page lists it (the server masks it for the reader's role). */
export interface IncidentOrderSummary {
  readonly id: OrderId;
  readonly channelOrderId?: string;
  readonly receiver?: { readonly name?: string; readonly phone?: string; readonly city?: string };
  readonly product?: string;
  readonly itemCount?: number;
  readonly paidFen?: number;
  readonly stage?: string;
  readonly promisedShipBy?: Instant;
  readonly warehouse?: string;
  readonly carrier?: string;
  readonly trackingNo?: string;
  readonly codes: readonly string[];
  /** False when the order is not in the store (removed since): the id is all there is. */
  readonly known: boolean;
}

/** IncidentDetail is what GET /api/v1/incidents/:id returns (before masking and wire conversion). */
export interface IncidentDetail {
  readonly incident: Incident;
  readonly owners: readonly string[];
  readonly deadlineAt: Instant | undefined;
  readonly breached: boolean;
  readonly allowedActions: readonly string[];
  readonly compensation: { readonly requests: ReadonlyArray<Incident['compensations'][number] & { readonly mayDecide: boolean }>; readonly totals: CompensationTotals };
  readonly orders: { readonly total: number; readonly limit: number; readonly offset: number; readonly items: readonly IncidentOrderSummary[] };
  readonly members: readonly IncidentMember[];
  readonly log: readonly IncidentLogEntry[];
  /** The incident's messages; one that failed carries `problem`, why in words. */
  readonly outbox: ReadonlyArray<OutboxEntry & { readonly problem?: Bilingual }>;
  /** The platforms' late-shipment compensation the incident's orders cost or risk. */
  readonly penalty: IncidentPenalty;
}

function orderSummary(id: OrderId, order: StoredOrder | undefined, members: readonly IncidentMember[]): IncidentOrderSummary {
  const codes = [...new Set(members.filter((m) => m.orderId === id).map((m) => m.code))];
  if (!order) return { id, codes, known: false };
  const first = order.items[0];
  const shipment = order.shipments.at(-1);
  const phone = order.receiver.phone;
  return {
    id,
    channelOrderId: order.channelOrderId,
    receiver: {
      ...(order.receiver.name ? { name: order.receiver.name } : {}),
      ...(phone ? { phone: phone.raw } : {}),
      ...(order.receiver.city ? { city: order.receiver.city } : {}),
    },
    ...(first ? { product: first.title ?? first.sku } : {}),
    itemCount: order.items.reduce((n, i) => n + i.quantity, 0),
    paidFen: order.paidFen,
    stage: order.stage,
    ...(order.promisedShipBy !== undefined ? { promisedShipBy: order.promisedShipBy } : {}),
    ...(order.warehouse ? { warehouse: order.warehouse } : {}),
    ...(shipment?.carrier ? { carrier: shipment.carrier } : {}),
    ...(shipment ? { trackingNo: shipment.trackingNo } : {}),
    codes,
    known: true,
  };
}

// A search inside an incident: order number, receiver name, phone's last digits, product or SKU, tracking number.
function orderMatches(summary: IncidentOrderSummary, order: StoredOrder | undefined, q: string): boolean {
  const texts = [summary.id, summary.channelOrderId, summary.receiver?.name, summary.product, summary.trackingNo, order?.receiver.phone?.last4, ...(order?.items.map((i) => i.sku) ?? [])];
  return texts.some((t) => t !== undefined && t.toLowerCase().includes(q));
}

/** redactedTarget shows where a receiver sends without the key in its URL. */
function redactedTarget(r: ReceiverConfig): string {
  switch (r.type) {
    case 'email':
      return `${r.smtp.host}:${r.smtp.port} → ${r.to.join(', ')}`;
    case 'ticket':
      return '工单池 / ticket pool';
    case 'sms':
      return `aliyun ${r.signName} ${r.templateCode}`;
    default: {
      try {
        const u = new URL(r.url);
        for (const k of ['key', 'access_token']) if (u.searchParams.has(k)) u.searchParams.set(k, '***');
        return u.toString().replace(/\/hook\/[^/?]+/, '/hook/***');
      } catch {
        return '(bad url)';
      }
    }
  }
}
