import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, OutboxEntry } from '../domain/incident.js';
import type { Store } from './store.js';
import { at } from './testing/store-fixtures.js';

const T0 = at('2026-11-12 12:00:00');
const MIN = 60_000;

function incident(over: Partial<Incident> & { id: string; groupKey: string }): Incident {
  return {
    scope: 'order',
    title: { zh: '订单延迟', en: 'Order late' },
    state: 'open',
    level: 1,
    grade: 'B',
    ownerRole: 'agent',
    openedAt: T0,
    notifyAt: T0 + 5 * MIN,
    escalations: 0,
    remindersSent: 0,
    checklist: [],
    compensations: [],
    ratings: [],
    suggestResolve: false,
    activeMembers: 1,
    orderIds: ['taobao:1'],
    orderCount: 1,
    channels: ['taobao'],
    codes: ['promise.breached'],
    updatedAt: T0,
    ...over,
  };
}

function entry(id: string, over: Partial<OutboxEntry> = {}): OutboxEntry {
  return { id, receiver: 'cs', kind: 'incident', createdAt: T0, dueAt: T0, attempts: 0, state: 'pending', message: { title: id, body: 'x', severity: 'info' }, ...over };
}

/** responseContract is the behaviour every ResponseStore must have, on SQLite and PostgreSQL alike. */
export function responseContract(name: string, open: () => Promise<Store>): void {
  describe(`ResponseStore contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('opens one active incident per group key, and a new one once the first is closed', async () => {
      const r = store.response;
      const first = await r.openIncident({
        incident: incident({ id: 'I-1', groupKey: 'batch:W1' }),
        addMembers: [{ orderId: 'taobao:1', code: 'stage.stalled', key: '', addedAt: T0 }],
        log: [{ incidentId: 'I-1', at: T0, actor: 'system', action: 'open', toState: 'open' }],
      });
      expect(first).toEqual({ opened: true, id: 'I-1' });
      const second = await r.openIncident({ incident: incident({ id: 'I-2', groupKey: 'batch:W1' }) });
      expect(second).toEqual({ opened: false, id: 'I-1' });
      expect((await r.activeIncidentByKey('batch:W1'))?.id).toBe('I-1');
      expect(await r.incidentsOfFinding('taobao:1', 'stage.stalled', '')).toEqual(['I-1']);

      await r.changeIncident('I-1', (cur) => ({
        incident: { ...cur, state: 'closed', closedAt: T0 + MIN, updatedAt: T0 + MIN },
        log: [{ incidentId: 'I-1', at: T0 + MIN, actor: 'lee', action: 'close', fromState: cur.state, toState: 'closed', reason: 'done' }],
      }));
      expect(await r.activeIncidentByKey('batch:W1')).toBeUndefined();
      expect(await r.incidentsOfFinding('taobao:1', 'stage.stalled', '')).toEqual([]);
      expect((await r.openIncident({ incident: incident({ id: 'I-3', groupKey: 'batch:W1' }) })).opened).toBe(true);
      const log = await r.incidentLog('I-1');
      expect(log.map((l) => [l.action, l.actor, l.toState])).toEqual([
        ['open', 'system', 'open'],
        ['close', 'lee', 'closed'],
      ]);
      expect(log[1]?.reason).toBe('done');
    });

    it('changes an incident with its members, log and outbox in one step, and never enqueues a key twice', async () => {
      const r = store.response;
      await r.openIncident({ incident: incident({ id: 'I-10', groupKey: 'sku:S1', nextActionAt: T0 + 5 * MIN }) });
      const decide = (cur: Incident) => ({
        incident: { ...cur, notifiedAt: T0 + 5 * MIN, nextActionAt: T0 + 35 * MIN },
        outbox: [entry('I-10|cs|notify', { incidentId: 'I-10' })],
        addMembers: [
          { orderId: 'taobao:2', code: 'stock.oversold' as const, key: 'S1', addedAt: T0 },
          { orderId: 'taobao:3', code: 'stock.oversold' as const, key: 'S1', addedAt: T0 },
        ],
      });
      await r.changeIncident('I-10', decide);
      await r.changeIncident('I-10', decide);
      expect((await r.outbox({ incidentId: 'I-10' })).map((e) => e.id)).toEqual(['I-10|cs|notify']);
      await r.markSent('I-10|cs|notify', T0 - MIN);
      expect((await r.incidentMembers('I-10')).map((m) => m.orderId)).toEqual(['taobao:2', 'taobao:3']);
      await r.changeIncident('I-10', (cur) => ({ incident: cur, removeMembers: [{ orderId: 'taobao:2', code: 'stock.oversold', key: 'S1', at: T0 + 9 * MIN }] }));
      const members = await r.incidentMembers('I-10');
      expect(members.find((m) => m.orderId === 'taobao:2')?.removedAt).toBe(T0 + 9 * MIN);
      expect(members.find((m) => m.orderId === 'taobao:3')?.removedAt).toBeUndefined();
      expect(await r.dueIncidents(T0 + 30 * MIN, 10)).not.toContain('I-10');
      expect(await r.dueIncidents(T0 + 35 * MIN, 10)).toContain('I-10');
      expect((await r.incidentsOfOrder('taobao:3')).map((i) => i.id)).toEqual(['I-10']);
      // A decision that changes nothing writes nothing.
      expect((await r.changeIncident('I-10', () => undefined))?.notifiedAt).toBe(T0 + 5 * MIN);
      expect(await r.changeIncident('nope', () => undefined)).toBeUndefined();
    });

    it('filters the incident queue', async () => {
      const r = store.response;
      await r.openIncident({ incident: incident({ id: 'Q-1', groupKey: 'q:1', grade: 'A', level: 1, ownerRole: 'supervisor', openedAt: T0 + 1 }) });
      await r.openIncident({ incident: incident({ id: 'Q-2', groupKey: 'q:2', grade: 'C', level: 2, ownerRole: 'ops_manager', openedAt: T0 + 2, assignee: 'wang' }) });
      const a = await r.incidents({ grades: ['A'] });
      expect(a.items.map((i) => i.id)).toEqual(['Q-1']);
      expect((await r.incidents({ levels: [2], assignee: 'wang' })).items.map((i) => i.id)).toEqual(['Q-2']);
      const page = await r.incidents({ ownerRoles: ['supervisor', 'ops_manager'], limit: 1 });
      expect(page.total).toBe(2);
      expect(page.items.map((i) => i.id)).toEqual(['Q-2']);
      await r.changeIncident('Q-2', (cur) => ({ incident: cur, addMembers: [{ orderId: 'jd:77', code: 'phone.invalid', key: '', addedAt: T0 }] }));
      expect((await r.incidents({ channels: ['jd'] })).items.map((i) => i.id)).toEqual(['Q-2']);
      expect((await r.incidents({ channels: ['douyin'] })).total).toBe(0);
    });

    it('orders the queue breached → grade → deadline, counts its tabs, searches, and pages through every incident', async () => {
      const r = store.response;
      // A day of its own, so the other tests' incidents stay out of these figures.
      const D = T0 + 10 * 24 * 60 * MIN;
      const now = D + 60 * MIN;
      const mk = (id: string, over: Partial<Incident>) => r.openIncident({ incident: incident({ id, groupKey: `tab:${id}`, openedAt: D, ...over }) });
      await mk('T-late-C', { grade: 'C', responseDeadline: D + 30 * MIN, title: { zh: '仓库 GZ 批次停滞', en: 'Batch stalled at GZ' } });
      await mk('T-A-soon', { grade: 'A', responseDeadline: D + 90 * MIN, assignee: 'li' });
      await mk('T-A-later', { grade: 'A', responseDeadline: D + 180 * MIN, ownerRole: 'executive', owners: ['ops_manager', 'executive'] });
      await mk('T-B-ack', { grade: 'B', state: 'acknowledged', acknowledgedAt: D + MIN, responseDeadline: D + 10 * MIN, resolutionTarget: D + 120 * MIN, orderIds: ['jd:8812'] });
      await mk('T-B-late-ack', { grade: 'B', state: 'in_progress', acknowledgedAt: D + MIN, responseDeadline: D + 10 * MIN, resolutionTarget: D + 50 * MIN });
      await mk('T-closed-A', { grade: 'A', state: 'closed', responseDeadline: D });
      await r.changeIncident('T-B-ack', (cur) => ({ incident: cur, addMembers: [{ orderId: 'jd:8812', code: 'promise.breached', key: '', addedAt: D }] }));
      const base = { openedFrom: D, now, me: { name: 'li', role: 'agent' } };

      const all = await r.incidents({ ...base, tab: 'all', sort: 'default' });
      expect(all.items.map((i) => i.id)).toEqual(['T-B-late-ack', 'T-late-C', 'T-A-soon', 'T-A-later', 'T-B-ack', 'T-closed-A']);
      expect(await r.incidentTabCounts(base)).toEqual({ open: 3, breached: 2, mine: 4, A: 2, B: 2, all: 6 });
      expect((await r.incidents({ ...base, tab: 'breached', sort: 'default' })).items.map((i) => i.id)).toEqual(['T-B-late-ack', 'T-late-C']);
      // Mine: assigned to me, or nobody's yet and my role owns it (the executive's incident that kept the ops manager is not an agent's).
      expect((await r.incidents({ ...base, tab: 'mine', sort: 'default' })).items.map((i) => i.id)).toEqual(['T-B-late-ack', 'T-late-C', 'T-A-soon', 'T-B-ack']);
      expect((await r.incidents({ ...base, owner: 'ops_manager' })).items.map((i) => i.id)).toEqual(['T-A-later']);
      expect((await r.incidents({ ...base, sort: 'deadline', tab: 'A' })).items.map((i) => i.id)).toEqual(['T-A-soon', 'T-A-later']);

      // Search: words of the title, an order number on any channel, the incident id; wildcards are literal.
      expect((await r.incidents({ ...base, q: 'GZ' })).items.map((i) => i.id)).toEqual(['T-late-C']);
      expect((await r.incidents({ ...base, q: '停滞' })).items.map((i) => i.id)).toEqual(['T-late-C']);
      expect((await r.incidents({ ...base, q: '8812', searchChannels: ['taobao', 'jd'] })).items.map((i) => i.id)).toEqual(['T-B-ack']);
      expect((await r.incidents({ ...base, q: 'T-A-later' })).items.map((i) => i.id)).toEqual(['T-A-later']);
      expect((await r.incidents({ ...base, q: '%' })).total).toBe(0);
      expect((await r.incidents({ ...base, tab: 'A', withTotal: false })).total).toBe(-1);
      expect(await r.incidentTabCounts({ ...base, q: 'GZ' })).toEqual({ open: 1, breached: 1, mine: 1, A: 0, B: 0, all: 1 });

      // An incident's orders page by order, not by finding.
      await r.changeIncident('T-B-ack', (cur) => ({ incident: cur, addMembers: [{ orderId: 'jd:8812', code: 'stage.stalled', key: '', addedAt: D + 1 }, { orderId: 'jd:9000', code: 'stage.stalled', key: '', addedAt: D + 2 }] }));
      expect(await r.incidentOrderIds('T-B-ack', { limit: 1 })).toEqual(['jd:8812']);
      expect(await r.incidentOrderIds('T-B-ack', { limit: 5, offset: 1 })).toEqual(['jd:9000']);
      expect((await r.incidentMembersOfOrders('T-B-ack', ['jd:8812'])).map((m) => m.code)).toEqual(['promise.breached', 'stage.stalled']);

      // Paging reaches every incident exactly once.
      const seen: string[] = [];
      for (let offset = 0; offset < all.total; offset += 4) seen.push(...(await r.incidents({ ...base, tab: 'all', sort: 'default', limit: 4, offset })).items.map((i) => i.id));
      expect(seen).toEqual(all.items.map((i) => i.id));
    });

    it('leases outbox entries so that only one worker sends each, and retries, dead-letters and merges', async () => {
      const r = store.response;
      expect(await r.enqueue([entry('O-1', { dueAt: T0 }), entry('O-2', { dueAt: T0 + MIN }), entry('O-3', { dueAt: T0 + 10 * MIN })])).toHaveLength(3);
      expect(await r.enqueue([entry('O-1')])).toEqual([]);
      const a = await r.claimOutbox(T0 + MIN, 'w1', 30_000, 10);
      expect(a.map((e) => e.id)).toEqual(['O-1', 'O-2']);
      // While the lease holds, another worker gets nothing; after it expires, the entry comes back.
      expect(await r.claimOutbox(T0 + MIN, 'w2', 30_000, 10)).toEqual([]);
      expect((await r.claimOutbox(T0 + MIN + 31_000, 'w2', 30_000, 10)).map((e) => e.id)).toEqual(['O-1', 'O-2']);
      await r.markSent('O-1', T0 + 2 * MIN);
      await r.markFailed('O-2', 'HTTP 502', T0 + 3 * MIN);
      expect(await r.claimOutbox(T0 + 2 * MIN + 40_000, 'w1', 30_000, 10)).toEqual([]);
      const retry = await r.claimOutbox(T0 + 3 * MIN, 'w1', 30_000, 10);
      expect(retry.map((e) => [e.id, e.attempts, e.lastError])).toEqual([['O-2', 1, 'HTTP 502']]);
      await r.markFailed('O-2', 'errcode 310000 sign mismatch', undefined);
      expect((await r.outbox({ state: 'dead' })).map((e) => e.id)).toEqual(['O-2']);
      expect(await r.retryDead('O-2', T0 + 20 * MIN)).toBe(true);
      expect(await r.retryDead('O-1', T0 + 20 * MIN)).toBe(false);
      expect(await r.sentTimes('cs', T0)).toEqual([T0 + 2 * MIN]);

      await r.markMerged(['O-2', 'O-3'], entry('D-1', { kind: 'digest', dueAt: T0 + 20 * MIN }));
      const pending = await r.claimOutbox(T0 + 20 * MIN, 'w1', 30_000, 10);
      expect(pending.map((e) => e.id)).toEqual(['D-1']);
      const merged = await r.outbox({ state: 'merged' });
      expect(merged.map((e) => [e.id, e.mergedInto]).sort()).toEqual([
        ['O-2', 'D-1'],
        ['O-3', 'D-1'],
      ]);
      await r.releaseClaim('D-1', T0 + 25 * MIN);
      expect(await r.claimOutbox(T0 + 24 * MIN, 'w1', 30_000, 10)).toEqual([]);
      expect((await r.claimOutbox(T0 + 25 * MIN, 'w1', 30_000, 10)).map((e) => e.id)).toEqual(['D-1']);
    });

    it('hands a lease to one owner at a time until it expires', async () => {
      const r = store.response;
      expect(await r.tryLease('sweep', 'a', T0, 10_000)).toBe(true);
      expect(await r.tryLease('sweep', 'b', T0 + 1_000, 10_000)).toBe(false);
      expect(await r.tryLease('sweep', 'a', T0 + 2_000, 10_000)).toBe(true);
      expect(await r.tryLease('sweep', 'b', T0 + 11_000, 10_000)).toBe(false);
      expect(await r.tryLease('sweep', 'b', T0 + 12_001, 10_000)).toBe(true);
    });

    it('keeps order pauses until resumed or expired', async () => {
      const r = store.response;
      await r.setOrderPause('taobao:7', { by: 'lee', reason: '客户要求暂缓', at: T0, until: T0 + 60 * MIN });
      await r.setOrderPause('taobao:8', { by: 'lee', reason: '人工接管', at: T0 });
      const now = await r.pausedOrders(['taobao:7', 'taobao:8', 'taobao:9'], T0 + MIN);
      expect([...now.keys()].sort()).toEqual(['taobao:7', 'taobao:8']);
      expect(now.get('taobao:7')?.reason).toBe('客户要求暂缓');
      expect([...(await r.pausedOrders(['taobao:7', 'taobao:8'], T0 + 61 * MIN)).keys()]).toEqual(['taobao:8']);
      await r.setOrderPause('taobao:8', undefined);
      expect((await r.pausedOrders(['taobao:8'], T0)).size).toBe(0);
    });

    it('keeps findings in the grouping wait room under each candidate key until taken out', async () => {
      const r = store.response;
      const row = (groupKey: string, orderId: string, rank: number, addedAt: number) => ({ groupKey, scope: 'batch', rank, orderId, code: 'stage.stalled', key: '', addedAt });
      await r.addToWaitRoom([row('b:W1', 'o:1', 0, T0), row('w:GZ', 'o:1', 1, T0), row('b:W1', 'o:2', 0, T0 + MIN), row('b:W1', 'o:3', 0, T0 + 9 * MIN)]);
      await r.addToWaitRoom([row('b:W1', 'o:1', 0, T0 + 2 * MIN)]);
      const ready = await r.waitingSince(T0 + MIN, 100);
      expect(ready.map((w) => [w.orderId, w.groupKey, w.rank])).toEqual([
        ['o:1', 'b:W1', 0],
        ['o:1', 'w:GZ', 1],
        ['o:2', 'b:W1', 0],
      ]);
      expect(Object.fromEntries(await r.waitRoomOrders(['b:W1', 'w:GZ', 'none']))).toEqual({ 'b:W1': 3, 'w:GZ': 1 });
      expect((await r.waitRoomRows(['b:W1'])).map((w) => w.orderId)).toEqual(['o:1', 'o:2', 'o:3']);
      await r.removeFromWaitRoom([{ orderId: 'o:1', code: 'stage.stalled', key: '' }]);
      expect(Object.fromEntries(await r.waitRoomOrders(['b:W1', 'w:GZ']))).toEqual({ 'b:W1': 2 });
    });

    it('keeps the in-app ticket pool', async () => {
      const r = store.response;
      await r.addTicket({ id: 'K-1', incidentId: 'I-10', receiver: 'pool', createdAt: T0, state: 'open', title: '工单', body: '请处理' });
      await r.addTicket({ id: 'K-1', receiver: 'pool', createdAt: T0, state: 'open', title: 'dup', body: '' });
      expect((await r.tickets({ state: 'open' })).map((t) => [t.id, t.title])).toEqual([['K-1', '工单']]);
      expect(await r.updateTicket('K-1', 'claimed', 'lee')).toBe(true);
      expect((await r.tickets({}))[0]?.claimedBy).toBe('lee');
    });

    it('shows a decision the other incidents of the order it names, and serialises two decisions on two of them', async () => {
      const r = store.response;
      const member = (id: string, orderId: string) => [{ orderId, code: 'promise.breached' as const, key: id, addedAt: T0 }];
      await r.openIncident({ incident: incident({ id: 'O-A', groupKey: 'order:O-A', orderIds: ['jd:555'] }), addMembers: member('a', 'jd:555') });
      await r.openIncident({ incident: incident({ id: 'O-B', groupKey: 'batch:O-B', orderIds: ['jd:555', 'jd:556'], orderCount: 2 }), addMembers: [...member('b', 'jd:555'), ...member('b', 'jd:556')] });
      await r.openIncident({ incident: incident({ id: 'O-C', groupKey: 'order:O-C', orderIds: ['jd:556'] }), addMembers: member('c', 'jd:556') });
      const seen: string[][] = [];
      await r.changeIncident('O-A', (cur, others) => void seen.push(others.map((o) => o.id).sort()), { orderOf: (cur) => cur.orderIds[0] });
      // Without orderOf nothing else is read.
      await r.changeIncident('O-A', (cur, others) => void seen.push(others.map((o) => o.id)));
      expect(seen).toEqual([['O-B'], []]);
      // A grant decided on each of two incidents of jd:555 at once: the second decision sees the first one's write.
      const grant = (id: string) =>
        r.changeIncident(
          id,
          (cur, others) => {
            const before = [cur, ...others].reduce((n, i) => n + i.compensations.length, 0);
            return { incident: { ...cur, compensations: [...cur.compensations, { id: `C-${id}`, kind: 'coupon', amountFen: 100 * (before + 1), requestedBy: 'x', requestedAt: T0, state: 'granted' }] } };
          },
          { orderOf: () => 'jd:555' },
        );
      await Promise.all([grant('O-A'), grant('O-B')]);
      const amounts = await Promise.all(['O-A', 'O-B'].map(async (id) => (await r.getIncident(id))!.compensations[0]!.amountFen));
      expect(amounts.sort()).toEqual([100, 200]);
    });
  });
}
