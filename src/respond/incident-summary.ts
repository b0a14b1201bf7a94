import { deadlineOf, isActiveState, ownersOf, type Incident } from '../domain/incident.js';
import type { Bilingual } from '../domain/finding.js';
import type { Role } from '../domain/role.js';
import type { Instant } from '../domain/time.js';
import { offeredActions } from './offered-actions.js';
import type { ResponsePolicy } from './policy.js';

/** IncidentSummary is one row of the queue: what triage needs, nothing more (a queue page of 50 stays small). */
export interface IncidentSummary {
  readonly id: string;
  readonly title: Bilingual;
  readonly state: Incident['state'];
  readonly grade: Incident['grade'];
  readonly level: Incident['level'];
  readonly scope: Incident['scope'];
  readonly ownerRole: Role;
  readonly owners: readonly Role[];
  readonly assignee?: string;
  readonly openedAt: Instant;
  readonly deadlineAt?: Instant;
  readonly breached: boolean;
  readonly orderCount: number;
  /** The first order covered: the one a call usually starts from. */
  readonly firstOrderId?: string;
  readonly channels: readonly string[];
  readonly codes: readonly string[];
  readonly paused: boolean;
  readonly escalations: number;
  readonly suggestResolve: boolean;
  readonly pendingCompensations: number;
  readonly allowedActions: readonly string[];
}

/** summariseIncident makes a queue row of an incident for one person at `now`. */
export function summariseIncident(incident: Incident, actor: { readonly name: string; readonly role: Role }, policy: Pick<ResponsePolicy, 'escalation' | 'compensation'>, now: Instant): IncidentSummary {
  const deadlineAt = deadlineOf(incident);
  return {
    id: incident.id,
    title: incident.title,
    state: incident.state,
    grade: incident.grade,
    level: incident.level,
    scope: incident.scope,
    ownerRole: incident.ownerRole,
    owners: ownersOf(incident),
    ...(incident.assignee !== undefined ? { assignee: incident.assignee } : {}),
    openedAt: incident.openedAt,
    ...(deadlineAt !== undefined ? { deadlineAt } : {}),
    breached: isActiveState(incident.state) && deadlineAt !== undefined && deadlineAt < now,
    orderCount: incident.orderCount,
    ...(incident.orderIds[0] !== undefined ? { firstOrderId: incident.orderIds[0] } : {}),
    channels: incident.channels,
    codes: incident.codes.slice(0, 5),
    paused: incident.pause !== undefined && (incident.pause.until === undefined || incident.pause.until > now),
    escalations: incident.escalations,
    suggestResolve: incident.suggestResolve,
    pendingCompensations: incident.compensations.filter((c) => c.state === 'pending_approval').length,
    allowedActions: offeredActions(incident, actor, policy),
  };
}
