import type { Settings } from '../config/settings.js';
import { FINDING_LABELS } from '../domain/finding-labels.js';
import type { FindingCode } from '../domain/finding.js';
import { isActiveState, type Incident } from '../domain/incident.js';
import { ActionError, type Actor } from '../domain/incident-action.js';
import { maskerFor } from '../domain/masking.js';
import { formatYuan } from '../domain/money.js';
import type { OrderId, StoredOrder } from '../domain/order.js';
import type { ReceiverConfig } from '../notify/index.js';
import { PLACEHOLDERS, policyOf, renderScript, renderTemplate, TemplateError, type CustomerScript, type CustomerTemplate, type Lang, type Medium, type RenderedMessage, type TemplateVariable, type TemplateVars } from '../respond/index.js';
import type { Store } from '../store/store.js';

/** SEND_CHANNELS are how a customer message can go out: an SMS to the order's mobile, an e-mail, a WeCom message. */
export const SEND_CHANNELS = ['sms', 'email', 'wecom'] as const;
export type SendChannel = (typeof SEND_CHANNELS)[number];

/** ScriptRequest asks for a template rendered for one order. */
export interface ScriptRequest {
  readonly template: string;
  readonly orderId?: OrderId;
  readonly lang?: Lang;
  /** Values the agent fills in (newDate, compensation …): they replace what the order gives. */
  readonly vars?: Readonly<Record<string, string>>;
}

/** ChannelOption says whether a script can be sent by a channel now, through which receivers, and if not, why. */
export interface ChannelOption {
  readonly channel: SendChannel;
  readonly available: boolean;
  readonly receivers: readonly string[];
  readonly why?: { readonly zh: string; readonly en: string };
}

/** ScriptResponse is a rendered script for an order, the order and incident it was rendered for, and how it can be sent. */
export interface ScriptResponse extends CustomerScript {
  readonly orderId: OrderId;
  readonly incidentId?: string;
  /** `given`: the order the user came from; `first`: none was named, the incident's first order. */
  readonly orderChosen: 'given' | 'first';
  readonly channels: readonly SendChannel[];
  readonly sendBy: readonly ChannelOption[];
  readonly templates: readonly string[];
}

const KIND_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  coupon: { zh: '优惠券', en: 'a coupon of' },
  gift: { zh: '赠品', en: 'a gift worth' },
  shipping_refund: { zh: '运费退款', en: 'a shipping refund of' },
  refund: { zh: '退款', en: 'a refund of' },
};

const CONTACT_ROLES = ['agent', 'supervisor', 'ops_manager', 'executive', 'admin'];

/**
 * CustomerScripts renders customer templates for the order a person is
 * looking at (from an incident or the order 360) and sends them through the
 * outbox. Rendering never fails on a value nobody has yet (a placeholder
 * shows it); sending does, naming what is missing, so no customer receives
 * 【补偿金额】.
 */
export class CustomerScripts {
  constructor(
    private readonly store: Store,
    private readonly settings: () => Settings,
  ) {}

  private templateOf(name: string): CustomerTemplate {
    const templates = policyOf(this.settings()).templates;
    const template = Object.hasOwn(templates, name) ? templates[name] : undefined;
    if (!template) throw new ActionError(400, 'unknown_template', { zh: `没有模板"${name}"（可选：${Object.keys(templates).join('、')}）`, en: `no template "${name}" (known: ${Object.keys(templates).join(', ')})` });
    return template;
  }

  private receivers(): readonly ReceiverConfig[] {
    return this.settings().receivers as readonly ReceiverConfig[];
  }

  /** orderOfIncident is the order a script is for: the one named (it must be among the incident's orders, not only its sample), else the first. */
  async orderOfIncident(incident: Incident, orderId: OrderId | undefined): Promise<{ order: StoredOrder; chosen: 'given' | 'first' }> {
    const id = orderId ?? incident.orderIds[0];
    if (id === undefined) throw new ActionError(400, 'bad_order', { zh: '该事件没有订单', en: `incident ${incident.id} covers no order` });
    if (orderId !== undefined && !incident.orderIds.includes(orderId) && !(await this.store.response.incidentsOfOrder(orderId)).some((i) => i.id === incident.id)) {
      throw new ActionError(400, 'bad_order', { zh: `订单 ${orderId} 不属于事件 ${incident.id}`, en: `order ${orderId} is not covered by incident ${incident.id}` });
    }
    const order = await this.store.getOrder(id);
    if (!order) throw new ActionError(404, 'not_found', { zh: `没有订单 ${id}`, en: `no order ${id}` });
    return { order, chosen: orderId === undefined ? 'first' : 'given' };
  }

