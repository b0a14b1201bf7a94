import type { BusinessCalendar } from '../../detect/calendar/index.js';
import type { Finding } from '../../domain/finding.js';
import { isActiveState, type Incident, type IncidentLogEntry, type IncidentMember, type OutboxEntry, type Pause } from '../../domain/incident.js';
import type { OrderId, StoredOrder } from '../../domain/order.js';
import type { Instant } from '../../domain/time.js';
import {
  checklistOf,
  customerTierOf,
  deferUntil,
  delayBusinessDays,
  gradeFinding,
  inhibitsMembers,
  nextEscalation,
  nextReminderAt,
  resolutionTarget,
  responseDeadline,
  routeReceivers,
  whoToWake,
  type GradeDecision,
  type ResponsePolicy,
} from '../../respond/index.js';
import type { StoredFinding } from '../../store/detection-store.js';
import type { IncidentChange } from '../../store/response-store.js';
import type { Store } from '../../store/store.js';
import { findingId, IncidentGrouping, loadOrders, SYSTEM, type FindingRef, type TickSummary } from './incident-grouping.js';
import { comfortSms } from './comfort-sms.js';
import { incidentMessage, type MessageKind } from './incident-messages.js';

/** ResponseEngineDeps are what the engine runs on; `policy` is read at each use, so a reload takes effect at once. */
export interface ResponseEngineDeps {
  readonly store: Store;
  readonly policy: () => ResponsePolicy;
  readonly calendar: BusinessCalendar;
  readonly publicUrl?: string;
}

const GRADE_RANK = { A: 0, B: 1, C: 2, D: 3 } as const;

/** Context is what a decision on one incident needs from outside it, fetched before the row is locked. */
interface DecisionContext {
  readonly orders: ReadonlyMap<OrderId, StoredOrder>;
  readonly findings: ReadonlyMap<string, StoredFinding>;
  readonly pausedOrders: ReadonlyMap<OrderId, Pause>;
  /** Orders covered by another active incident that mutes its members' notifications, with that incident. */
  readonly inhibitedBy: ReadonlyMap<OrderId, string>;
}

/**
 * ResponseEngine turns findings into incidents (through IncidentGrouping)
 * and incidents into notifications (SPEC C6, C7). Each incident
 * carries its next action time (notify, remind, escalate, resume, overdue);
 * `tick` acts on the incidents whose time has come, through that index.
 * Every decision is written with its audit lines and outbox entries in one
 * transaction on a locked row, so two instances never both act on it.
 */
export class ResponseEngine {
  private readonly grouping: IncidentGrouping;

  constructor(private readonly deps: ResponseEngineDeps) {
    this.grouping = new IncidentGrouping({ store: deps.store, policy: deps.policy, announce: (incident, kind, step, now) => this.announceStep(incident, kind, step, now) });
  }

  private get policy(): ResponsePolicy {
    return this.deps.policy();
  }

  /** onFindings takes what a detection pass changed: new findings go to incidents (or the wait room), gone ones leave them. */
  onFindings(changes: { readonly opened: readonly Finding[]; readonly resolved: readonly FindingRef[] }, now: Instant): Promise<TickSummary> {
    return this.grouping.place(changes, now);
  }

  /**
   * tick lets findings that have waited long enough join their incidents,
   * then acts on every incident whose next action time has come. `flush`
   * ends every wait now (a scan judges a whole moment at once: the groups are
   * complete).
   */
  async tick(now: Instant, options: { readonly flush?: boolean } = {}): Promise<TickSummary> {
    const summary = await this.grouping.drainWaitRoom(now, options.flush ?? false);
    const store = this.deps.store.response;
    const seen = new Set<string>();
    for (let pass = 0; pass < 50; pass++) {
      const due = (await store.dueIncidents(now, 200)).filter((id) => !seen.has(id));
      if (due.length === 0) break;
      for (const id of due) {
        seen.add(id);
        const context = await this.context(id, now);
        let enqueued = 0;
        await store.changeIncident(id, (cur, members) => {
          const change = this.decide(cur, members, context, now);
          enqueued = change?.outbox?.length ?? 0;
          return change;
        });
        summary.acted++;
        summary.enqueued += enqueued;
      }
    }
    return summary;
  }

