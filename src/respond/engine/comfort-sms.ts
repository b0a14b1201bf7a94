import { FINDING_LABELS } from '../../domain/finding-labels.js';
import type { Incident, IncidentLogEntry, OutboxEntry } from '../../domain/incident.js';
import type { StoredOrder } from '../../domain/order.js';
import { formatShanghai, type Instant } from '../../domain/time.js';
import { deferUntil, renderTemplate, TemplateError, type ResponsePolicy } from '../index.js';

/** ComfortSms is the outbox entry to send with its audit line, or only the audit line saying why none goes. */
export type ComfortSms = { entry: OutboxEntry; logAction: string; detail: Partial<IncidentLogEntry> } | { logAction: string; detail: Partial<IncidentLogEntry> };

/**
 * comfortSms is the automatic customer message of a graded order incident
 * (the playbook's `sms` step): its template rendered with the order, to the
 * order's own mobile, through the first SMS receiver without fixed staff
 * numbers. Masked or virtual numbers cannot be texted; then, as when no
 * such receiver or template exists, the reason goes to the audit trail.
 */
export function comfortSms(policy: ResponsePolicy, inc: Incident, order: StoredOrder | undefined, now: Instant): ComfortSms {
  const skip = (why: string) => ({ logAction: 'customer_message_skipped', detail: { reason: why } });
  const receiver = (policy.receivers as readonly { name: string; type: string; phoneNumbers?: readonly string[] }[]).find((r) => r.type === 'sms' && !r.phoneNumbers?.length);
  if (!receiver) return skip('没有面向客户的短信接收方 / no sms receiver for customers in the policy');
  const step = inc.checklist.find((c) => c.kind === 'sms' && c.template);
  const template = step?.template && Object.hasOwn(policy.templates, step.template) ? policy.templates[step.template] : undefined;
  if (!template) return skip('预案没有短信模板 / the playbook has no SMS template');
  const phone = order?.receiver.phone;
  if (!order || !phone || phone.kind !== 'mobile' || !phone.number) return skip('订单没有可发短信的完整手机号 / no full mobile number to text');
  const vars: Record<string, string> = {
    customer: order.receiver.name ?? '顾客',
    agent: '客服',
    product: order.items[0]?.title ?? order.items[0]?.sku ?? '商品',
    reason: FINDING_LABELS[inc.codes[0] ?? 'stage.stalled'].zh,
    // The new date promised: two days past the later of now and the broken promise (people can edit it in the console).
    newDate: formatShanghai(Math.max(order.promisedShipBy ?? now, now) + 2 * 86_400_000).slice(0, 10),
  };
  // The playbook's template may name what only a person decides (the
  // compensation of grade A's `delay`): the automatic message then says what
  // is known, with the short `comfort` template, and the fuller one goes
  // when someone grants the compensation.
  let text: string | undefined;
  let used = step!.template!;
  let missing: readonly string[] = [];
  for (const [name, candidate] of [[used, template], ['comfort', Object.hasOwn(policy.templates, 'comfort') ? policy.templates['comfort'] : undefined]] as const) {
    if (!candidate) continue;
    try {
      text = renderTemplate(candidate, vars, 'sms', 'zh').text;
      used = name;
      break;
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      if (missing.length === 0) missing = error.missing;
    }
  }
  if (text === undefined) return skip(`模板缺少变量 ${missing.join('、')} / template needs ${missing.join(', ')}`);
  const message = { title: `客户安抚短信 ${order.channelOrderId}`, body: text, severity: 'info' as const, sms: { phoneNumbers: [phone.number], templateParam: vars } };
  return {
    entry: { id: `${inc.id}|${receiver.name}|customer-comfort`, incidentId: inc.id, receiver: receiver.name, kind: 'customer', createdAt: now, dueAt: deferUntil(policy, { level: 1, grade: 'D', at: now }), attempts: 0, state: 'pending', message },
    logAction: 'customer_message',
    detail: { detail: { template: used, receiver: receiver.name, orderId: order.id, automatic: true } },
  };
}
