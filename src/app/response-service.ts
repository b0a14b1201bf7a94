import type { Settings } from '../config/settings.js';
import { FINDING_LABELS } from '../domain/finding-labels.js';
import type { Incident, IncidentLogEntry, OutboxEntry } from '../domain/incident.js';
import { ActionError, type ActionRequest, type Actor } from '../domain/incident-action.js';
import { formatYuan } from '../domain/money.js';
import { messageToJson } from '../domain/notification-json.js';
import type { NotificationMessage } from '../domain/notification.js';
import type { OrderId, StoredOrder } from '../domain/order.js';
import { formatShanghai, type Instant } from '../domain/time.js';
import type { ReceiverConfig } from '../notify/index.js';
import type { Pipeline } from '../pipeline/build-pipeline.js';
import type { IncidentActions } from '../respond/engine/index.js';
import { allowedActions, policyOf, renderTemplate, TemplateError, type Medium, type RenderedMessage, type ResponsePolicy, type TemplateVars } from '../respond/index.js';
import type { Store } from '../store/store.js';
import { incidentPenalty, type IncidentPenalty } from '../respond/penalty/index.js';

/** TemplateRequest asks for a customer template rendered with an incident's order. */
export interface TemplateRequest {
  readonly template: string;
  readonly medium: Medium;
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

  constructor(private readonly options: ResponseServiceOptions) {
    this.store = options.store;
    this.actions = options.pipeline.actions;
  }

  private get policy(): ResponsePolicy {
    return policyOf(this.options.settings());
  }

  act(incidentId: string, actor: Actor, request: ActionRequest, now: Instant): Promise<Incident> {
    return this.actions.act(incidentId, actor, request, now);
  }

