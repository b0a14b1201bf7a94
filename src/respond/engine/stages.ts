import type { Incident } from '../../domain/incident.js';
import { customerTierOf } from '../customer-tier.js';
import { delayBusinessDays, resolutionTarget, responseDeadline } from '../delay.js';
import { nextEscalation } from '../escalation.js';
import { gradeFinding, type GradeDecision } from '../grading.js';
import { checklistOf } from '../playbooks.js';
import { nextReminderAt } from '../reminders.js';
import { comfortSms } from './comfort-sms.js';
import { isFixListCode } from './fix-list.js';
import type { Decision } from './decision.js';
import { findingId } from './incident-grouping.js';
import { muteMessages } from './muters.js';
import type { MessageKind } from './incident-messages.js';
import { withOwner } from '../ownership.js';
import { incidentPenalty } from '../penalty/index.js';

/**
 * The engine's stages, in the order they look at a due incident (after the
 * automation muters let it through). Each stage either acts and ends the
 * decision, or passes it on; between them they cover the automation of SPEC
 * C7: the first notice (graded with every member known), escalation along
 * the chain at the response deadline, reminders that decay, and the notice
 * that the resolution target passed.
 */
export interface DecisionStage {
  readonly name: string;
  /** run acts on the decision; 'done' ends it, 'next' lets the following stage look. */
  run(d: Decision): 'done' | 'next';
}

const GRADE_RANK = { A: 0, B: 1, C: 2, D: 3 } as const;

/** announce writes a step's messages through the message muters (inhibition, quiet hours). */
function announce(d: Decision, kind: MessageKind, step: string, note?: string): number {
  const entries = muteMessages(d, d.announcer(d.incident, kind, step, d.now, note));
  d.outbox.push(...entries);
  return entries.length;
}

