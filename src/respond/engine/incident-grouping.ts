import { randomBytes } from 'node:crypto';
import { carrierCode } from '../../domain/carrier.js';
import type { FindingCode } from '../../domain/finding.js';
import { channelOfOrder, INCIDENT_ORDER_SAMPLE, isActiveState, type Incident, type IncidentLogEntry, type IncidentScope, type OutboxEntry } from '../../domain/incident.js';
import type { OrderId, StoredOrder } from '../../domain/order.js';
import { formatShanghai, type Instant } from '../../domain/time.js';
import type { IncidentChange, MemberRef, MembershipDelta, WaitingFinding } from '../../store/response-store.js';
import type { Store } from '../../store/store.js';
import { groupKeysOf, groupLevel, isGroupIncident, type GroupKey } from '../grouping.js';
import type { ResponsePolicy } from '../policy.js';
import { incidentTitle, subjectOf } from './incident-title.js';
import type { MessageKind } from './incident-messages.js';

/** FindingRef names one finding. */
export type FindingRef = MemberRef;

/** TickSummary says what one pass of the engine did. */
export interface TickSummary {
  opened: number;
  joined: number;
  acted: number;
  enqueued: number;
  /** Findings filed on the fix list (data quality), not into incidents. */
  filed: number;
}

/** emptySummary is a TickSummary of nothing done. */
export function emptySummary(): TickSummary {
  return { opened: 0, joined: 0, acted: 0, enqueued: 0, filed: 0 };
}

/** SYSTEM is the actor of what automation does, in the audit trail. */
export const SYSTEM = 'system';

/** findingId is a finding's identity across tables. */
export function findingId(f: FindingRef): string {
  return `${f.orderId}|${f.code}|${f.key}`;
}

