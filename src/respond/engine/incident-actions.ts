import { randomBytes } from 'node:crypto';
export { ActionError, type ActionRequest, type Actor } from '../../domain/incident-action.js';
import { isActiveState, ownersOf, type Compensation, type Incident, type IncidentLogEntry, type OutboxEntry } from '../../domain/incident.js';
import { ActionError, type ActionRequest, type Actor } from '../../domain/incident-action.js';
import type { OrderId } from '../../domain/order.js';
import { ROLE_NAMES_ZH, type Role } from '../../domain/role.js';
import { ownsIncident } from '../ownership.js';
import type { Instant } from '../../domain/time.js';
import {
  COMPENSATION_KINDS,
  applyAction,
  approvalRefusal,
  grantedOnOwnAuthority,
  checkCompensation,
  nextRoleInChain,
  type CompensationKind,
  type IncidentAction,
  type ResponsePolicy,
} from '../index.js';
import type { Store } from '../../store/store.js';
import type { ResponseEngine } from './response-engine.js';

const WORKFLOW = new Set(['acknowledge', 'assign', 'start', 'pause', 'resume', 'escalate', 'resolve', 'close', 'reopen', 'review']);
const HANDLERS: readonly Role[] = ['agent', 'supervisor', 'ops_manager', 'warehouse', 'executive', 'admin'];

/** soleOrder is the order of an incident about one order (a compensation on it without an order named is for that order). */
function soleOrder(incident: Incident): OrderId | undefined {
  return incident.orderCount === 1 ? incident.orderIds[0] : undefined;
}

function statusOf(code: string): 400 | 403 | 409 {
  if (code === 'forbidden' || code === 'not_owner') return 403;
  if (code === 'wrong_state' || code === 'already_paused' || code === 'not_paused' || code === 'top_of_chain') return 409;
  return 400;
}

/**
 * IncidentActions carries out what people do to incidents: the workflow
 * (acknowledge … close, pause / take-over), checklist ticks, compensation
 * with per-role limits and approvals, playbook ratings and comments. Each
 * action is permission-checked by role, applied on the locked row and
 * audited with who, when and why, in one transaction.
 */
export class IncidentActions {
  constructor(
    private readonly store: Store,
    private readonly engine: ResponseEngine,
    private readonly policy: () => ResponsePolicy,
  ) {}

  async act(incidentId: string, actor: Actor, request: ActionRequest, now: Instant): Promise<Incident> {
    if (request.type === 'assign') await this.checkAssignee(request.assignee);
    if (request.type === 'compensate' && request.orderId !== undefined) await this.checkOrderOf(incidentId, request.orderId);
    // A compensation is for one customer: the role's limit counts what it granted them on the order's other incidents too.
    const orderOf = request.type === 'compensate' ? (cur: Incident): OrderId | undefined => request.orderId ?? soleOrder(cur) : undefined;
    const result = await this.store.response.changeIncident(incidentId, (cur, orderIncidents) => this.apply(cur, actor, request, now, orderIncidents), orderOf ? { orderOf } : {});
    if (!result) throw new ActionError(404, 'not_found', { zh: `没有事件 ${incidentId}`, en: `no incident ${incidentId}` });
    return result;
  }

  // A compensation names the customer it is for: an order the incident is not about would escape their limit (and the record).
  private async checkOrderOf(incidentId: string, orderId: OrderId): Promise<void> {
    const incidents = await this.store.response.incidentsOfOrder(orderId);
    if (!incidents.some((i) => i.id === incidentId)) {
      throw new ActionError(400, 'unknown_order', { zh: `事件 ${incidentId} 不涉及订单 ${orderId}`, en: `incident ${incidentId} is not about order ${orderId}` });
    }
  }

  // Work goes to a real person who can sign in: a typo or a disabled account would leave the incident with nobody.
  private async checkAssignee(name: string): Promise<void> {
    const user = name.trim() === '' ? undefined : await this.store.getUser(name.trim());
    if (!user || user.role === 'integration') {
      throw new ActionError(400, 'unknown_assignee', { zh: `没有用户"${name}"，请从可指派的人员中选择`, en: `there is no user "${name}": pick one of GET /api/v1/users/assignable` });
    }
    if (user.disabled) throw new ActionError(400, 'inactive_assignee', { zh: `用户"${name}"已停用，不能指派`, en: `user "${name}" is disabled and cannot be assigned` });
  }

