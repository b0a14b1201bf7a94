import { ownersOf } from '../domain/incident.js';
import type { Role } from '../domain/role.js';
import type { ResponsePolicy } from './policy.js';

/** OwnedIncident is what ownership reads of an incident. */
export interface OwnedIncident {
  readonly ownerRole: Role;
  readonly owners?: readonly Role[];
  readonly assignee?: string;
}

/** ActorRef is who asks: a person's name (when known) and role. */
export interface ActorRef {
  readonly name?: string;
  readonly role: Role;
}

/** withOwner adds a role to the owners; nobody is dropped (an escalation tells someone more, the ops manager stays on it). */
export function withOwner(incident: OwnedIncident, role: Role): readonly Role[] {
  const owners = ownersOf(incident);
  return owners.includes(role) ? owners : [...owners, role];
}

// A role's place in the escalation chain; a role off the chain sits just below the role it escalates to.
function rank(policy: Pick<ResponsePolicy, 'escalation'>, role: Role): number {
  const { chain, offChain } = policy.escalation;
  const i = chain.indexOf(role);
  if (i >= 0) return i;
  const to = offChain[role];
  return to !== undefined && chain.includes(to) ? chain.indexOf(to) - 0.5 : -1;
}

/**
 * ownsIncident tells whether an actor may work on an incident: its assignee,
 * a role among its owners, a role above one of the owners in the escalation
 * chain (a supervisor steps into an agent's case), or the admin. A warehouse
 * user or an agent is not offered the ops manager's incident.
 */
export function ownsIncident(incident: OwnedIncident, actor: ActorRef, policy: Pick<ResponsePolicy, 'escalation'>): boolean {
  if (actor.role === 'admin') return true;
  if (actor.name !== undefined && incident.assignee !== undefined && actor.name === incident.assignee) return true;
  const owners = ownersOf(incident);
  if (owners.includes(actor.role)) return true;
  const mine = policy.escalation.chain.indexOf(actor.role);
  return mine >= 0 && owners.some((o) => rank(policy, o) < mine);
}
