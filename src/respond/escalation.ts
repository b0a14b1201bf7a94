import type { Level } from '../config/policy/policy-vocabulary.js';
import type { BusinessCalendar } from '../detect/calendar/index.js';
import type { Role } from '../domain/role.js';
import type { Instant } from '../domain/time.js';
import { responseDeadline } from './delay.js';
import type { ResponsePolicy } from './policy.js';

/** EscalationIncident is what escalation needs to know of an incident. */
export interface EscalationIncident {
  readonly level: Level;
  /** The role that owns it now (after the escalations so far). */
  readonly ownerRole: Role;
  /** Escalations so far. */
  readonly escalations: number;
  readonly openedAt: Instant;
  readonly acknowledgedAt?: Instant;
  /** The incident's own response deadline (from its grading); without it the level's `after` from `openedAt` is the first deadline. */
  readonly responseDeadline?: Instant;
  /** A manual take-over: no escalation while it lasts. */
  readonly pause?: { readonly until?: Instant };
}

/** EscalationStep is the next escalation: its number, the role it goes to, when, and whether that time has come. */
export interface EscalationStep {
  readonly step: number;
  readonly toRole: Role;
  readonly at: Instant;
  readonly due: boolean;
}

/** nextRoleInChain is the role above `role` in the escalation chain (roles outside the chain go to their `offChain` entry), or undefined at the top. */
export function nextRoleInChain(policy: Pick<ResponsePolicy, 'escalation'>, role: Role): Role | undefined {
  const { chain, offChain } = policy.escalation;
  const i = chain.indexOf(role);
  if (i < 0) return offChain[role];
  return chain[i + 1];
}

/**
 * nextEscalation says when an unacknowledged incident passes to the next
 * role: first at its response deadline, then after every further `after` of
 * its level (escalation.level1 … level3), counted on that level's clock, so a
 * level-1 incident opened on Friday evening escalates on Monday morning while
 * a level-3 one escalates at night. Undefined once acknowledged, while paused
 * at `now`, or when the owner is at the top of the chain.
 */
export function nextEscalation(
  policy: Pick<ResponsePolicy, 'escalation'>,
  incident: EscalationIncident,
  calendar: BusinessCalendar,
  now: Instant,
): EscalationStep | undefined {
  if (incident.acknowledgedAt !== undefined) return undefined;
  if (incident.pause !== undefined && (incident.pause.until === undefined || incident.pause.until > now)) return undefined;
  const toRole = nextRoleInChain(policy, incident.ownerRole);
  if (toRole === undefined) return undefined;
  const { after, clock } = policy.escalation[`level${incident.level}`];
  const minutes = after / 60_000;
  const first = incident.responseDeadline ?? responseDeadline(calendar, incident.openedAt, minutes, clock);
  const at = incident.escalations === 0 ? first : responseDeadline(calendar, first, minutes * incident.escalations, clock);
  return { step: incident.escalations + 1, toRole, at, due: at <= now };
}