  private apply(cur: Incident, actor: Actor, request: ActionRequest, now: Instant, orderIncidents: readonly Incident[] = []): { incident: Incident; log: IncidentLogEntry[]; outbox: OutboxEntry[] } {
    const policy = this.policy();
    const log: IncidentLogEntry[] = [];
    const outbox: OutboxEntry[] = [];
    const audit = (action: string, extra: Partial<IncidentLogEntry> = {}): void => void log.push({ incidentId: cur.id, at: now, actor: actor.name, action, ...extra });
    let inc: Incident = { ...cur, updatedAt: now };

    if (WORKFLOW.has(request.type)) {
      const action = this.workflowAction(request, actor, now);
      const r = applyAction(inc, action, actor, policy);
      if (!r.ok) throw new ActionError(statusOf(r.error.code), r.error.code, r.error.message);
      const { pause: _p, rootCause: _r, assignee: _a, ...base } = inc;
      const w = r.incident;
      inc = {
        ...base,
        state: w.state,
        ownerRole: w.ownerRole,
        ...(w.owners !== undefined ? { owners: w.owners } : {}),
        escalations: w.escalations,
        ...(w.assignee !== undefined ? { assignee: w.assignee } : {}),
        ...(w.pause !== undefined ? { pause: w.pause } : {}),
        ...(w.rootCause !== undefined ? { rootCause: w.rootCause } : {}),
      };
      const reason = 'reason' in request ? request.reason : undefined;
      const detail: Record<string, unknown> = {};
      switch (request.type) {
        case 'acknowledge':
          inc = { ...inc, acknowledgedAt: now };
          break;
        case 'start':
          if (inc.acknowledgedAt === undefined) inc = { ...inc, acknowledgedAt: now };
          break;
        case 'assign':
          detail.assignee = request.assignee;
          break;
        case 'pause':
          detail.until = request.until;
          break;
        case 'escalate':
          detail.from = cur.ownerRole;
          detail.to = inc.ownerRole;
          outbox.push(...this.engineAnnounce(inc, now, `escalate-manual-${inc.escalations}`));
          break;
        case 'resolve': {
          // Resolved, the take-over has done its job: nothing is left to hold back.
          const { pause: _done, ...rest } = inc;
          inc = { ...rest, resolvedAt: now };
          outbox.push(...this.engine.resolvedNotice(inc, now));
          break;
        }
        case 'close': {
          const pending = cur.compensations.filter((c) => c.state === 'pending_approval');
          if (pending.length > 0 && request.force !== true) {
            throw new ActionError(409, 'compensation_pending', {
              zh: `还有 ${pending.length} 笔补偿待审批（${pending.map((c) => `${c.id} ${(c.amountFen / 100).toFixed(2)} 元`).join('、')}），请先审批或驳回；确需关闭请勾选强制关闭并填写原因`,
              en: `${pending.length} compensation request(s) still wait for approval (${pending.map((c) => c.id).join(', ')}): decide them first, or close with force and a reason`,
            });
          }
          if (pending.length > 0 && !reason?.trim()) {
            throw new ActionError(400, 'reason_required', { zh: '强制关闭（补偿仍待审批）需填写原因', en: 'closing with compensation pending needs a reason' });
          }
          inc = { ...inc, closedAt: now };
          detail.rootCause = request.rootCause;
          if (pending.length > 0) {
            detail.forced = true;
            detail.pendingCompensations = pending.map((c) => c.id);
          }
          break;
        }
        case 'reopen': {
          const { resolvedAt: _res, closedAt: _clo, ...rest } = inc;
          inc = rest;
          break;
        }
        default:
          break;
      }
      audit(request.type, { fromState: r.from, toState: r.to, ...(reason ? { reason } : {}), ...(Object.keys(detail).length ? { detail } : {}) });
    } else {
      if (!HANDLERS.includes(actor.role)) throw new ActionError(403, 'forbidden', { zh: `${ROLE_NAMES_ZH[actor.role]}角色无权处理事件`, en: `the ${actor.role} role may not act on incidents` });
      // Working on the incident (ticking its checklist, offering money) is for whoever owns it; anyone may comment or rate.
      if ((request.type === 'check' || request.type === 'compensate') && !ownsIncident(cur, actor, policy)) {
        throw new ActionError(403, 'not_owner', {
          zh: `该事件由${ownersOf(cur).map((r) => ROLE_NAMES_ZH[r]).join('、')}负责，您不能操作`,
          en: `the incident is owned by ${ownersOf(cur).join(', ')}: you may not ${request.type === 'check' ? 'tick its checklist' : 'offer compensation on it'}`,
        });
      }
      switch (request.type) {
        case 'check': {
          const item = inc.checklist.find((i) => i.id === request.itemId);
          if (!item) throw new ActionError(400, 'unknown_item', { zh: `清单中没有"${request.itemId}"`, en: `the checklist has no item "${request.itemId}"` });
          inc = {
            ...inc,
            checklist: inc.checklist.map((i) =>
              i.id !== request.itemId
                ? i
                : request.done
                  ? { ...i, done: true, doneBy: actor.name, doneAt: now, ...(request.note ? { note: request.note } : {}) }
                  : { id: i.id, label: i.label, done: false, ...(i.kind ? { kind: i.kind } : {}), ...(i.template ? { template: i.template } : {}) },
            ),
          };
          audit(request.done ? 'check' : 'uncheck', { detail: { item: request.itemId }, ...(request.note ? { reason: request.note } : {}) });
          break;
        }
        case 'compensate': {
          if (!(COMPENSATION_KINDS as readonly string[]).includes(request.kind)) {
            throw new ActionError(400, 'bad_kind', { zh: `未知的补偿方式"${request.kind}"`, en: `unknown compensation kind "${request.kind}" (expected ${COMPENSATION_KINDS.join(', ')})` });
          }
          if (!Number.isInteger(request.amountFen) || request.amountFen < 0) throw new ActionError(400, 'bad_amount', { zh: '补偿金额必须是非负整数（分）', en: 'amountFen must be a non-negative integer' });
          if (request.amountFen <= 0) throw new ActionError(400, 'bad_amount', { zh: '补偿金额必须大于 0', en: 'amountFen must be more than 0' });
          const orderId = request.orderId ?? soleOrder(cur);
          // Five ¥20 coupons for one customer over five incidents are ¥100 nobody approved, as on one incident.
          // Each grant records the order it went to (below); a record from before that carries none counts for its incident's only order.
          // orderIncidents is empty when no order is known (changeIncident read none).
          const elsewhere = orderIncidents.reduce((sum, other) => sum + grantedOnOwnAuthority(other.compensations.filter((c) => (c.orderId ?? soleOrder(other)) === orderId), actor.role, request.kind), 0);
          const already = grantedOnOwnAuthority(cur.compensations, actor.role, request.kind) + elsewhere;
          const check = checkCompensation(policy, actor.role, request.kind as CompensationKind, request.amountFen, already);
          const comp: Compensation = {
            id: `C-${randomBytes(3).toString('hex').toUpperCase()}`,
            kind: request.kind,
            amountFen: request.amountFen,
            requestedBy: actor.name,
            requestedByRole: actor.role,
            requestedAt: now,
            state: check.allowed ? 'granted' : 'pending_approval',
            // The order it went to, as decided now: the incident's only order may not stay its only one.
            ...(orderId !== undefined ? { orderId } : {}),
            ...(check.allowed ? {} : { approverRole: check.approverRole }),
            ...(request.note ? { note: request.note } : {}),
          };
          inc = { ...inc, compensations: [...inc.compensations, comp] };
          audit(check.allowed ? 'compensate' : 'compensation_requested', {
            detail: { id: comp.id, kind: comp.kind, amountFen: comp.amountFen, ...(check.allowed ? {} : { approverRole: check.approverRole, limitFen: check.limitFen, alreadyGrantedFen: already }) },
            ...(request.note ? { reason: request.note } : {}),
          });
          break;
        }
        case 'decide_compensation': {
          const comp = inc.compensations.find((c) => c.id === request.compensationId);
          if (!comp) throw new ActionError(404, 'not_found', { zh: `没有补偿申请 ${request.compensationId}`, en: `no compensation ${request.compensationId} on this incident` });
          const refusal = approvalRefusal(policy, comp, actor);
          if (refusal) throw new ActionError(refusal.code === 'not_pending' ? 409 : 403, refusal.code, { zh: refusal.zh, en: refusal.en });
          inc = {
            ...inc,
            compensations: inc.compensations.map((c) =>
              c.id === comp.id ? { ...c, state: request.approve ? 'approved' : 'rejected', decidedBy: actor.name, decidedAt: now, ...(request.note ? { note: request.note } : {}) } : c,
            ),
          };
          audit(request.approve ? 'compensation_approved' : 'compensation_rejected', { detail: { id: comp.id }, ...(request.note ? { reason: request.note } : {}) });
          break;
        }
        case 'rate': {
          if (!Number.isInteger(request.score) || request.score < 1 || request.score > 5) throw new ActionError(400, 'bad_score', { zh: '评分须为 1-5 的整数', en: 'score must be an integer from 1 to 5' });
          if (inc.state !== 'resolved' && inc.state !== 'closed' && inc.state !== 'reviewed') {
            throw new ActionError(409, 'wrong_state', { zh: '事件解决后才能为预案评分', en: 'rate the playbook after the incident is resolved' });
          }
          inc = { ...inc, ratings: [...inc.ratings.filter((r) => r.by !== actor.name), { by: actor.name, at: now, score: request.score, ...(request.comment ? { comment: request.comment } : {}) }] };
          audit('rate', { detail: { playbook: inc.playbook, score: request.score }, ...(request.comment ? { reason: request.comment } : {}) });
          break;
        }
        case 'comment':
          if (request.text.trim() === '') throw new ActionError(400, 'empty', { zh: '备注不能为空', en: 'the comment is empty' });
          audit('comment', { reason: request.text.slice(0, 2000) });
          break;
        default:
          break;
      }
    }
    inc = { ...inc, nextActionAt: this.engine.nextActionAt(inc, now) };
    return { incident: inc, log, outbox };
  }