  private async context(incidentId: string, now: Instant): Promise<DecisionContext> {
    const store = this.deps.store;
    const members = (await store.response.incidentMembers(incidentId)).filter((m) => m.removedAt === undefined);
    const orderIds = [...new Set(members.map((m) => m.orderId))];
    // Large groups are graded on a sample of their members: the worst of 200 decides like the worst of 10,000.
    const orders = await loadOrders(this.deps.store, orderIds.slice(0, 200));
    const findings = new Map<string, StoredFinding>();
    const inhibitedBy = new Map<OrderId, string>();
    for (const orderId of orderIds.slice(0, 200)) {
      for (const f of await store.detection.findings({ orderId, status: 'open' })) findings.set(findingId(f), f);
      for (const other of await store.response.incidentsOfOrder(orderId)) {
        if (other.id !== incidentId && isActiveState(other.state) && inhibitsMembers(this.policy, other.level) && other.scope !== 'order') inhibitedBy.set(orderId, other.id);
      }
    }
    return { orders, findings, pausedOrders: await store.response.pausedOrders(orderIds, now), inhibitedBy };
  }

  /** grade decides the incident's grade from its most urgent member. */
  private grade(incident: Incident, members: readonly IncidentMember[], context: DecisionContext, now: Instant): GradeDecision {
    const policy = this.policy;
    const active = members.filter((m) => m.removedAt === undefined);
    const batchSize = Math.max(1, new Set(active.map((m) => m.orderId)).size);
    let best: GradeDecision | undefined;
    for (const m of active.slice(0, 200)) {
      const order = context.orders.get(m.orderId);
      const finding = context.findings.get(findingId(m));
      const deadline = finding?.threshold?.deadline ?? (m.code.startsWith('promise.') ? order?.promisedShipBy : undefined);
      const tags = order?.tags ?? [];
      const tier = order?.customer.tier === 'vip' || customerTierOf({ tags }, policy) === 'vip' ? 'vip' : (order?.customer.tier ?? 'regular');
      const decision = gradeFinding(policy, {
        code: m.code,
        delayBusinessDays: deadline !== undefined ? delayBusinessDays(this.deps.calendar, deadline, now) : 0,
        customerTier: tier,
        orderValueFen: order?.paidFen ?? 0,
        batchSize,
        scope: incident.scope,
      });
      if (
        !best ||
        GRADE_RANK[decision.grade] < GRADE_RANK[best.grade] ||
        (decision.grade === best.grade && (decision.level > best.level || (decision.level === best.level && decision.responseMinutes < best.responseMinutes)))
      ) {
        best = decision;
      }
    }
    return best ?? gradeFinding(policy, { code: incident.codes[0] ?? 'stage.stalled', delayBusinessDays: 0, customerTier: 'regular', orderValueFen: 0, batchSize, scope: incident.scope });
  }

  /** announceStep writes the outbox entries of one step to the incident's receivers (empty when none is routed). */
  announceStep(incident: Incident, kind: MessageKind, step: string, now: Instant, note?: string): OutboxEntry[] {
    const policy = this.policy;
    const receivers = routeReceivers(policy, {
      grade: incident.grade,
      level: incident.level,
      ownerRole: incident.ownerRole,
      codes: incident.codes,
      channels: [...new Set(incident.orderIds.map((id) => id.slice(0, id.indexOf(':'))))] as never,
    });
    const dueAt = kind === 'resolved' ? now : deferUntil(policy, { level: incident.level, grade: incident.grade, at: now });
    const onCall = dueAt > now ? [] : whoToWake(policy, { role: incident.ownerRole, level: incident.level, grade: incident.grade, at: now });
    const message = incidentMessage(incident, kind, { ...(this.deps.publicUrl ? { publicUrl: this.deps.publicUrl } : {}), onCall, now, ...(note ? { note } : {}) });
    return receivers.map((receiver) => ({
      id: `${incident.id}|${receiver}|${step}`,
      incidentId: incident.id,
      receiver,
      kind,
      createdAt: now,
      dueAt,
      attempts: 0,
      state: 'pending' as const,
      message: message as unknown as Record<string, unknown>,
    }));
  }

