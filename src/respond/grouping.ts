import type { Level, Scope } from '../config/policy/policy-vocabulary.js';
import type { Channel } from '../domain/channel.js';
import type { Finding } from '../domain/finding.js';
import type { Instant } from '../domain/time.js';
import type { ResponsePolicy } from './policy.js';

/** LATENESS are the codes that say "this order is late": one incident covers them all for an order or a batch. */
const LATENESS: ReadonlySet<string> = new Set(['stage.stalled', 'promise.at_risk', 'promise.breached']);

/** GroupFacts are the order's facts that findings can share. */
export interface GroupFacts {
  readonly batchId?: string;
  readonly skus: readonly string[];
  readonly warehouse?: string;
  readonly carrier?: string;
  readonly channel: Channel;
}

/** GroupKey is one incident a finding may join: `key` is what its members share, `scope` what kind of thing that is. */
export interface GroupKey {
  readonly key: string;
  readonly scope: Scope;
}

/**
 * groupKeysOf lists the incidents a finding may join, most telling first and
 * always ending with the order's own key, so a finding whose groups stay
 * small still has its single-order incident:
 * - stock.oversold → the SKU (the finding's key when it names one of the order's SKUs, else each SKU);
 * - stock.sync_stale → the stock sync of the warehouse, then of the channel (scope channel_sync);
 * - stage.stalled and promise.breached → the batch, then the warehouse;
 * - promise.at_risk → the batch;
 * - logistics.exception → the carrier;
 * - everything else → the order.
 * Keys carry the finding code, so a stalled batch and an oversold SKU of the
 * same orders are different incidents — except the three faces of lateness
 * (stage.stalled, promise.at_risk, promise.breached), which share the family
 * `late`: a stuck wave whose orders are also past their promise is one case.
 */
export function groupKeysOf(finding: Pick<Finding, 'orderId' | 'code' | 'key'>, facts: GroupFacts): readonly GroupKey[] {
  const keys: GroupKey[] = [];
  const family = LATENESS.has(finding.code) ? 'late' : finding.code;
  const add = (scope: Scope, value: string): void => {
    keys.push({ key: `${family}|${scope}:${value}`, scope });
  };
  switch (finding.code) {
    case 'stock.oversold':
      for (const sku of facts.skus.includes(finding.key) ? [finding.key] : facts.skus) add('sku', sku);
      break;
    case 'stock.sync_stale':
      if (facts.warehouse !== undefined) add('channel_sync', `warehouse:${facts.warehouse}`);
      add('channel_sync', `channel:${facts.channel}`);
      break;
    case 'stage.stalled':
    case 'promise.breached':
      // Late orders of one wave or one warehouse share a cause: three of them are one case.
      if (facts.batchId !== undefined) add('batch', facts.batchId);
      if (facts.warehouse !== undefined) add('warehouse', facts.warehouse);
      break;
    case 'promise.at_risk':
      // Orders near their promise in one wave are one push for the warehouse; across a warehouse it is ordinary load.
      if (facts.batchId !== undefined) add('batch', facts.batchId);
      break;
    case 'logistics.exception':
      if (facts.carrier !== undefined) add('carrier', facts.carrier);
      break;
    default:
      break;
  }
  keys.push({ key: `${family}|order:${finding.orderId}`, scope: 'order' });
  return keys;
}

/** groupNotifyAt is when a group opened at `openedAt` sends its first notification: after the grouping wait, so one batch pages once. */
export function groupNotifyAt(policy: Pick<ResponsePolicy, 'grouping'>, openedAt: Instant): Instant {
  return openedAt + policy.grouping.wait;
}

/**
 * isGroupIncident tells whether a group of `memberCount` orders is one
 * incident: always for an immediate scope (a sync failure), from
 * `grouping.minOrders` on for the others; an order is always its own.
 */
export function isGroupIncident(policy: Pick<ResponsePolicy, 'grouping'>, scope: Scope, memberCount: number): boolean {
  if (scope === 'order') return true;
  if (policy.grouping.immediateScopes.includes(scope)) return memberCount >= 1;
  return memberCount >= policy.grouping.minOrders;
}

/**
 * groupLevel is the level a group of `memberCount` orders has: 1 for an
 * order or a group still too small to be an incident, 3 for a stock-out or
 * sync failure scope, 2 for any other group (batch, warehouse, carrier).
 */
export function groupLevel(policy: Pick<ResponsePolicy, 'grouping'>, scope: Scope, memberCount: number): Level {
  if (scope === 'order' || !isGroupIncident(policy, scope, memberCount)) return 1;
  return policy.grouping.levelThreeScopes.includes(scope) ? 3 : 2;
}

/**
 * inhibitsMembers tells whether an incident of this level mutes the
 * individual notifications of the orders it covers (one stock-out page, not
 * 400): from `grouping.inhibitMembersFromLevel` up (default 2: a batch
 * incident pages once too).
 */
export function inhibitsMembers(policy: Pick<ResponsePolicy, 'grouping'>, level: Level): boolean {
  return level >= policy.grouping.inhibitMembersFromLevel;
}