  private workflowAction(request: ActionRequest, actor: Actor, now: Instant): IncidentAction {
    switch (request.type) {
      case 'pause':
        if (!request.reason?.trim()) throw new ActionError(400, 'reason_required', { zh: '暂停需填写原因', en: 'pausing needs a reason' });
        if (request.until !== undefined && request.until <= now) throw new ActionError(400, 'bad_until', { zh: '暂停截止时间须晚于现在', en: 'until must be in the future' });
        return { type: 'pause', by: actor.name, reason: request.reason, at: now, ...(request.until !== undefined ? { until: request.until } : {}) };
      case 'assign':
        return { type: 'assign', assignee: request.assignee };
      case 'close':
        return { type: 'close', rootCause: request.rootCause };
      case 'reopen':
        if (!request.reason?.trim()) throw new ActionError(400, 'reason_required', { zh: '重新打开需填写原因', en: 'reopening needs a reason' });
        return { type: 'reopen' };
      default:
        return { type: request.type } as IncidentAction;
    }
  }

  private engineAnnounce(inc: Incident, now: Instant, step: string): OutboxEntry[] {
    return this.engine.announce(inc, 'escalation', step, now);
  }

  /** pauseOrder takes an order over (人工暂停): its incidents stop notifying and escalating until resumed or `until`. */
  async pauseOrder(orderId: OrderId, actor: Actor, reason: string, until: Instant | undefined, now: Instant): Promise<void> {
    if (!['supervisor', 'ops_manager', 'executive', 'admin'].includes(actor.role)) throw new ActionError(403, 'forbidden', { zh: `角色"${actor.role}"无权暂停订单`, en: `the ${actor.role} role may not take an order over` });
    if (!reason.trim()) throw new ActionError(400, 'reason_required', { zh: '暂停需填写原因', en: 'pausing needs a reason' });
    if (!(await this.store.getOrder(orderId))) throw new ActionError(404, 'not_found', { zh: `没有订单 ${orderId}`, en: `no order ${orderId}` });
    await this.store.response.setOrderPause(orderId, { by: actor.name, reason, at: now, ...(until !== undefined ? { until } : {}) });
    await this.touchOrderIncidents(orderId, actor, 'pause_order', reason, now);
  }