  /** decide is the automation of one due incident: notify, remind, escalate, resume an expired pause, flag the missed resolution target. */
  private decide(cur: Incident, members: IncidentMember[], context: DecisionContext, now: Instant): IncidentChange | undefined {
    const policy = this.policy;
    const log: IncidentLogEntry[] = [];
    const outbox: OutboxEntry[] = [];
    let inc: Incident = { ...cur, updatedAt: now };
    const note = (action: string, extra: Partial<IncidentLogEntry> = {}): void => void log.push({ incidentId: cur.id, at: now, actor: SYSTEM, action, ...extra });

    if (!isActiveState(inc.state)) return { incident: { ...inc, nextActionAt: undefined } };

    if (inc.pause) {
      if (inc.pause.until !== undefined && inc.pause.until <= now) {
        note('resume', { reason: `暂停到期（${inc.pause.by}：${inc.pause.reason}）/ pause expired` });
        const { pause: _expired, ...rest } = inc;
        inc = rest;
      } else {
        // Taken over: automation waits for the resume (or the pause's end).
        return { incident: { ...inc, nextActionAt: inc.pause.until }, log };
      }
    }

    const active = members.filter((m) => m.removedAt === undefined);
    const memberOrders = [...new Set(active.map((m) => m.orderId))];
    const ordersPaused = memberOrders.length > 0 && memberOrders.every((id) => context.pausedOrders.has(id));
    if (ordersPaused) {
      const untils = memberOrders.map((id) => context.pausedOrders.get(id)?.until);
      const resumeAt = untils.some((u) => u === undefined) ? undefined : Math.min(...(untils as number[]));
      note('held', { reason: '订单已人工接管，自动通知暂停 / the orders are taken over: automation waits' });
      return { incident: { ...inc, nextActionAt: resumeAt }, log };
    }

    if (inc.notifiedAt === undefined) {
      if (active.length === 0) {
        note('auto_resolve', { fromState: inc.state, toState: 'resolved', reason: '通知前异常已全部消失 / every finding went away before anyone was told' });
        return { incident: { ...inc, state: 'resolved', resolvedAt: now, nextActionAt: undefined }, log };
      }
      const d = this.grade(inc, members, context, now);
      const level = Math.max(d.level, inc.level) as Incident['level'];
      let checklist: Incident['checklist'] = [];
      try {
        checklist = checklistOf(policy, d.playbook).map((s) => ({ id: s.id, kind: s.kind, label: s.label, done: false, ...(s.template ? { template: s.template } : {}) }));
      } catch {
        checklist = [];
      }
      inc = {
        ...inc,
        grade: d.grade,
        level,
        ownerRole: d.ownerRole,
        rule: d.rule,
        playbook: d.playbook,
        checklist,
        notifiedAt: now,
        responseDeadline: responseDeadline(this.deps.calendar, now, d.responseMinutes, d.responseClock),
        resolutionTarget: resolutionTarget(this.deps.calendar, now, d.resolutionHours),
      };
      note('graded', { detail: { rule: d.rule, grade: d.grade, level, ownerRole: d.ownerRole, playbook: d.playbook, responseDeadline: inc.responseDeadline } });
      const inhibitor = inc.scope === 'order' ? memberOrders.map((id) => context.inhibitedBy.get(id)).find((x) => x !== undefined) : undefined;
      if (inhibitor) {
        note('inhibited', { reason: `订单已在上级事件 ${inhibitor} 中通知 / covered by incident ${inhibitor}`, detail: { by: inhibitor } });
      } else {
        const entries = this.announceStep(inc, 'incident', 'notify', now);
        outbox.push(...entries);
        note('notify', { detail: { receivers: entries.map((e) => e.receiver), dueAt: entries[0]?.dueAt } });
        if (d.notifyCustomer && inc.scope === 'order') {
          const comfort = comfortSms(policy, inc, context.orders.get(inc.orderIds[0] ?? ''), now);
          if ('entry' in comfort) outbox.push(comfort.entry);
          note(comfort.logAction, comfort.detail);
        }
      }
    } else if (inc.state === 'open') {
      const esc = nextEscalation(policy, { level: inc.level, ownerRole: inc.ownerRole, escalations: inc.escalations, openedAt: inc.notifiedAt, ...(inc.responseDeadline !== undefined ? { responseDeadline: inc.responseDeadline } : {}) }, this.deps.calendar, now);
      if (esc?.due) {
        const from = inc.ownerRole;
        inc = { ...inc, ownerRole: esc.toRole, escalations: esc.step, remindersSent: 0, remindFrom: now };
        note('escalate', { reason: `响应超时未确认，升级至 ${esc.toRole} / not acknowledged in time`, detail: { from, to: esc.toRole, step: esc.step } });
        outbox.push(...this.announceStep(inc, 'escalation', `escalate-${esc.step}`, now, `⚠ 响应超时未确认，已从 ${from} 升级`));
      } else if (nextReminderAt(policy, inc.remindFrom ?? inc.notifiedAt, inc.remindersSent) <= now) {
        inc = { ...inc, remindersSent: inc.remindersSent + 1 };
        note('remind', { detail: { reminder: inc.remindersSent } });
        outbox.push(...this.announceStep(inc, 'reminder', `remind-${inc.escalations}-${inc.remindersSent}`, now, `第 ${inc.remindersSent} 次提醒：事件尚未确认`));
      }
    } else if (inc.resolutionTarget !== undefined && inc.resolutionTarget <= now && inc.overdueNotifiedAt === undefined) {
      inc = { ...inc, overdueNotifiedAt: now };
      note('overdue', { reason: '超过解决时限 / resolution target missed' });
      outbox.push(...this.announceStep(inc, 'overdue', 'overdue', now));
    }

    inc = { ...inc, nextActionAt: this.nextActionAt(inc, now) };
    return { incident: inc, log, outbox };
  }