/** newIncidentId is readable (the Shanghai date) and unique across instances (random part). */
export function newIncidentId(now: Instant): string {
  return `INC-${formatShanghai(now).slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** IncidentGroupingDeps: the store, the policy in effect, and how to tell an incident's receivers it grew. */
export interface IncidentGroupingDeps {
  readonly store: Store;
  readonly policy: () => ResponsePolicy;
  readonly announce: (incident: Incident, kind: MessageKind, step: string, now: Instant) => OutboxEntry[];
}

/** Candidates are the group keys one finding may join, from its order's facts. */
function candidatesOf(f: FindingRef, order: StoredOrder): readonly GroupKey[] {
  return groupKeysOf(f as Parameters<typeof groupKeysOf>[0], {
    skus: order.items.map((i) => i.sku),
    channel: order.channel,
    ...(order.batch !== undefined ? { batchId: order.batch } : {}),
    ...(order.warehouse !== undefined ? { warehouse: order.warehouse } : {}),
    // One carrier, one group: JD's 1499 and Taobao's 中通快递 are the same company.
    ...(order.shipments[0]?.carrier !== undefined ? { carrier: carrierCode(order.shipments[0].carrier) } : {}),
  });
}

/**
 * IncidentGrouping puts findings into incidents (SPEC C6). A new finding
 * that may belong to a group waits a short while in the wait room under each
 * candidate key, then joins or opens the most telling group that is big
 * enough, else its order's own incident; one whose group already has an
 * incident joins it at once. A finding that goes away leaves its incidents.
 *
 * Work is done per batch and per incident, never per finding against an
 * incident's members: a batch of new findings costs one read of their
 * orders, one lookup of the active incidents on all their keys, and one
 * membership change per incident they join (which writes only the new
 * members). A 10,000-order stock-out is one incident and a few hundred
 * statements per batch, not 10,000 reads of a growing member list.
 */
export class IncidentGrouping {
  constructor(private readonly deps: IncidentGroupingDeps) {}

  private get policy(): ResponsePolicy {
    return this.deps.policy();
  }

  /** place takes a batch of findings opened and resolved: new ones go to incidents (or the wait room), gone ones leave them. */
  async place(opened: readonly FindingRef[], resolved: readonly FindingRef[], now: Instant): Promise<TickSummary> {
    const summary = emptySummary();
    const store = this.deps.store.response;
    if (resolved.length > 0) {
      await store.removeFromWaitRoom(resolved);
      const holders = await store.incidentsOfFindings(resolved);
      const byIncident = new Map<string, FindingRef[]>();
      for (const f of resolved) for (const id of holders.get(findingId(f)) ?? []) (byIncident.get(id) ?? byIncident.set(id, []).get(id)!).push(f);
      for (const [id, gone] of byIncident) await this.leave(id, gone, now);
    }
    if (opened.length === 0) return summary;
    const orders = await this.deps.store.getOrders(opened.map((f) => f.orderId));
    const candidates = new Map<string, readonly GroupKey[]>();
    for (const f of opened) {
      const order = orders.get(f.orderId);
      if (order) candidates.set(findingId(f), candidatesOf(f, order));
    }
    const groupKeys = [...new Set([...candidates.values()].flatMap((keys) => keys.filter((k) => k.scope !== 'order').map((k) => k.key)))];
    const active = await store.activeIncidentsByKeys(groupKeys);
    const joins = new Map<string, FindingRef[]>();
    const waiting: WaitingFinding[] = [];
    for (const f of opened) {
      const keys = candidates.get(findingId(f));
      if (!keys) continue;
      // An incident already open on one of its groups takes the finding at once.
      const open = keys.find((k) => k.scope !== 'order' && active.has(k.key));
      if (open) {
        const id = active.get(open.key)!.id;
        (joins.get(id) ?? joins.set(id, []).get(id)!).push(f);
        continue;
      }
      if (keys.length === 1) {
        summary[await this.openOrJoin(keys[0]!.key, 'order', [f], now)] += 1;
        continue;
      }
      keys.forEach((k, rank) => waiting.push({ groupKey: k.key, scope: k.scope, rank, orderId: f.orderId, code: f.code, key: f.key, addedAt: now }));
    }
    for (const [id, findings] of joins) {
      await this.join(id, findings, now);
      summary.joined += findings.length;
    }
    await store.addToWaitRoom(waiting);
    return summary;
  }

  /**
   * drainWaitRoom lets findings that have waited long enough (all of them
   * with `flush`) join or open their most telling group that is big enough,
   * else their order's own incident. Whoever waits under a key that becomes
   * an incident goes along, ready or not: one batch, one incident. At most
   * `maxPasses` reads of 1,000 ready findings: the rest waits for the next call.
   */
  async drainWaitRoom(now: Instant, flush: boolean, maxPasses = 100): Promise<TickSummary & { more: boolean }> {
    const summary = { ...emptySummary(), more: false };
    const store = this.deps.store.response;
    const readyBefore = flush ? now : now - this.policy.grouping.wait;
    for (let pass = 0; pass < maxPasses; pass++) {
      const rows = await store.waitingSince(readyBefore, 1000);
      if (rows.length === 0) return summary;
      const byFinding = new Map<string, WaitingFinding[]>();
      for (const r of rows) (byFinding.get(findingId(r)) ?? byFinding.set(findingId(r), []).get(findingId(r))!).push(r);
      const groupKeys = [...new Set(rows.filter((r) => r.scope !== 'order').map((r) => r.groupKey))];
      const counts = await store.waitRoomOrders(groupKeys);
      const withIncident = new Set((await store.activeIncidentsByKeys(groupKeys)).keys());
      const handled = new Set<string>();
      for (const [id, candidates] of byFinding) {
        if (handled.has(id)) continue;
        candidates.sort((a, b) => a.rank - b.rank);
        for (const c of candidates) {
          const scope = c.scope as IncidentScope;
          if (scope === 'order') {
            summary[await this.openOrJoin(c.groupKey, 'order', [c], now)]++;
            await store.removeFromWaitRoom([c]);
            handled.add(id);
            break;
          }
          if (withIncident.has(c.groupKey) || isGroupIncident(this.policy, scope, counts.get(c.groupKey) ?? 0)) {
            const members = (await store.waitRoomRows([c.groupKey])).filter((m) => !handled.has(findingId(m)));
            summary[await this.openOrJoin(c.groupKey, scope, members, now)]++;
            await store.removeFromWaitRoom(members);
            for (const m of members) handled.add(findingId(m));
            withIncident.add(c.groupKey);
            break;
          }
        }
      }
    }
    summary.more = true;
    return summary;
  }

  private async openOrJoin(groupKey: string, scope: IncidentScope, findings: readonly FindingRef[], now: Instant): Promise<'opened' | 'joined'> {
    if (findings.length === 0) return 'joined';
    const store = this.deps.store.response;
    const existing = await store.activeIncidentByKey(groupKey);
    if (existing) {
      await this.join(existing.id, findings, now);
      return 'joined';
    }
    const first = findings[0]!;
    const orderIds = [...new Set(findings.map((f) => f.orderId))];
    const codes = [...new Set(findings.map((f) => f.code as FindingCode))];
    const id = newIncidentId(now);
    const channelOrderId = scope === 'order' ? (await this.deps.store.getOrder(first.orderId))?.channelOrderId : undefined;
    const unique = new Map(findings.map((f) => [findingId(f), f]));
    const incident: Incident = {
      id,
      groupKey,
      scope,
      title: incidentTitle(scope, subjectOf(groupKey), codes, orderIds.length, channelOrderId),
      state: 'open',
      level: groupLevel(this.policy, scope, orderIds.length),
      // Graded when it notifies, with every member known.
      grade: 'C',
      ownerRole: 'agent',
      openedAt: now,
      notifyAt: now,
      escalations: 0,
      remindersSent: 0,
      nextActionAt: now,
      checklist: [],
      compensations: [],
      ratings: [],
      suggestResolve: false,
      activeMembers: unique.size,
      orderIds: orderIds.slice(0, INCIDENT_ORDER_SAMPLE),
      orderCount: orderIds.length,
      channels: [...new Set(orderIds.map(channelOfOrder))],
      codes,
      updatedAt: now,
    };
    const result = await store.openIncident({
      incident,
      addMembers: [...unique.values()].map((f) => ({ orderId: f.orderId, code: f.code as FindingCode, key: f.key, addedAt: now })),
      log: [{ incidentId: id, at: now, actor: SYSTEM, action: 'open', toState: 'open', detail: { groupKey, scope, orders: orderIds.length } }],
    });
    if (!result.opened) {
      await this.join(result.id, findings, now);
      return 'joined';
    }
    return 'opened';
  }

  /** join adds findings to an incident: the store writes only the new members and measures the result. */
  private async join(incidentId: string, findings: readonly FindingRef[], now: Instant): Promise<void> {
    // An order's own incident is titled by its platform number: read once per join of one order's findings (never per finding).
    const orders = orderIdsOf(findings);
    const channelOrderId = orders.length === 1 ? (await this.deps.store.getOrder(orders[0]!))?.channelOrderId : undefined;
    await this.deps.store.response.changeMembers(incidentId, { add: findings, at: now }, (cur, delta) => {
      if (delta.added.length === 0) return undefined;
      const level = Math.max(cur.level, groupLevel(this.policy, cur.scope, delta.orderCount)) as Incident['level'];
      const next: Incident = {
        ...withMembership(cur, delta),
        level,
        suggestResolve: false,
        // An order's incident names every problem the order has now (a stall that became a breach says so).
        title: incidentTitle(cur.scope, subjectOf(cur.groupKey), delta.codes.length > 0 ? delta.codes : [delta.added[0]!.code as FindingCode], delta.orderCount, channelOrderId),
        updatedAt: now,
      };
      const log: IncidentLogEntry[] = [
        { incidentId: cur.id, at: now, actor: SYSTEM, action: 'join', detail: { findings: delta.added.length, orders: delta.ordersAdded.length, sample: delta.added.slice(0, 20).map(findingId) } },
      ];
      const outbox: OutboxEntry[] = [];
      if (level > cur.level) {
        log.push({ incidentId: cur.id, at: now, actor: SYSTEM, action: 'level_up', detail: { from: cur.level, to: level } });
        // Already announced at the old level: tell the same people it grew.
        if (cur.notifiedAt !== undefined && isActiveState(cur.state)) outbox.push(...this.deps.announce(next, 'level_up', `level-${level}`, now));
      }
      return { incident: next, log, outbox };
    });
  }

  /** leave takes findings whose cause went away out of an incident, suggesting to resolve it when none is left. */
  private async leave(incidentId: string, gone: readonly FindingRef[], now: Instant): Promise<void> {
    await this.deps.store.response.changeMembers(incidentId, { remove: gone, at: now }, (cur, delta): IncidentChange | undefined => {
      if (delta.removed.length === 0) return undefined;
      const allClear = delta.activeMembers === 0;
      const log: IncidentLogEntry[] = [{ incidentId: cur.id, at: now, actor: SYSTEM, action: 'finding_cleared', detail: { findings: delta.removed.length, sample: delta.removed.slice(0, 20).map(findingId) } }];
      if (allClear && !cur.suggestResolve && isActiveState(cur.state)) {
        log.push({ incidentId: cur.id, at: now, actor: SYSTEM, action: 'suggest_resolve', reason: '涉及订单的异常均已消失，建议解决 / every finding went away: consider resolving' });
      }
      // An empty incident keeps showing what it was about.
      const kept = allClear ? { orderIds: cur.orderIds, orderCount: cur.orderCount, codes: cur.codes, channels: cur.channels } : {};
      return { incident: { ...withMembership(cur, delta), ...kept, activeMembers: delta.activeMembers, suggestResolve: allClear, updatedAt: now }, log };
    });
  }
}

/** withMembership copies a membership delta's figures onto the incident. */
function withMembership(cur: Incident, delta: MembershipDelta): Incident {
  return { ...cur, activeMembers: delta.activeMembers, orderIds: delta.orderSample, orderCount: delta.orderCount, codes: delta.codes, channels: delta.channels };
}

/** orderIdsOf lists the distinct orders of findings, in first-seen order. */
export function orderIdsOf(findings: readonly FindingRef[]): OrderId[] {
  return [...new Set(findings.map((f) => f.orderId))];
}
