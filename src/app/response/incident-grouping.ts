import { randomBytes } from 'node:crypto';
import type { Finding, FindingCode } from '../../domain/finding.js';
import { isActiveState, type Incident, type IncidentLogEntry, type IncidentMember, type IncidentScope, type OutboxEntry } from '../../domain/incident.js';
import type { OrderId, StoredOrder } from '../../domain/order.js';
import { formatShanghai, type Instant } from '../../domain/time.js';
import { groupKeysOf, groupLevel, isGroupIncident, type ResponsePolicy } from '../../respond/index.js';
import type { IncidentChange, WaitingFinding } from '../../store/response-store.js';
import type { Store } from '../../store/store.js';
import { incidentTitle, subjectOf } from './incident-title.js';
import type { MessageKind } from './incident-messages.js';

/** FindingRef names one finding. */
export interface FindingRef {
  readonly orderId: OrderId;
  readonly code: string;
  readonly key: string;
}

/** TickSummary says what one pass of the engine did. */
export interface TickSummary {
  opened: number;
  joined: number;
  acted: number;
  enqueued: number;
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

function activeMembersOf(members: readonly Pick<IncidentMember, 'orderId' | 'code' | 'removedAt'>[]): { orderIds: OrderId[]; codes: FindingCode[]; count: number } {
  const active = members.filter((m) => m.removedAt === undefined);
  return {
    orderIds: [...new Set(active.map((m) => m.orderId))],
    codes: [...new Set(active.map((m) => m.code as FindingCode))],
    count: active.length,
  };
}

/** loadOrders reads these orders (each once), for grouping and grading. */
export async function loadOrders(store: Store, ids: readonly OrderId[]): Promise<Map<OrderId, StoredOrder>> {
  const out = new Map<OrderId, StoredOrder>();
  for (const id of new Set(ids)) {
    const order = await store.getOrder(id);
    if (order) out.set(id, order);
  }
  return out;
}

/** IncidentGroupingDeps: the store, the policy in effect, and how to tell an incident's receivers it grew. */
export interface IncidentGroupingDeps {
  readonly store: Store;
  readonly policy: () => ResponsePolicy;
  readonly announce: (incident: Incident, kind: MessageKind, step: string, now: Instant) => OutboxEntry[];
}

/**
 * IncidentGrouping puts findings into incidents (SPEC C6). A new finding
 * that may belong to a group waits a short while in the wait room under each
 * candidate key, then joins or opens the most telling group that is big
 * enough, else its order's own incident; one whose group already has an
 * incident joins it at once. A finding that goes away leaves its incidents.
 */
export class IncidentGrouping {
  constructor(private readonly deps: IncidentGroupingDeps) {}

  private get policy(): ResponsePolicy {
    return this.deps.policy();
  }

  /** place takes what a detection pass changed: new findings go to incidents (or the wait room), gone ones leave them. */
  async place(changes: { readonly opened: readonly Finding[]; readonly resolved: readonly FindingRef[] }, now: Instant): Promise<TickSummary> {
    const summary: TickSummary = { opened: 0, joined: 0, acted: 0, enqueued: 0 };
    const store = this.deps.store.response;
    if (changes.resolved.length) await store.removeFromWaitRoom(changes.resolved);
    for (const f of changes.resolved) {
      for (const id of await store.incidentsOfFinding(f.orderId, f.code, f.key)) {
        await store.changeIncident(id, (cur, members) => this.leave(cur, members, f, now));
      }
    }
    if (changes.opened.length === 0) return summary;
    const orders = await loadOrders(this.deps.store, changes.opened.map((f) => f.orderId));
    const waiting: WaitingFinding[] = [];
    for (const f of changes.opened) {
      const order = orders.get(f.orderId);
      if (!order) continue;
      const keys = groupKeysOf(f, {
        skus: order.items.map((i) => i.sku),
        channel: order.channel,
        ...(order.batch !== undefined ? { batchId: order.batch } : {}),
        ...(order.warehouse !== undefined ? { warehouse: order.warehouse } : {}),
        ...(order.shipments[0]?.carrier !== undefined ? { carrier: order.shipments[0].carrier } : {}),
      });
      let placed = false;
      // An incident already open on one of its groups takes the finding at once.
      for (const k of keys) {
        if (k.scope === 'order') break;
        const active = await store.activeIncidentByKey(k.key);
        if (active) {
          await this.join(active.id, [f], now);
          summary.joined++;
          placed = true;
          break;
        }
      }
      if (placed) continue;
      if (keys.length === 1) {
        const r = await this.openOrJoin(keys[0]!.key, 'order', [f], now);
        summary[r] += 1;
        continue;
      }
      keys.forEach((k, rank) => waiting.push({ groupKey: k.key, scope: k.scope, rank, orderId: f.orderId, code: f.code, key: f.key, addedAt: now }));
    }
    await store.addToWaitRoom(waiting);
    return summary;
  }