  /** actMany applies one action to several incidents (bulk acknowledge); each succeeds or fails on its own. */
  async actMany(ids: readonly string[], actor: Actor, request: ActionRequest, now: Instant): Promise<Array<{ id: string; ok: boolean; error?: string }>> {
    const out: Array<{ id: string; ok: boolean; error?: string }> = [];
    for (const id of ids) {
      try {
        await this.actions.act(id, actor, request, now);
        out.push({ id, ok: true });
      } catch (error) {
        if (!(error instanceof ActionError)) throw error;
        out.push({ id, ok: false, error: error.message });
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

  /** incidentDetail is an incident with its members, audit trail, messages and what the actor may do now. */
  async incidentDetail(
    id: string,
    actor: Actor,
    now: Instant = this.options.pipeline.clock.now(),
  ): Promise<{ incident: Incident; members: unknown[]; log: IncidentLogEntry[]; outbox: OutboxEntry[]; allowedActions: readonly string[]; penalty: IncidentPenalty } | undefined> {
    const incident = await this.store.response.getIncident(id);
    if (!incident) return undefined;
    const [members, log, outbox] = await Promise.all([this.store.response.incidentMembers(id), this.store.response.incidentLog(id), this.store.response.outbox({ incidentId: id })]);
    // Money at stake over the incident's orders (the first 500: a big batch's sum is a lower bound, counted in `orders`).
    const orders = await this.store.getOrders(incident.orderIds.slice(0, 500));
    const penalty = incidentPenalty([...orders.values()], now, this.options.settings().grading.penalty);
    return { incident, members, log, outbox, allowedActions: allowedActions(incident, actor.role), penalty };
  }

  private async orderOf(incident: Incident, orderId: OrderId | undefined): Promise<StoredOrder> {
    const id = orderId ?? incident.orderIds[0];
    if (id === undefined || (orderId !== undefined && !incident.orderIds.includes(orderId))) {
      throw new ActionError(400, 'bad_order', { zh: '该订单不属于此事件', en: `order ${orderId ?? '(none)'} is not covered by incident ${incident.id}` });
    }
    const order = await this.store.getOrder(id);
    if (!order) throw new ActionError(404, 'not_found', { zh: `没有订单 ${id}`, en: `no order ${id}` });
    return order;
  }

  /** templateVars are the values a customer template takes from the order and the incident. */
  private templateVars(incident: Incident, order: StoredOrder, actor: Actor, extra: Readonly<Record<string, string>> | undefined): TemplateVars {
    const granted = incident.compensations.filter((c) => c.state === 'granted' || c.state === 'approved').at(-1);
    const promise = order.promisedShipBy;
    return {
      customer: order.receiver.name ?? order.customer.nick ?? '顾客',
      agent: actor.name,
      product: order.items[0]?.title ?? order.items[0]?.sku ?? '商品',
      reason: FINDING_LABELS[incident.codes[0] ?? 'stage.stalled'].zh,
      newDate: formatShanghai(Math.max(promise ?? Date.now(), Date.now()) + 2 * 86_400_000).slice(0, 10),
      ...(granted ? { compensation: `${granted.kind === 'coupon' ? '优惠券' : granted.kind === 'gift' ? '赠品' : granted.kind === 'shipping_refund' ? '运费退款' : '退款'} ${formatYuan(granted.amountFen)} 元` } : {}),
      ...extra,
    };
  }

  /** renderTemplate renders a customer template with the incident's order, for the agent to read or copy. */
  async renderTemplate(incidentId: string, request: TemplateRequest, actor: Actor): Promise<RenderedMessage> {
    const incident = await this.store.response.getIncident(incidentId);
    if (!incident) throw new ActionError(404, 'not_found', { zh: `没有事件 ${incidentId}`, en: `no incident ${incidentId}` });
    const template = Object.hasOwn(this.policy.templates, request.template) ? this.policy.templates[request.template] : undefined;
    if (!template) {
      throw new ActionError(400, 'unknown_template', { zh: `没有模板"${request.template}"`, en: `no template "${request.template}" (known: ${Object.keys(this.policy.templates).join(', ')})` });
    }
    const order = await this.orderOf(incident, request.orderId);
    try {
      return renderTemplate(template, this.templateVars(incident, order, actor, request.vars), request.medium, request.lang ?? 'zh');
    } catch (error) {
      if (error instanceof TemplateError) {
        throw new ActionError(400, 'missing_variables', { zh: `模板缺少变量：${error.missing.join('、')}`, en: `the template needs values for: ${error.missing.join(', ')} (pass them in vars)` });
      }
      throw error;
    }
  }

  /**
   * sendTemplate sends a customer message through a receiver: an SMS to the
   * order's phone (an `sms` receiver), or an e-mail to the address given.
   * It is a person's decision, so it goes out even while automation is
   * paused; it is written to the outbox with the audit line in one step.
   */
  async sendTemplate(
    incidentId: string,
    request: TemplateRequest & { readonly receiver: string },
    actor: Actor,
    now: Instant,
  ): Promise<{ outboxId: string }> {
    const receiver = (this.options.settings().receivers as readonly ReceiverConfig[]).find((r) => r.name === request.receiver);
    if (!receiver) throw new ActionError(400, 'unknown_receiver', { zh: `没有接收方"${request.receiver}"`, en: `no receiver "${request.receiver}" in the policy file` });
    if (!['agent', 'supervisor', 'ops_manager', 'executive', 'admin'].includes(actor.role)) throw new ActionError(403, 'forbidden', { zh: '无权联系客户', en: `the ${actor.role} role may not message customers` });
    const incident = await this.store.response.getIncident(incidentId);
    if (!incident) throw new ActionError(404, 'not_found', { zh: `没有事件 ${incidentId}`, en: `no incident ${incidentId}` });
    const order = await this.orderOf(incident, request.orderId);
    let message: NotificationMessage;
    if (request.medium === 'sms') {
      if (receiver.type !== 'sms') throw new ActionError(400, 'wrong_receiver', { zh: '短信须通过 sms 类型的接收方发送', en: `receiver "${receiver.name}" is a ${receiver.type}, not an sms receiver` });
      const phone = order.receiver.phone;
      if (!phone || phone.kind !== 'mobile') {
        throw new ActionError(400, 'no_mobile', { zh: '该订单没有可发短信的完整手机号（脱敏/虚拟号请电话联系）', en: 'the order has no full mobile number to text (masked or virtual numbers: call instead)' });
      }
      const rendered = (await this.renderTemplate(incidentId, { ...request, medium: 'sms' }, actor)) as Extract<RenderedMessage, { medium: 'sms' }>;
      const vars = this.templateVars(incident, order, actor, request.vars);
      message = {
        title: `客户短信 ${order.channelOrderId}`,
        body: rendered.text,
        severity: 'info',
        sms: { phoneNumbers: [phone.number ?? phone.raw], templateParam: Object.fromEntries(Object.entries(vars).filter((e): e is [string, string] => typeof e[1] === 'string')) },
      };
    } else if (request.medium === 'email') {
      if (receiver.type !== 'email') throw new ActionError(400, 'wrong_receiver', { zh: '邮件须通过 email 类型的接收方发送', en: `receiver "${receiver.name}" is a ${receiver.type}, not an email receiver` });
      const rendered = (await this.renderTemplate(incidentId, { ...request, medium: 'email' }, actor)) as Extract<RenderedMessage, { medium: 'email' }>;
      message = { title: rendered.subject, body: rendered.text, severity: 'info' };
    } else {
      throw new ActionError(400, 'bad_medium', { zh: '电话话术请直接查看，不能发送', en: 'a phone script is read, not sent: use sms or email' });
    }
    const id = `${incident.id}|${receiver.name}|customer-${now}`;
    await this.store.response.changeIncident(incident.id, (cur) => ({
      incident: { ...cur, updatedAt: now },
      log: [{ incidentId: cur.id, at: now, actor: actor.name, action: 'customer_message', detail: { template: request.template, medium: request.medium, receiver: receiver.name, orderId: order.id } }],
      outbox: [{ id, incidentId: cur.id, receiver: receiver.name, kind: 'customer', createdAt: now, dueAt: now, attempts: 0, state: 'pending', message: messageToJson(message) }],
    }));
    return { outboxId: id };
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
