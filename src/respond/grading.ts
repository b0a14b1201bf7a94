import type { GradingRule } from '../config/policy/grading-schema.js';
import type { CustomerTier, Grade, Level, ResponseClock, Scope } from '../config/policy/policy-vocabulary.js';
import { matchesOneOrMany } from '../config/policy/value-schemas.js';
import type { FindingCode } from '../domain/finding.js';
import type { Role } from '../domain/role.js';
import type { ResponsePolicy } from './policy.js';

/** GradeInput is what grading looks at: the finding, how late it is, who the customer is and how wide the trouble is. */
export interface GradeInput {
  readonly code: FindingCode;
  /** Whole business days past the finding's deadline (delayBusinessDays); 0 while not yet late. */
  readonly delayBusinessDays: number;
  readonly customerTier: CustomerTier;
  readonly orderValueFen: number;
  /** Orders the incident covers (1 for a single order). */
  readonly batchSize: number;
  readonly scope: Scope;
}

/** GradeDecision is what the first matching rule decided, with that rule's name for the audit trail. */
export interface GradeDecision {
  readonly rule: string;
  readonly grade: Grade;
  readonly level: Level;
  readonly ownerRole: Role;
  readonly responseMinutes: number;
  readonly responseClock: ResponseClock;
  /** The resolution target, in business hours. */
  readonly resolutionHours: number;
  readonly playbook: string;
  readonly notifyCustomer: boolean;
}

interface Range {
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

function inRange(range: Range | undefined, value: number): boolean {
  if (range === undefined) return true;
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}

/** ruleMatches tells whether every condition of a rule's match holds for the input (`{}` always matches). */
export function ruleMatches(rule: GradingRule, input: GradeInput): boolean {
  const m = rule.match;
  return (
    matchesOneOrMany(m.code, input.code) &&
    inRange(m.delayDays, input.delayBusinessDays) &&
    matchesOneOrMany(m.tier, input.customerTier) &&
    inRange(m.orderValueFen, input.orderValueFen) &&
    inRange(m.batchSize, input.batchSize) &&
    matchesOneOrMany(m.scope, input.scope)
  );
}

/**
 * gradeFinding decides grade, level, owner, deadlines and playbook: the
 * policy's rules are tried in order and the first that matches decides. A
 * validated policy ends with a catch-all rule, so a finding nothing matches
 * means the policy was built around the validation: that throws.
 */
export function gradeFinding(policy: Pick<ResponsePolicy, 'grading'>, input: GradeInput): GradeDecision {
  const rule = policy.grading.rules.find((r) => ruleMatches(r, input));
  if (rule === undefined) throw new Error(`gradeFinding: no grading rule matches ${input.code} (the last rule must be a catch-all: match: {})`);
  const t = rule.then;
  return {
    rule: rule.name,
    grade: t.grade,
    level: t.level,
    ownerRole: t.ownerRole,
    responseMinutes: t.respondWithin / 60_000,
    responseClock: t.responseClock,
    resolutionHours: t.resolveWithin / 3_600_000,
    playbook: t.playbook,
    notifyCustomer: t.notifyCustomer,
  };
}
