import type { OutboxEntry } from '../../domain/incident.js';
import type { Instant } from '../../domain/time.js';
import { deferUntil } from '../on-call.js';
import type { Decision } from './decision.js';

/**
 * The engine's muters, after Alertmanager's notify pipeline, where
 * inhibition and silences are both "muters" in front of the integrations.
 * Two kinds:
 * - automation muters hold the whole incident: no step runs (no
 *   notification, escalation or reminder) until the returned time, or until
 *   something changes it (a resume);
 * - message muters let the steps happen but keep a message back (silence)
 *   or push its delivery later (defer).
 * New behaviour of this kind is a new muter in these lists, not a special
 * case inside a stage.
 */

/** Hold is an automation muter's verdict: why automation waits, and until when (undefined: until someone acts). */
export interface Hold {
  /** The audit line to write, if any (a take-over is already in the trail: it writes none). */
  readonly action?: string;
  readonly reason?: string;
  readonly until?: Instant;
}

/** AutomationMuter may hold a whole incident. It may also update the decision (a take-over that expired is ended). */
export interface AutomationMuter {
  readonly name: string;
  check(d: Decision): Hold | undefined;
}

/** MessageVerdict: keep a message back (with the audit reason), or send it later. */
export type MessageVerdict = { readonly silence: string; readonly action: string; readonly detail?: Readonly<Record<string, unknown>> } | { readonly deferTo: Instant };

/** MessageMuter looks at one message an incident is about to send. */
export interface MessageMuter {
  readonly name: string;
  check(d: Decision, entry: OutboxEntry): MessageVerdict | undefined;
}

/** takeOver: a person took the incident over (人工暂停); automation waits for the resume, or the pause's end, which it records. */
const takeOver: AutomationMuter = {
  name: 'take-over',
  check(d) {
    const pause = d.incident.pause;
    if (!pause) return undefined;
    if (pause.until !== undefined && pause.until <= d.now) {
      d.note('resume', { reason: `暂停到期（${pause.by}：${pause.reason}）/ pause expired` });
      const { pause: _expired, ...rest } = d.incident;
      d.incident = rest;
      return undefined;
    }
    return pause.until !== undefined ? { until: pause.until } : {};
  },
};

/** ordersTakenOver: every order of the incident is taken over; automation waits until the first of their pauses ends. */
const ordersTakenOver: AutomationMuter = {
  name: 'orders-taken-over',
  check(d) {
    const orders = d.memberOrders();
    if (orders.length === 0 || !d.context.completeSample || !orders.every((id) => d.context.pausedOrders.has(id))) return undefined;
    const untils = orders.map((id) => d.context.pausedOrders.get(id)?.until);
    const until = untils.some((u) => u === undefined) ? undefined : Math.min(...(untils as number[]));
    return { action: 'held', reason: '订单已人工接管，自动通知暂停 / the orders are taken over: automation waits', ...(until !== undefined ? { until } : {}) };
  },
};

/** AUTOMATION_MUTERS run first, in order; the first that holds ends the decision. */
export const AUTOMATION_MUTERS: readonly AutomationMuter[] = [takeOver, ordersTakenOver];

/**
 * inhibition: an order's own incident stays quiet while a group incident
 * (stock-out, batch …) of the level that mutes its members covers the order:
 * one stock-out page, not 400 (SPEC C6).
 */
const inhibition: MessageMuter = {
  name: 'inhibition',
  check(d, entry) {
    if (d.incident.scope !== 'order' || entry.kind === 'customer') return undefined;
    const by = d.memberOrders().map((id) => d.context.inhibitedBy.get(id)).find((x) => x !== undefined);
    return by === undefined ? undefined : { silence: `订单已在上级事件 ${by} 中通知 / covered by incident ${by}`, action: 'inhibited', detail: { by, kind: entry.kind } };
  },
};

/** quietHours: a message that may not wake people waits for the end of the quiet hours (onCall.quietHours). */
const quietHours: MessageMuter = {
  name: 'quiet-hours',
  check(d, entry) {
    if (entry.kind === 'resolved' || entry.kind === 'customer') return undefined;
    const at = deferUntil(d.policy, { level: d.incident.level, grade: d.incident.grade, at: d.now });
    return at > d.now ? { deferTo: at } : undefined;
  },
};

/** MESSAGE_MUTERS look at every message, in order: a silence ends the look, a defer moves its due time. */
export const MESSAGE_MUTERS: readonly MessageMuter[] = [inhibition, quietHours];

/** deferForQuietHours applies the quiet hours alone, to messages sent outside a decision (a person's escalation, a group that grew). */
export function deferForQuietHours(policy: Decision['policy'], incident: Pick<Decision['incident'], 'level' | 'grade'>, entries: readonly OutboxEntry[], now: Instant): OutboxEntry[] {
  return entries.map((e) => (e.kind === 'resolved' || e.kind === 'customer' ? e : { ...e, dueAt: Math.max(e.dueAt, deferUntil(policy, { level: incident.level, grade: incident.grade, at: now })) }));
}

/** muteMessages passes a step's messages through the message muters, auditing what was kept back. */
export function muteMessages(d: Decision, entries: readonly OutboxEntry[]): OutboxEntry[] {
  const out: OutboxEntry[] = [];
  const silenced = new Map<string, { action: string; reason: string; detail?: Readonly<Record<string, unknown>> }>();
  for (let entry of entries) {
    let kept = true;
    for (const muter of MESSAGE_MUTERS) {
      const verdict = muter.check(d, entry);
      if (!verdict) continue;
      if ('silence' in verdict) {
        kept = false;
        silenced.set(verdict.action, { action: verdict.action, reason: verdict.silence, ...(verdict.detail ? { detail: verdict.detail } : {}) });
        break;
      }
      entry = { ...entry, dueAt: Math.max(entry.dueAt, verdict.deferTo) };
    }
    if (kept) out.push(entry);
  }
  for (const s of silenced.values()) d.note(s.action, { reason: s.reason, ...(s.detail ? { detail: s.detail } : {}) });
  return out;
}
