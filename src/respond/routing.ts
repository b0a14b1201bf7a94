import type { Grade, Level } from '../config/policy/policy-vocabulary.js';
import { matchesOneOrMany } from '../config/policy/value-schemas.js';
import type { Channel } from '../domain/channel.js';
import type { FindingCode } from '../domain/finding.js';
import type { Role } from '../domain/role.js';
import type { ResponsePolicy } from './policy.js';

/** RouteFacts are what routes match on: the incident's grade, level and owner, and the codes and channels of its orders. */
export interface RouteFacts {
  readonly grade: Grade;
  readonly level: Level;
  readonly ownerRole: Role;
  readonly codes: readonly FindingCode[];
  readonly channels: readonly Channel[];
}

const anyMatches = <T>(matcher: T | readonly T[] | undefined, values: readonly T[]): boolean => matcher === undefined || values.some((v) => matchesOneOrMany(matcher, v));

/**
 * routeReceivers names the receivers of an incident: routes are tried in
 * order, the first that matches wins unless it says `continue: true`; a
 * route's code or channel matches when any of the incident's does. Each
 * receiver is named once, in route order; none when no route matches.
 */
export function routeReceivers(policy: Pick<ResponsePolicy, 'routes'>, facts: RouteFacts): readonly string[] {
  const names: string[] = [];
  for (const route of policy.routes) {
    const m = route.match;
    const fits =
      matchesOneOrMany(m.grade, facts.grade) &&
      matchesOneOrMany(m.level, facts.level) &&
      matchesOneOrMany(m.ownerRole, facts.ownerRole) &&
      anyMatches(m.code, facts.codes) &&
      anyMatches(m.channel, facts.channels);
    if (!fits) continue;
    for (const name of route.receivers) if (!names.includes(name)) names.push(name);
    if (!route.continue) break;
  }
  return names;
}