  async resumeOrder(orderId: OrderId, actor: Actor, now: Instant): Promise<void> {
    if (!['supervisor', 'ops_manager', 'executive', 'admin'].includes(actor.role)) throw new ActionError(403, 'forbidden', { zh: `角色"${actor.role}"无权恢复订单`, en: `the ${actor.role} role may not resume an order` });
    await this.store.response.setOrderPause(orderId, undefined);
    await this.touchOrderIncidents(orderId, actor, 'resume_order', undefined, now);
  }

  // The order's incidents record the take-over in their audit trail and are looked at again now.
  private async touchOrderIncidents(orderId: OrderId, actor: Actor, action: string, reason: string | undefined, now: Instant): Promise<void> {
    for (const inc of await this.store.response.incidentsOfOrder(orderId)) {
      if (!isActiveState(inc.state)) continue;
      await this.store.response.changeIncident(inc.id, (cur) => ({
        incident: { ...cur, updatedAt: now, nextActionAt: cur.nextActionAt === undefined ? (action === 'resume_order' ? now : undefined) : Math.min(cur.nextActionAt, now) },
        log: [{ incidentId: cur.id, at: now, actor: actor.name, action, ...(reason ? { reason } : {}), detail: { orderId } }],
      }));
    }
  }

  /** nextRole is who an escalation of the incident goes to (for the console's button label). */
  nextRole(inc: Incident): Role | undefined {
    return nextRoleInChain(this.policy(), inc.ownerRole);
  }
}
