import type { CompensationLimitFen } from '../config/policy/compensation-schema.js';
import type { CompensationKind } from '../config/policy/policy-vocabulary.js';
import type { Role } from '../domain/role.js';
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
 * top of the chain. Roles outside the chain start from its bottom.
 */
export function checkCompensation(policy: CompensationPolicy, role: Role, kind: CompensationKind, amountFen: number): CompensationCheck {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new RangeError(`checkCompensation: amountFen must be a positive integer, got ${amountFen}`);
  const own = compensationLimit(policy, role, kind);
  if (covers(own, amountFen)) return { allowed: true };
  const chain = policy.compensation.approvalChain;
  const above = chain.slice(chain.indexOf(role) + 1);
  const approverRole = above.find((r) => covers(compensationLimit(policy, r, kind), amountFen)) ?? above[above.length - 1] ?? chain[chain.length - 1] ?? role;
  return { allowed: false, approverRole, limitFen: typeof own === 'number' ? own : 0 };
}