  /** vars are the values a template takes from the order, its incident and the person (as their role may see the customer). */
  async vars(incident: Incident | undefined, order: StoredOrder, actor: Actor, lang: Lang, extra: Readonly<Record<string, string>> | undefined): Promise<TemplateVars> {
    const masker = maskerFor(actor.role);
    const name = order.receiver.name ?? order.customer.nick;
    const user = await this.store.getUser(actor.name);
    let code: FindingCode | undefined = incident?.codes[0];
    if (incident) {
      const members = await this.store.response.incidentMembers(incident.id, { activeOnly: false, limit: 2000 });
      code = members.find((m) => m.orderId === order.id)?.code ?? code;
    }
    const granted = incident?.compensations.filter((c) => (c.state === 'granted' || c.state === 'approved') && (c.orderId === undefined || c.orderId === order.id)).at(-1);
    const words = granted ? KIND_WORDS[granted.kind] : undefined;
    const item = order.items[0];
    return {
      ...(name ? { customer: masker.name(name) } : {}),
      agent: user?.displayName ?? actor.name,
      ...(item ? { product: item.title ?? item.sku } : {}),
      ...(code ? { reason: FINDING_LABELS[code][lang] } : {}),
      ...(granted && words ? { compensation: lang === 'zh' ? `${words.zh} ${formatYuan(granted.amountFen)} 元` : `${words.en} ¥${formatYuan(granted.amountFen)}` } : {}),
      ...Object.fromEntries(Object.entries(extra ?? {}).filter(([, v]) => v.trim() !== '')),
    };
  }

  private sendBy(order: StoredOrder, actor: Actor): ChannelOption[] {
    const mayContact = CONTACT_ROLES.includes(actor.role);
    const of = (type: string) => this.receivers().filter((r) => r.type === type).map((r) => r.name);
    const option = (channel: SendChannel, receivers: string[], blocked?: { zh: string; en: string }): ChannelOption => {
      const why = !mayContact ? { zh: '您的角色不能联系客户', en: `the ${actor.role} role may not message customers` } : receivers.length === 0 ? { zh: `未配置${channel === 'sms' ? '短信' : channel === 'email' ? '邮件' : '企业微信'}接收方`, en: `no ${channel} receiver in the policy file` } : blocked;
      return { channel, available: why === undefined, receivers, ...(why ? { why } : {}) };
    };
    const phone = order.receiver.phone;
    return [
      option('sms', of('sms'), phone?.kind === 'mobile' ? undefined : { zh: '该订单没有可发短信的完整手机号（脱敏/虚拟号请电话联系）', en: 'the order has no full mobile number to text (masked or virtual numbers: call instead)' }),
      option('email', of('email')),
      option('wecom', of('wecom')),
    ];
  }

  private respond(name: string, template: CustomerTemplate, vars: TemplateVars, lang: Lang, order: StoredOrder, actor: Actor, extra: { incidentId?: string; chosen: 'given' | 'first' }): ScriptResponse {
    const sms = this.receivers().find((r): r is Extract<ReceiverConfig, { type: 'sms' }> => r.type === 'sms');
    const script = renderScript(name, template, vars, lang, sms?.signName);
    const sendBy = this.sendBy(order, actor);
    return {
      ...script,
      orderId: order.id,
      ...(extra.incidentId ? { incidentId: extra.incidentId } : {}),
      orderChosen: extra.chosen,
      channels: sendBy.filter((c) => c.available).map((c) => c.channel),
      sendBy,
      templates: Object.keys(policyOf(this.settings()).templates),
    };
  }

  /** incidentScript renders a template for an order of an incident (the one the user came from, else the first). */
  async incidentScript(incident: Incident, request: ScriptRequest, actor: Actor): Promise<ScriptResponse> {
    const template = this.templateOf(request.template);
    const lang = request.lang ?? 'zh';
    const { order, chosen } = await this.orderOfIncident(incident, request.orderId);
    const vars = await this.vars(incident, order, actor, lang, request.vars);
    return this.respond(request.template, template, vars, lang, order, actor, { incidentId: incident.id, chosen });
  }

  /** orderScript renders a template for an order from the order 360: its newest active incident gives the reason and compensation. */
  async orderScript(orderId: OrderId, request: Omit<ScriptRequest, 'orderId'>, actor: Actor): Promise<ScriptResponse> {
    const template = this.templateOf(request.template);
    const lang = request.lang ?? 'zh';
    const order = await this.store.getOrder(orderId);
    if (!order) throw new ActionError(404, 'not_found', { zh: `没有订单 ${orderId}`, en: `no order ${orderId}` });
    const incidents = await this.store.response.incidentsOfOrder(orderId);
    const incident = incidents.find((i) => isActiveState(i.state)) ?? incidents[0];
    const vars = await this.vars(incident, order, actor, lang, request.vars);
    return this.respond(request.template, template, vars, lang, order, actor, { ...(incident ? { incidentId: incident.id } : {}), chosen: 'given' });
  }

  /** strict renders for sending: every value must be there, or a 400 names the missing ones in words. */
  strict(name: string, vars: TemplateVars, medium: Medium, lang: Lang): RenderedMessage {
    try {
      return renderTemplate(this.templateOf(name), vars, medium, lang);
    } catch (error) {
      if (error instanceof TemplateError) {
        const zh = error.missing.map((m) => (Object.hasOwn(PLACEHOLDERS.zh, m) ? PLACEHOLDERS.zh[m as TemplateVariable].replace(/[【】]/g, '') : m));
        throw new ActionError(400, 'missing_variables', { zh: `发送前请填写：${zh.join('、')}`, en: `fill in before sending: ${error.missing.join(', ')} (pass them in vars)` });
      }
      throw error;
    }
  }
}
