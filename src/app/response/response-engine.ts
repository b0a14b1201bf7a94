import { randomBytes } from 'node:crypto';
import type { BusinessCalendar } from '../../detect/calendar/index.js';
import type { Finding, FindingCode } from '../../domain/finding.js';
import { isActiveState, type Incident, type IncidentLogEntry, type IncidentMember, type IncidentScope, type OutboxEntry, type Pause } from '../../domain/incident.js';
import type { OrderId, StoredOrder } from '../../domain/order.js';
import { formatShanghai, type Instant } from '../../domain/time.js';
import {
  checklistOf,
  customerTierOf,
  deferUntil,
  delayBusinessDays,
  gradeFinding,
  groupKeysOf,
  groupLevel,
  inhibitsMembers,
  isGroupIncident,
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
import type { IncidentChange, WaitingFinding } from '../../store/response-store.js';
import type { Store } from '../../store/store.js';
import { incidentTitle, subjectOf } from './incident-title.js';
import { comfortSms } from './comfort-sms.js';
import { incidentMessage, type MessageKind } from './incident-messages.js';

/** FindingRef names one finding. */
export interface FindingRef {
  readonly orderId: OrderId;
  readonly code: string;
  readonly key: string;
}

/** ResponseEngineDeps are what the engine runs on; `policy` is read at each use, so a reload takes effect at once. */
export interface ResponseEngineDeps {
  readonly store: Store;
  readonly policy: () => ResponsePolicy;
  readonly calendar: BusinessCalendar;
  readonly publicUrl?: string;
}

/** TickSummary says what one pass of the engine did. */
export interface TickSummary {
  opened: number;
  joined: number;
  acted: number;
  enqueued: number;
}

const SYSTEM = 'system';
const GRADE_RANK = { A: 0, B: 1, C: 2, D: 3 } as const;

function findingId(f: FindingRef): string {
  return `${f.orderId}|${f.code}|${f.key}`;
}

/** newIncidentId is readable (the Shanghai date) and unique across instances (random part). */
export function newIncidentId(now: Instant): string {
  return `INC-${formatShanghai(now).slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

function activeMembersOf(members: readonly Pick<IncidentMember, 'orderId' | 'code' | 'removedAt'>[]): { orderIds: OrderId[]; codes: FindingCode[]; count: number } {
  const active = members.filter((m) => m.removedAt === undefined);
  return {
    orderIds: [...new Set(active.map((m) => m.orderId))],
    codes: [...new Set(active.map((m) => m.code as FindingCode))],
    count: active.length,
  };
}

/** Context is what a decision on one incident needs from outside it, fetched before the row is locked. */
interface DecisionContext {
  readonly orders: ReadonlyMap<OrderId, StoredOrder>;
  readonly findings: ReadonlyMap<string, StoredFinding>;
  readonly pausedOrders: ReadonlyMap<OrderId, Pause>;
  /** Orders covered by another active incident that mutes its members' notifications, with that incident. */
  readonly inhibitedBy: ReadonlyMap<OrderId, string>;
}

/**
 * ResponseEngine turns findings into incidents and incidents into
 * notifications (SPEC C6, C7). Findings that may belong to a group wait a
 * short while in the wait room, then join or open the incident of the most
 * telling group that is big enough, else their order's own. Each incident
 * carries its next action time (notify, remind, escalate, resume, overdue);
 * `tick` acts on the incidents whose time has come, through that index.
 * Every decision is written with its audit lines and outbox entries in one
 * transaction on a locked row, so two instances never both act on it.
 */
export class ResponseEngine {
  constructor(private readonly deps: ResponseEngineDeps) {}

  private get policy(): ResponsePolicy {
    return this.deps.policy();
  }

  /** onFindings takes what a detection pass changed: new findings go to incidents (or the wait room), gone ones leave them. */
  async onFindings(changes: { readonly opened: readonly Finding[]; readonly resolved: readonly FindingRef[] }, now: Instant): Promise<TickSummary> {
    const summary: TickSummary = { opened: 0, joined: 0, acted: 0, enqueued: 0 };
    const store = this.deps.store.response;
    if (changes.resolved.length) await store.removeFromWaitRoom(changes.resolved);
    for (const f of changes.resolved) {
      for (const id of await store.incidentsOfFinding(f.orderId, f.code, f.key)) {
        await store.changeIncident(id, (cur, members) => this.leave(cur, members, f, now));
      }
    }
    if (changes.opened.length === 0) return summary;
    const orders = await this.orders(changes.opened.map((f) => f.orderId));
    const waiting: WaitingFinding[] = [];
    for (const f of changes.opened) {
      const order = orders.get(f.orderId);
      if (!order) continue;
      const keys = groupKeysOf(f, {
        skus: order.items.map((i) => i.sku),
        channel: order.channel,
        ...(order.batch !== undefined ? { batchId: order.batch } : {}),
        ...(order.warehouse !== undefined ? { warehouse: order.warehouse } : {}),
        ...(order.shipments[0]?.carrier !== undefined ? { carrier: order.shipments[0].carrier } : {}),
      });
      let placed = false;
      // An incident already open on one of its groups takes the finding at once.
      for (const k of keys) {
        if (k.scope === 'order') break;
        const active = await store.activeIncidentByKey(k.key);
        if (active) {
          await this.join(active.id, [f], now);
          summary.joined++;
          placed = true;
          break;
        }
      }
      if (placed) continue;
      if (keys.length === 1) {
        const r = await this.openOrJoin(keys[0]!.key, 'order', [f], now);
        summary[r] += 1;
        continue;
      }
      keys.forEach((k, rank) => waiting.push({ groupKey: k.key, scope: k.scope, rank, orderId: f.orderId, code: f.code, key: f.key, addedAt: now }));
    }
    await store.addToWaitRoom(waiting);
    return summary;
  }

  /**
   * tick lets findings that have waited long enough join their incidents,
   * then acts on every incident whose next action time has come. `flush`
   * ends every wait now (a scan judges a whole moment at once: the groups are
   * complete).
   */
  async tick(now: Instant, options: { readonly flush?: boolean } = {}): Promise<TickSummary> {
    const summary = await this.drainWaitRoom(now, options.flush ?? false);
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

  private async drainWaitRoom(now: Instant, flush: boolean): Promise<TickSummary> {
    const summary: TickSummary = { opened: 0, joined: 0, acted: 0, enqueued: 0 };
    const store = this.deps.store.response;
    const readyBefore = flush ? now : now - this.policy.grouping.wait;
    for (let pass = 0; pass < 100; pass++) {
      const rows = await store.waitingSince(readyBefore, 1000);
      if (rows.length === 0) break;
      const byFinding = new Map<string, WaitingFinding[]>();
      for (const r of rows) (byFinding.get(findingId(r)) ?? byFinding.set(findingId(r), []).get(findingId(r))!).push(r);
      const handled = new Set<string>();
      for (const [id, candidates] of byFinding) {
        if (handled.has(id)) continue;
        candidates.sort((a, b) => a.rank - b.rank);
        for (const c of candidates) {
          const scope = c.scope as IncidentScope;
          if (scope === 'order') {
            summary[await this.openOrJoin(c.groupKey, 'order', [c], now)]++;
            await store.removeFromWaitRoom([c]);
            handled.add(id);
            break;
          }
          const active = await store.activeIncidentByKey(c.groupKey);
          const count = (await store.waitRoomOrders([c.groupKey])).get(c.groupKey) ?? 0;
          if (active || isGroupIncident(this.policy, scope, count)) {
            // Everyone waiting under this key goes along, ready or not: one batch, one incident.
            const members = await store.waitRoomRows([c.groupKey]);
            summary[await this.openOrJoin(c.groupKey, scope, members, now)]++;
            await store.removeFromWaitRoom(members);
            for (const m of members) handled.add(findingId(m));
            break;
          }
        }
      }
    }
    return summary;
  }

  private async orders(ids: readonly OrderId[]): Promise<Map<OrderId, StoredOrder>> {
    const out = new Map<OrderId, StoredOrder>();
    for (const id of new Set(ids)) {
      const order = await this.deps.store.getOrder(id);
      if (order) out.set(id, order);
    }
    return out;
  }

  private async openOrJoin(groupKey: string, scope: IncidentScope, findings: readonly FindingRef[], now: Instant): Promise<'opened' | 'joined'> {
    const store = this.deps.store.response;
    const existing = await store.activeIncidentByKey(groupKey);
    if (existing) {
      await this.join(existing.id, findings, now);
      return 'joined';
    }
    const first = findings[0]!;
    const orderIds = [...new Set(findings.map((f) => f.orderId))];
    const codes = [...new Set(findings.map((f) => f.code as FindingCode))];
    const id = newIncidentId(now);
    const channelOrderId = scope === 'order' ? (await this.deps.store.getOrder(first.orderId))?.channelOrderId : undefined;
    const incident: Incident = {
      id,
      groupKey,
      scope,
      title: incidentTitle(scope, subjectOf(groupKey), first.code as FindingCode, orderIds.length, channelOrderId),
      state: 'open',
      level: groupLevel(this.policy, scope, orderIds.length),
      // Graded when it notifies, with every member known.
      grade: 'C',
      ownerRole: 'agent',
      openedAt: now,
      notifyAt: now,
      escalations: 0,
      remindersSent: 0,
      nextActionAt: now,
      checklist: [],
      compensations: [],
      ratings: [],
      suggestResolve: false,
      activeMembers: findings.length,
      orderIds,
      codes,
      updatedAt: now,
    };
    const result = await store.openIncident({
      incident,
      addMembers: findings.map((f) => ({ orderId: f.orderId, code: f.code as FindingCode, key: f.key, addedAt: now })),
      log: [{ incidentId: id, at: now, actor: SYSTEM, action: 'open', toState: 'open', detail: { groupKey, scope, orders: orderIds.length } }],
    });
    if (!result.opened) {
      await this.join(result.id, findings, now);
      return 'joined';
    }
    return 'opened';
  }

  private async join(incidentId: string, findings: readonly FindingRef[], now: Instant): Promise<void> {
    await this.deps.store.response.changeIncident(incidentId, (cur, members) => {
      const known = new Set(members.filter((m) => m.removedAt === undefined).map(findingId));
      const fresh = findings.filter((f) => !known.has(findingId(f)));
      if (fresh.length === 0) return undefined;
      const all = [...members.filter((m) => !fresh.some((f) => findingId(f) === findingId(m))), ...fresh.map((f) => ({ ...f, code: f.code as FindingCode, removedAt: undefined }))];
      const counted = activeMembersOf(all);
      const level = Math.max(cur.level, groupLevel(this.policy, cur.scope, counted.orderIds.length)) as Incident['level'];
      const next: Incident = {
        ...cur,
        level,
        activeMembers: counted.count,
        orderIds: counted.orderIds,
        codes: counted.codes,
        suggestResolve: false,
        title: cur.scope === 'order' ? cur.title : incidentTitle(cur.scope, subjectOf(cur.groupKey), counted.codes[0] ?? (fresh[0]!.code as FindingCode), counted.orderIds.length),
        updatedAt: now,
      };
      const log: IncidentLogEntry[] = [{ incidentId: cur.id, at: now, actor: SYSTEM, action: 'join', detail: { findings: fresh.map(findingId) } }];
      const outbox: OutboxEntry[] = [];
      if (level > cur.level) {
        log.push({ incidentId: cur.id, at: now, actor: SYSTEM, action: 'level_up', detail: { from: cur.level, to: level } });
        // Already announced at the old level: tell the same people it grew.
        if (cur.notifiedAt !== undefined && isActiveState(cur.state)) outbox.push(...this.announceStep(next, 'level_up', `level-${level}`, now));
      }
      return {
        incident: next,
        addMembers: fresh.map((f) => ({ orderId: f.orderId, code: f.code as FindingCode, key: f.key, addedAt: now })),
        log,
        outbox,
      };
    });
  }

  private leave(cur: Incident, members: IncidentMember[], f: FindingRef, now: Instant): IncidentChange | undefined {
    const remaining = members.filter((m) => m.removedAt === undefined && findingId(m) !== findingId(f));
    if (remaining.length === members.filter((m) => m.removedAt === undefined).length) return undefined;
    const counted = activeMembersOf(remaining);
    const allClear = counted.count === 0;
    const log: IncidentLogEntry[] = [{ incidentId: cur.id, at: now, actor: SYSTEM, action: 'finding_cleared', detail: { finding: findingId(f) } }];
    if (allClear && !cur.suggestResolve && isActiveState(cur.state)) {
      log.push({ incidentId: cur.id, at: now, actor: SYSTEM, action: 'suggest_resolve', reason: '涉及订单的异常均已消失，建议解决 / every finding went away: consider resolving' });
    }
    return {
      incident: { ...cur, activeMembers: counted.count, orderIds: counted.orderIds.length ? counted.orderIds : cur.orderIds, codes: counted.codes.length ? counted.codes : cur.codes, suggestResolve: allClear, updatedAt: now },
      removeMembers: [{ orderId: f.orderId, code: f.code, key: f.key, at: now }],
      log,
    };
  }

  private async context(incidentId: string, now: Instant): Promise<DecisionContext> {
    const store = this.deps.store;
    const members = (await store.response.incidentMembers(incidentId)).filter((m) => m.removedAt === undefined);
    const orderIds = [...new Set(members.map((m) => m.orderId))];
    // Large groups are graded on a sample of their members: the worst of 200 decides like the worst of 10,000.
    const orders = await this.orders(orderIds.slice(0, 200));
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