/** gradeOf decides the incident's grade from its most urgent sampled member. */
export function gradeOf(d: Decision): GradeDecision {
  const { policy, context, now, incident } = d;
  const batchSize = Math.max(1, incident.orderCount);
  let best: GradeDecision | undefined;
  for (const m of context.members) {
    const order = context.orders.get(m.orderId);
    const finding = context.findings.get(findingId(m));
    const deadline = finding?.threshold?.deadline ?? (m.code.startsWith('promise.') ? order?.promisedShipBy : undefined);
    const tags = order?.tags ?? [];
    const tier = order?.customer.tier === 'vip' || customerTierOf({ tags }, policy) === 'vip' ? 'vip' : (order?.customer.tier ?? 'regular');
    const decision = gradeFinding(policy, {
      code: m.code as Parameters<typeof gradeFinding>[1]['code'],
      delayBusinessDays: deadline !== undefined ? delayBusinessDays(d.calendar, deadline, now) : 0,
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
  return raiseForPenalty(d, best ?? gradeFinding(policy, { code: incident.codes[0] ?? 'stage.stalled', delayBusinessDays: 0, customerTier: 'regular', orderValueFen: 0, batchSize, scope: incident.scope }));
}

const MORE_URGENT: Readonly<Record<GradeDecision['grade'], GradeDecision['grade']>> = { A: 'A', B: 'A', C: 'B', D: 'C' };

/**
 * raiseForPenalty is the money-at-stake hook (grading.penalty.raiseAtYuan,
 * off by default): when the sampled members' unshipped orders put at least
 * that much at stake under their platforms' late-shipment rules, the grade is
 * one step more urgent; the rule name says why in the audit trail.
 */
function raiseForPenalty(d: Decision, decision: GradeDecision): GradeDecision {
  const settings = d.policy.grading.penalty;
  if (settings.raiseAtFen === undefined || decision.grade === 'A') return decision;
  const stake = incidentPenalty([...d.context.orders.values()], d.now, settings);
  if (stake.amountFen < settings.raiseAtFen) return decision;
  return { ...decision, grade: MORE_URGENT[decision.grade], rule: `${decision.rule}+penalty` };
}

/**
 * movedToFixList: an incident about data quality alone (from before the fix
 * list, or a code the policy moved there) is resolved: its findings are
 * worked through on the fix list, not as an incident.
 */
const movedToFixList: DecisionStage = {
  name: 'moved-to-fix-list',
  run(d) {
    const codes = d.incident.codes;
    if (codes.length === 0 || !codes.every((c) => isFixListCode(d.policy, c))) return 'next';
    d.note('moved_to_fix_list', { fromState: d.incident.state, toState: 'resolved', reason: '数据质量问题已转入待修正清单 / data-quality findings are worked on the fix list' });
    d.incident = { ...d.incident, state: 'resolved', resolvedAt: d.now };
    return 'done';
  },
};

/** firstNotice grades a new incident with every member known and tells its receivers (and, where the playbook says, the customer). */
const firstNotice: DecisionStage = {
  name: 'first-notice',
  run(d) {
    if (d.incident.notifiedAt !== undefined) return 'next';
    if (d.incident.activeMembers === 0) {
      d.note('auto_resolve', { fromState: d.incident.state, toState: 'resolved', reason: '通知前异常已全部消失 / every finding went away before anyone was told' });
      d.incident = { ...d.incident, state: 'resolved', resolvedAt: d.now };
      return 'done';
    }
    const g = gradeOf(d);
    const level = Math.max(g.level, d.incident.level) as Incident['level'];
    let checklist: Incident['checklist'] = [];
    try {
      checklist = checklistOf(d.policy, g.playbook).map((s) => ({ id: s.id, kind: s.kind, label: s.label, done: false, ...(s.template ? { template: s.template } : {}) }));
    } catch {
      checklist = [];
    }
    d.incident = {
      ...d.incident,
      grade: g.grade,
      level,
      ownerRole: g.ownerRole,
      rule: g.rule,
      playbook: g.playbook,
      checklist,
      notifiedAt: d.now,
      responseDeadline: responseDeadline(d.calendar, d.now, g.responseMinutes, g.responseClock),
      resolutionTarget: resolutionTarget(d.calendar, d.now, g.resolutionHours),
    };
    d.note('graded', { detail: { rule: g.rule, grade: g.grade, level, ownerRole: g.ownerRole, playbook: g.playbook, responseDeadline: d.incident.responseDeadline } });
    const before = d.outbox.length;
    announce(d, 'incident', 'notify');
    const sent = d.outbox.slice(before);
    const inhibited = d.log.some((l) => l.action === 'inhibited');
    if (!inhibited) d.note('notify', { detail: { receivers: sent.map((e) => e.receiver), dueAt: sent[0]?.dueAt } });
    if (!inhibited && g.notifyCustomer && d.incident.scope === 'order') {
      const comfort = comfortSms(d.policy, d.incident, d.context.orders.get(d.incident.orderIds[0] ?? ''), d.now);
      if ('entry' in comfort) d.outbox.push(comfort.entry);
      d.note(comfort.logAction, comfort.detail);
    }
    return 'done';
  },
};

/** chainRank is a role's place in the escalation chain (-1 off the chain). */
function chainRank(d: Decision, role: Incident['ownerRole']): number {
  return d.policy.escalation.chain.indexOf(role);
}

/**
 * regrade: an incident already told grows more urgent as its orders grow
 * later (a VIP order three business days late is grade A, a late wave of
 * three orders is a level-2 case): its grade, level, playbook and response
 * deadline follow the worse decision, and its receivers are told once. It
 * never grades down (nothing is un-told); an owner higher up the chain stays.
 */
const regrade: DecisionStage = {
  name: 'regrade',
  run(d) {
    const inc = d.incident;
    if (inc.notifiedAt === undefined) return 'next';
    const g = gradeOf(d);
    const level = Math.max(g.level, inc.level) as Incident['level'];
    if (GRADE_RANK[g.grade] >= GRADE_RANK[inc.grade] && level <= inc.level) return 'next';
    const ownerRole = chainRank(d, g.ownerRole) > chainRank(d, inc.ownerRole) ? g.ownerRole : inc.ownerRole;
    let checklist = inc.checklist;
    if (g.playbook !== inc.playbook) {
      try {
        const done = new Set(inc.checklist.filter((c) => c.done).map((c) => c.id));
        checklist = checklistOf(d.policy, g.playbook).map((s) => ({ id: s.id, kind: s.kind, label: s.label, done: done.has(s.id), ...(s.template ? { template: s.template } : {}) }));
      } catch {
        checklist = inc.checklist;
      }
    }
    d.incident = {
      ...inc,
      grade: GRADE_RANK[g.grade] < GRADE_RANK[inc.grade] ? g.grade : inc.grade,
      level,
      ownerRole,
      owners: withOwner(inc, ownerRole),
      rule: g.rule,
      playbook: g.playbook,
      checklist,
      // A more urgent case is due sooner: its deadline counts from now, never later than the one it had.
      responseDeadline: Math.min(inc.responseDeadline ?? Infinity, responseDeadline(d.calendar, d.now, g.responseMinutes, g.responseClock)),
      remindersSent: 0,
      remindFrom: d.now,
    };
    d.note('regrade', { reason: `异常加重：${inc.grade}级→${d.incident.grade}级 / more urgent now`, detail: { from: { grade: inc.grade, level: inc.level }, to: { grade: d.incident.grade, level }, rule: g.rule, ownerRole } });
    announce(d, 'regrade', `regrade-${d.incident.grade}-${level}`, `⚠ 异常加重，由 ${inc.grade} 级升为 ${d.incident.grade} 级`);
    return 'done';
  },
};

/** escalation: an open incident not acknowledged by its response deadline goes up the chain, and the next role is told. */
const escalation: DecisionStage = {
  name: 'escalation',
  run(d) {
    const inc = d.incident;
    if (inc.state !== 'open' || inc.notifiedAt === undefined) return 'next';
    const esc = nextEscalation(d.policy, { level: inc.level, ownerRole: inc.ownerRole, escalations: inc.escalations, openedAt: inc.notifiedAt, ...(inc.responseDeadline !== undefined ? { responseDeadline: inc.responseDeadline } : {}) }, d.calendar, d.now);
    if (!esc?.due) return 'next';
    const from = inc.ownerRole;
    // The new owner joins; the one who missed the deadline stays on it (they know the case).
    d.incident = { ...inc, ownerRole: esc.toRole, owners: withOwner(inc, esc.toRole), escalations: esc.step, remindersSent: 0, remindFrom: d.now };
    d.note('escalate', { reason: `响应超时未确认，升级至 ${esc.toRole} / not acknowledged in time`, detail: { from, to: esc.toRole, step: esc.step } });
    announce(d, 'escalation', `escalate-${esc.step}`, `⚠ 响应超时未确认，已从 ${from} 升级`);
    return 'done';
  },
};

/** reminder: an open incident nobody acknowledged is brought up again, less often each time (30 min, 1 h, 2 h …). */
const reminder: DecisionStage = {
  name: 'reminder',
  run(d) {
    const inc = d.incident;
    if (inc.state !== 'open' || inc.notifiedAt === undefined) return 'next';
    if (nextReminderAt(d.policy, inc.remindFrom ?? inc.notifiedAt, inc.remindersSent) > d.now) return 'next';
    d.incident = { ...inc, remindersSent: inc.remindersSent + 1 };
    d.note('remind', { detail: { reminder: d.incident.remindersSent } });
    announce(d, 'reminder', `remind-${inc.escalations}-${d.incident.remindersSent}`, `第 ${d.incident.remindersSent} 次提醒：事件尚未确认`);
    return 'done';
  },
};

/** overdue: an acknowledged incident still not resolved at its resolution target is flagged to its receivers, once. */
const overdue: DecisionStage = {
  name: 'overdue',
  run(d) {
    const inc = d.incident;
    if (inc.state === 'open' || inc.resolutionTarget === undefined || inc.resolutionTarget > d.now || inc.overdueNotifiedAt !== undefined) return 'next';
    d.incident = { ...inc, overdueNotifiedAt: d.now };
    d.note('overdue', { reason: '超过解决时限 / resolution target missed' });
    announce(d, 'overdue', 'overdue');
    return 'done';
  },
};

/** DECISION_STAGES is the automation of one due incident, in order. */
export const DECISION_STAGES: readonly DecisionStage[] = [movedToFixList, firstNotice, regrade, escalation, reminder, overdue];