  async drainWaitRoom(now: Instant, flush: boolean): Promise<TickSummary> {
    const summary: TickSummary = { opened: 0, joined: 0, acted: 0, enqueued: 0 };
    const store = this.deps.store.response;
    const readyBefore = flush ? now : now - this.policy.grouping.wait;
    for (let pass = 0; pass < 100; pass++) {
      const rows = await store.waitingSince(readyBefore, 1000);
      if (rows.length === 0) break;
      const byFinding = new Map<string, WaitingFinding[]>();
      for (const r of rows) (byFinding.get(findingId(r)) ?? byFinding.set(findingId(r), []).get(findingId(r))!).push(r);
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
          const active = await store.activeIncidentByKey(c.groupKey);
          const count = (await store.waitRoomOrders([c.groupKey])).get(c.groupKey) ?? 0;
          if (active || isGroupIncident(this.policy, scope, count)) {
            // Everyone waiting under this key goes along, ready or not: one batch, one incident.
            const members = await store.waitRoomRows([c.groupKey]);
            summary[await this.openOrJoin(c.groupKey, scope, members, now)]++;
            await store.removeFromWaitRoom(members);
            for (const m of members) handled.add(findingId(m));
            break;
          }
        }
      }
    }
    return summary;
  }

  private async openOrJoin(groupKey: string, scope: IncidentScope, findings: readonly FindingRef[], now: Instant): Promise<'opened' | 'joined'> {
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
    const incident: Incident = {
      id,
      groupKey,
      scope,
      title: incidentTitle(scope, subjectOf(groupKey), first.code as FindingCode, orderIds.length, channelOrderId),
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
      activeMembers: findings.length,
      orderIds,
      codes,
      updatedAt: now,
    };
    const result = await store.openIncident({
      incident,
      addMembers: findings.map((f) => ({ orderId: f.orderId, code: f.code as FindingCode, key: f.key, addedAt: now })),
      log: [{ incidentId: id, at: now, actor: SYSTEM, action: 'open', toState: 'open', detail: { groupKey, scope, orders: orderIds.length } }],
    });
    if (!result.opened) {
      await this.join(result.id, findings, now);
      return 'joined';
    }
    return 'opened';
  }

  private async join(incidentId: string, findings: readonly FindingRef[], now: Instant): Promise<void> {
    await this.deps.store.response.changeIncident(incidentId, (cur, members) => {
      const known = new Set(members.filter((m) => m.removedAt === undefined).map(findingId));
      const fresh = findings.filter((f) => !known.has(findingId(f)));
      if (fresh.length === 0) return undefined;
      const all = [...members.filter((m) => !fresh.some((f) => findingId(f) === findingId(m))), ...fresh.map((f) => ({ ...f, code: f.code as FindingCode, removedAt: undefined }))];
      const counted = activeMembersOf(all);
      const level = Math.max(cur.level, groupLevel(this.policy, cur.scope, counted.orderIds.length)) as Incident['level'];
      const next: Incident = {
        ...cur,
        level,
        activeMembers: counted.count,
        orderIds: counted.orderIds,
        codes: counted.codes,
        suggestResolve: false,
        title: cur.scope === 'order' ? cur.title : incidentTitle(cur.scope, subjectOf(cur.groupKey), counted.codes[0] ?? (fresh[0]!.code as FindingCode), counted.orderIds.length),
        updatedAt: now,
      };
      const log: IncidentLogEntry[] = [{ incidentId: cur.id, at: now, actor: SYSTEM, action: 'join', detail: { findings: fresh.map(findingId) } }];
      const outbox: OutboxEntry[] = [];
      if (level > cur.level) {
        log.push({ incidentId: cur.id, at: now, actor: SYSTEM, action: 'level_up', detail: { from: cur.level, to: level } });
        // Already announced at the old level: tell the same people it grew.
        if (cur.notifiedAt !== undefined && isActiveState(cur.state)) outbox.push(...this.deps.announce(next, 'level_up', `level-${level}`, now));
      }
      return {
        incident: next,
        addMembers: fresh.map((f) => ({ orderId: f.orderId, code: f.code as FindingCode, key: f.key, addedAt: now })),
        log,
        outbox,
      };
    });
  }

  private leave(cur: Incident, members: IncidentMember[], f: FindingRef, now: Instant): IncidentChange | undefined {
    const remaining = members.filter((m) => m.removedAt === undefined && findingId(m) !== findingId(f));
    if (remaining.length === members.filter((m) => m.removedAt === undefined).length) return undefined;
    const counted = activeMembersOf(remaining);
    const allClear = counted.count === 0;
    const log: IncidentLogEntry[] = [{ incidentId: cur.id, at: now, actor: SYSTEM, action: 'finding_cleared', detail: { finding: findingId(f) } }];
    if (allClear && !cur.suggestResolve && isActiveState(cur.state)) {
      log.push({ incidentId: cur.id, at: now, actor: SYSTEM, action: 'suggest_resolve', reason: '涉及订单的异常均已消失，建议解决 / every finding went away: consider resolving' });
    }
    return {
      incident: { ...cur, activeMembers: counted.count, orderIds: counted.orderIds.length ? counted.orderIds : cur.orderIds, codes: counted.codes.length ? counted.codes : cur.codes, suggestResolve: allClear, updatedAt: now },
      removeMembers: [{ orderId: f.orderId, code: f.code, key: f.key, at: now }],
      log,
    };
  }
}