  /** nextActionAt is the earliest moment automation must look at the incident again, or undefined when nothing is scheduled. */
  nextActionAt(inc: Incident, now: Instant): Instant | undefined {
    if (!isActiveState(inc.state)) return undefined;
    if (inc.pause) return inc.pause.until;
    if (inc.notifiedAt === undefined) return Math.max(inc.notifyAt, now);
    const times: number[] = [];
    if (inc.state === 'open') {
      const esc = nextEscalation(this.policy, { level: inc.level, ownerRole: inc.ownerRole, escalations: inc.escalations, openedAt: inc.notifiedAt, ...(inc.responseDeadline !== undefined ? { responseDeadline: inc.responseDeadline } : {}) }, this.deps.calendar, now);
      if (esc) times.push(esc.at);
      times.push(nextReminderAt(this.policy, inc.remindFrom ?? inc.notifiedAt, inc.remindersSent));
    } else if (inc.resolutionTarget !== undefined && inc.overdueNotifiedAt === undefined) {
      times.push(inc.resolutionTarget);
    }
    if (times.length === 0) return undefined;
    // Never in the past: a due time already passed is acted on at the next tick, not in a loop.
    return Math.max(Math.min(...times), now + 1000);
  }

  /** resolvedNotice tells the incident's receivers it was resolved (used by the resolve action). */
  resolvedNotice(inc: Incident, now: Instant): OutboxEntry[] {
    return inc.notifiedAt === undefined ? [] : this.announceStep(inc, 'resolved', 'resolved', now);
  }
}
