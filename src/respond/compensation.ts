import type { CompensationLimitFen } from '../config/policy/compensation-schema.js';
import type { CompensationKind } from '../config/policy/policy-vocabulary.js';
import { ROLE_NAMES_ZH, type Role } from '../domain/role.js';
import type { ResponsePolicy } from './policy.js';

type CompensationPolicy = Pick<ResponsePolicy, 'compensation'>;

/** CompensationCheck is whether a role may grant an amount on its own, or whom it must ask and what its own limit is. */
export type CompensationCheck = { readonly allowed: true } | { readonly allowed: false; readonly approverRole: Role; readonly limitFen: number };

/** compensationLimit is what a role may grant of a kind on its own, in fen ('unlimited' for no limit; 0 when the policy gives the role none). */
export function compensationLimit(policy: CompensationPolicy, role: Role, kind: CompensationKind): CompensationLimitFen {
  return policy.compensation.limitsFen[role]?.[kind] ?? 0;
}

const covers = (limit: CompensationLimitFen, amountFen: number): boolean => limit === 'unlimited' || amountFen <= limit;

/**
 * checkCompensation tells whether `role` may grant `amountFen` of `kind`
 * itself. Over its limit the request goes for approval to the first role
 * above it in `compensation.approvalChain` whose limit covers the amount (a
 * ¥300 coupon from an agent goes straight to the operations manager, not
 * through a supervisor who could not approve it); when none covers it, to the
 * top of the chain. Roles outside the chain rank with its bottom (what
 * they ask goes to the role above it).
 * `alreadyGrantedFen` is what the same role already granted of the kind on
 * its own authority on the same incident, and to the same order on its other
 * incidents (grantedOnOwnAuthority, summed by IncidentActions): the limit
 * covers the sum.
 */
export function checkCompensation(policy: CompensationPolicy, role: Role, kind: CompensationKind, amountFen: number, alreadyGrantedFen = 0): CompensationCheck {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new RangeError(`checkCompensation: amountFen must be a positive integer, got ${amountFen}`);
  const own = compensationLimit(policy, role, kind);
  // The limit is per incident and customer, not per request: five ¥20 coupons at a ¥20 limit are ¥100 that nobody approved.
  if (covers(own, alreadyGrantedFen + amountFen)) return { allowed: true };
  const chain = policy.compensation.approvalChain;
  // A role off the chain ranks with its bottom: the warehouse's request goes to a supervisor, never to an agent.
  const above = chain.slice(Math.max(0, chain.indexOf(role)) + 1);
  const approverRole = above.find((r) => covers(compensationLimit(policy, r, kind), amountFen)) ?? above[above.length - 1] ?? chain[chain.length - 1] ?? role;
  return { allowed: false, approverRole, limitFen: typeof own === 'number' ? own : 0 };
}

/** CompensationRecord is what approval needs to know of a compensation request. */
export interface CompensationRecord {
  readonly kind: string;
  readonly amountFen: number;
  readonly requestedBy: string;
  readonly requestedByRole?: Role;
  readonly state: 'granted' | 'pending_approval' | 'approved' | 'rejected';
}

/**
 * approvalRank is a role's place in the approval chain; roles outside it
 * (the warehouse, the admin) rank with its bottom, so what they ask goes up
 * to the second role at least, and they approve nothing.
 */
export function approvalRank(policy: CompensationPolicy, role: Role): number {
  return Math.max(0, policy.compensation.approvalChain.indexOf(role));
}

/** grantedOnOwnAuthority sums what `role` granted of `kind` itself (no approval) among an incident's compensations: what its limit has used up there. */
export function grantedOnOwnAuthority(compensations: readonly CompensationRecord[], role: Role, kind: string): number {
  return compensations.filter((c) => c.state === 'granted' && c.requestedByRole === role && c.kind === kind).reduce((sum, c) => sum + c.amountFen, 0);
}

/** CompensationTotals are an incident's compensations added up: granted (on own authority or approved), waiting, rejected. */
export interface CompensationTotals {
  readonly grantedFen: number;
  readonly pendingFen: number;
  readonly rejectedFen: number;
  readonly pending: number;
}

/** compensationTotals adds up an incident's compensations by outcome. */
export function compensationTotals(compensations: readonly CompensationRecord[]): CompensationTotals {
  const sum = (states: readonly string[]): number => compensations.filter((c) => states.includes(c.state)).reduce((s, c) => s + c.amountFen, 0);
  return { grantedFen: sum(['granted', 'approved']), pendingFen: sum(['pending_approval']), rejectedFen: sum(['rejected']), pending: compensations.filter((c) => c.state === 'pending_approval').length };
}

/** ApprovalRefusal says why a person may not decide a compensation request, in both languages. */
export interface ApprovalRefusal {
  readonly code: 'not_pending' | 'own_request' | 'not_above_requester' | 'over_limit';
  readonly zh: string;
  readonly en: string;
}

/**
 * approvalRefusal tells why `approver` may not approve or reject a request,
 * or undefined when they may. Approval goes up the chain only: nobody
 * decides their own request, nor one asked by their own or a higher role
 * (an agent never approves what the warehouse asked), and the approver's own
 * limit of the kind must cover the amount.
 */
export function approvalRefusal(policy: CompensationPolicy, request: CompensationRecord, approver: { readonly name: string; readonly role: Role }): ApprovalRefusal | undefined {
  if (request.state !== 'pending_approval') return { code: 'not_pending', zh: '该补偿不在待审批状态', en: 'the compensation is not waiting for approval' };
  if (request.requestedBy === approver.name) return { code: 'own_request', zh: '不能审批自己提交的补偿申请', en: 'nobody approves their own compensation request' };
  const chain = policy.compensation.approvalChain;
  const requesterRank = approvalRank(policy, request.requestedByRole ?? chain[0]!);
  if (!chain.includes(approver.role) || approvalRank(policy, approver.role) <= requesterRank) {
    return {
      code: 'not_above_requester',
      zh: `补偿审批须由更高级别的角色处理（申请人角色：${ROLE_NAMES_ZH[request.requestedByRole ?? chain[0]!]}，您的角色：${ROLE_NAMES_ZH[approver.role]}）`,
      en: `approval goes up the chain: a ${approver.role} may not decide a request from a ${request.requestedByRole ?? 'lower role'}`,
    };
  }
  const limit = compensationLimit(policy, approver.role, request.kind as CompensationKind);
  if (!covers(limit, request.amountFen)) {
    const next = chain.slice(chain.indexOf(approver.role) + 1).find((r) => covers(compensationLimit(policy, r, request.kind as CompensationKind), request.amountFen)) ?? chain[chain.length - 1]!;
    return {
      code: 'over_limit',
      zh: `金额超出您的审批额度（${typeof limit === 'number' ? (limit / 100).toFixed(2) : '不限'} 元），需由${ROLE_NAMES_ZH[next]}审批`,
      en: `over your limit (${typeof limit === 'number' ? (limit / 100).toFixed(2) : 'unlimited'} yuan): needs the ${next} role`,
    };
  }
  return undefined;
}
