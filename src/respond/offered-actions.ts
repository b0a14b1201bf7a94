import { isActiveState, type Incident } from '../domain/incident.js';
import type { Role } from '../domain/role.js';
import { approvalRefusal } from './compensation.js';
import { ownsIncident, type ActorRef } from './ownership.js';
import type { ResponsePolicy } from './policy.js';
import { allowedActions } from './workflow.js';

const PEOPLE: readonly Role[] = ['agent', 'supervisor', 'ops_manager', 'warehouse', 'executive', 'admin'];

/**
 * offeredActions is every action the console may show a person on an
 * incident, by role and ownership: the workflow's (acknowledge … review),
 * then ticking the checklist and offering compensation (owners, while
 * active), deciding compensation (when a request waits that they may
 * decide), commenting (anyone), rating the playbook (after resolving).
 * The server refuses the same things it does not offer.
 */
export function offeredActions(incident: Incident, actor: ActorRef & { readonly name: string }, policy: Pick<ResponsePolicy, 'escalation' | 'compensation'>): string[] {
  if (!PEOPLE.includes(actor.role)) return [];
  const out: string[] = [...allowedActions(incident, actor, policy)];
  const owns = ownsIncident(incident, actor, policy);
  if (owns && isActiveState(incident.state)) out.push('check', 'compensate');
  if (incident.compensations.some((c) => approvalRefusal(policy, c, actor) === undefined)) out.push('decide_compensation');
  out.push('comment');
  if (incident.state === 'resolved' || incident.state === 'closed' || incident.state === 'reviewed') out.push('rate');
  return out;
}
