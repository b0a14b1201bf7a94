import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../domain/finding.js';
import type { Incident } from '../domain/incident.js';
import type { Store } from './store.js';
import { at, sampleOrder, stageEvent } from './testing/store-fixtures.js';

const T0 = at('2026-11-12 12:00:00');
const MIN = 60_000;

function finding(orderId: string, code: Finding['code'], key = ''): Finding {
  return { orderId, code, key, severity: 'warning', detectedAt: T0, explanation: { zh: code, en: code }, evidence: {} };
}

function incident(id: string, groupKey: string): Incident {
  return {
    id,
    groupKey,
    scope: 'sku',
    title: { zh: '缺货', en: 'stock-out' },
    state: 'open',
    level: 3,
    grade: 'A',
    ownerRole: 'executive',
    openedAt: T0,
    notifyAt: T0,
    escalations: 0,
    remindersSent: 0,
    checklist: [],
    compensations: [],
    ratings: [],
    suggestResolve: false,
    activeMembers: 0,
    orderIds: [],
    orderCount: 0,
    channels: [],
    codes: [],
    updatedAt: T0,
  };
}

/**
 * pipelineContract is what the background work needs of a Store, on SQLite
 * and PostgreSQL alike: due orders claimed once, verdicts fed to the
 * response side in the same transaction, incident membership changed
 * incrementally, the fix list, receiver lanes, work requests and the shops
 * with a tracking feed.
 */
export function pipelineContract(name: string, open: () => Promise<Store>): void {
  describe(`pipeline store contract: ${name}: a backlog is judged most urgent first`, () => {
    it('claims an order already past its promise before the fresh orders that arrived ahead of it', async () => {
      const store = await open();
      try {
        const burst = Array.from({ length: 6 }, (_, i) => sampleOrder({ channelOrderId: `B${i}` }));
        await store.ingest({ orders: burst, events: [], attachments: new Map() }, T0);
        const late = sampleOrder({ channelOrderId: 'LATE', promisedShipBy: T0 - 60 * MIN });
        await store.ingest({ orders: [late], events: [], attachments: new Map() }, T0 + MIN);
        await store.ingest({ orders: [sampleOrder({ channelOrderId: 'B-after' })], events: [], attachments: new Map() }, T0 + 2 * MIN);
        // The longest-due half of a slice of 2 is the late order (due since its promise), the newest half the last fresh one.
        expect(await store.detection.claimDueOrders(T0 + 3 * MIN, T0 + 5 * MIN, 2)).toEqual(['taobao:LATE', 'taobao:B-after']);
      } finally {
        await store.close();
      }
    });
  });

  describe(`pipeline store contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
      const orders = ['P1', 'P2', 'P3', 'P4'].map((id) => sampleOrder({ channelOrderId: id }));
      await store.ingest({ orders, events: [], attachments: new Map() }, T0);
    });
    afterAll(async () => {
      await store?.close();
    });

    it('claims each due order once, and keeps an order due when news arrives while it is judged', async () => {
      const claimed = await store.detection.claimDueOrders(T0, T0 + 2 * MIN, 3);
      expect(claimed).toHaveLength(3);
      const rest = await store.detection.claimDueOrders(T0, T0 + 2 * MIN, 10);
      expect(rest).toHaveLength(1);
      expect([...claimed, ...rest].sort()).toEqual(['taobao:P1', 'taobao:P2', 'taobao:P3', 'taobao:P4']);
      expect(await store.detection.claimDueOrders(T0 + MIN, T0 + 3 * MIN, 10)).toEqual([]);
      // While P1 is being judged, its pick event arrives.
      await store.ingest({ orders: [], events: [stageEvent('taobao:P1', 'picked', '2026-11-12 12:00:30')], attachments: new Map() }, T0 + 30_000);
      const verdicts = ['taobao:P1', 'taobao:P2'].map((orderId) => ({ orderId, findings: [], exemptions: [], nextCheckAt: T0 + 60 * MIN }));
      await store.detection.saveJudgements(verdicts, T0 + MIN, { claimedUntil: T0 + 2 * MIN });
      // P1 is due again (the news), P2 waits for its next check; a claim that ran out makes P3 and P4 due again.
      expect(await store.detection.claimDueOrders(T0 + MIN, T0 + 5 * MIN, 10)).toEqual(['taobao:P1']);
      expect((await store.detection.claimDueOrders(T0 + 2 * MIN, T0 + 5 * MIN, 10)).sort()).toEqual(['taobao:P3', 'taobao:P4']);
      expect(await store.detection.dueBacklog(T0 + 61 * MIN)).toBe(4);
    });

    it('feeds opened and resolved findings to the response side in order, once acknowledged gone', async () => {
      await store.detection.saveJudgements([{ orderId: 'taobao:P3', findings: [finding('taobao:P3', 'phone.invalid'), finding('taobao:P3', 'stage.stalled')], exemptions: [], nextCheckAt: undefined }], T0);
      await store.detection.saveJudgements([{ orderId: 'taobao:P3', findings: [finding('taobao:P3', 'phone.invalid')], exemptions: [], nextCheckAt: undefined }], T0 + MIN);
      const feed = await store.feed.read(10);
      expect(feed.map((c) => [c.orderId, c.code, c.change])).toEqual([
        ['taobao:P3', 'phone.invalid', 'opened'],
        ['taobao:P3', 'stage.stalled', 'opened'],
        ['taobao:P3', 'stage.stalled', 'resolved'],
      ]);
      expect(await store.feed.backlog()).toBe(3);
      await store.feed.ack(feed[1]!.seq);
      expect((await store.feed.read(10)).map((c) => c.change)).toEqual(['resolved']);
      await store.feed.ack(feed[2]!.seq);
      expect(await store.feed.backlog()).toBe(0);
    });

    it('changes an incident’s members by what is added and removed, with exact counts and a bounded sample', async () => {
      const r = store.response;
      await r.openIncident({ incident: incident('I-M', 'stock.oversold|sku:S1') });
      const add = Array.from({ length: 150 }, (_, i) => ({ orderId: `taobao:X${String(i).padStart(3, '0')}`, code: 'stock.oversold', key: 'S1' }));
      let delta;
      await r.changeMembers('I-M', { add, at: T0 }, (cur, d) => {
        delta = d;
        return { incident: { ...cur, activeMembers: d.activeMembers, orderIds: d.orderSample, orderCount: d.orderCount, codes: d.codes, channels: d.channels } };
      });
      expect(delta).toMatchObject({ activeMembers: 150, orderCount: 150, codes: ['stock.oversold'], channels: ['taobao'] });
      expect((delta as unknown as { orderSample: string[] }).orderSample).toHaveLength(100);
      // The same members again change nothing; one removed is counted out.
      await r.changeMembers('I-M', { add: add.slice(0, 10), remove: [add[0]!], at: T0 + MIN }, (cur, d) => {
        delta = d;
        return { incident: cur };
      });
      expect(delta).toMatchObject({ added: [], removed: [add[0]], ordersRemoved: ['taobao:X000'], activeMembers: 149, orderCount: 149 });
      const holders = await r.incidentsOfFindings([add[1]!, add[0]!]);
      expect([...holders]).toEqual([['taobao:X001|stock.oversold|S1', ['I-M']]]);
      expect((await r.activeIncidentsByKeys(['stock.oversold|sku:S1', 'nope'])).get('stock.oversold|sku:S1')?.id).toBe('I-M');
      expect(await r.incidentMembers('I-M', { activeOnly: true, limit: 5, offset: 145 })).toHaveLength(4);
    });

    it('files data-quality findings into cases and recounts them as they are resolved and handled', async () => {
      await store.detection.saveJudgements([{ orderId: 'taobao:P4', findings: [finding('taobao:P4', 'address.vague')], exemptions: [], nextCheckAt: undefined }], T0);
      const base = { code: 'address.vague' as const, key: '', cause: 'address.vague' as const, channel: 'taobao', shop: '旗舰店', day: '2026-11-12', at: T0 };
      const [filed] = await store.fixList.file([
        { ...base, orderId: 'taobao:P3', code: 'phone.invalid', cause: 'phone.invalid', caseId: 'phone.invalid|taobao|旗舰店|2026-11-12' },
        { ...base, orderId: 'taobao:P4', caseId: 'address.vague|taobao|旗舰店|2026-11-12' },
      ]);
      expect(filed).toMatchObject({ id: 'phone.invalid|taobao|旗舰店|2026-11-12', items: 1, openItems: 1, orders: 1, state: 'open', sampleOrderIds: ['taobao:P3'] });
      expect(await store.fixList.casesOfFindings([{ orderId: 'taobao:P4', code: 'address.vague', key: '' }])).toEqual(['address.vague|taobao|旗舰店|2026-11-12']);
      const list = await store.fixList.cases({ state: 'open' });
      expect(list.total).toBe(2);
      const handled = await store.fixList.handle('address.vague|taobao|旗舰店|2026-11-12', 'dismissed', 'li', T0 + MIN);
      expect(handled).toMatchObject({ changed: 1, fixCase: { state: 'done', openItems: 0 } });
      expect((await store.fixList.caseItems('address.vague|taobao|旗舰店|2026-11-12', {})).items.map((i) => [i.fixState, i.fixBy])).toEqual([['dismissed', 'li']]);
      expect((await store.fixList.handle('address.vague|taobao|旗舰店|2026-11-12', 'reopen', 'li', T0 + 2 * MIN))?.fixCase.openItems).toBe(1);
      expect(await store.fixList.markAlerted('phone.invalid|taobao|旗舰店|2026-11-12', T0)).toBe(true);
      expect(await store.fixList.markAlerted('phone.invalid|taobao|旗舰店|2026-11-12', T0)).toBe(false);
    });

    it('keeps each receiver lane’s state, lists what waits per receiver, and claims one receiver’s entries', async () => {
      const r = store.response;
      const entry = (id: string, receiver: string) => ({ id, receiver, kind: 'incident', createdAt: T0, dueAt: T0, attempts: 0, state: 'pending' as const, message: { title: id, body: 'x', severity: 'info' } });
      await r.enqueue([entry('L1', 'ops'), entry('L2', 'ops'), entry('L3', 'cs')]);
      expect((await r.dueReceivers(T0)).map((d) => [d.receiver, d.pending]).sort()).toEqual([['cs', 1], ['ops', 2]]);
      expect((await r.claimOutbox(T0, 'w', 60_000, 10, 'ops')).map((e) => e.id).sort()).toEqual(['L1', 'L2']);
      expect((await r.dueReceivers(T0)).map((d) => d.receiver)).toEqual(['cs']);
      await r.postpone('L1', T0 + 120_000, 'rate limited: 429');
      expect((await r.outbox({ state: 'pending' })).find((e) => e.id === 'L1')).toMatchObject({ attempts: 0, dueAt: T0 + 120_000, lastError: 'rate limited: 429' });
      await r.saveLane({ receiver: 'ops', failures: 3, parkedUntil: T0 + MIN, parkedReason: 'failed 3 times running: HTTP 503', updatedAt: T0 });
      expect(await r.lane('ops')).toMatchObject({ failures: 3, parkedUntil: T0 + MIN });
      await r.saveLane({ receiver: 'ops', failures: 0, lastSentAt: T0 + 2 * MIN, updatedAt: T0 + 2 * MIN });
      expect((await r.lanes()).map((l) => [l.receiver, l.failures, l.parkedUntil])).toEqual([['ops', 0, undefined]]);
      expect(Object.fromEntries(await r.pendingByReceiver())).toEqual({ cs: 1, ops: 2 });
    });

    it('hands a work request to one worker, resumes it when that one dies, and records heartbeats', async () => {
      const w = store.work;
      await w.requestWork({ id: 'scan-1', kind: 'scan', requestedBy: 'boss', requestedAt: T0, params: { at: T0 } });
      expect((await w.claimWork('a', T0, 60_000))?.id).toBe('scan-1');
      expect(await w.claimWork('b', T0 + 1000, 60_000)).toBeUndefined();
      expect(await w.progressWork('scan-1', 'a', { after: 'taobao:P2', judged: 2 }, T0 + 60_000)).toBe(true);
      // a dies; after its lease b takes over where a was.
      const resumed = await w.claimWork('b', T0 + 61_000, 60_000);
      expect(resumed?.progress).toEqual({ after: 'taobao:P2', judged: 2 });
      expect(await w.progressWork('scan-1', 'a', {}, T0 + 62_000)).toBe(false);
      await w.finishWork('scan-1', 'b', 'done', { judged: 4 }, T0 + 62_000);
      expect(await w.workRequest('scan-1')).toMatchObject({ state: 'done', result: { judged: 4 }, finishedAt: T0 + 62_000 });
      await w.heartbeat('a', T0, { steps: 1 });
      await w.heartbeat('a', T0 + 5000, { steps: 2 });
      expect(await w.workers(T0)).toEqual([{ owner: 'a', seenAt: T0 + 5000, doc: { steps: 2 } }]);
    });

    it('knows which shops a carrier feed reports on, and which shipped without one', async () => {
      const shipped = (id: string, shop: string) => sampleOrder({ channelOrderId: id, shop });
      await store.ingest(
        {
          orders: [shipped('S1', '无轨迹店'), shipped('S2', '有轨迹店')],
          events: [
            stageEvent('taobao:S1', 'shipped', '2026-11-12 10:00:00'),
            stageEvent('taobao:S2', 'shipped', '2026-11-12 10:00:00'),
            { kind: 'logistics', id: 'kd:S2', source: 'kuaidi100', occurredAt: at('2026-11-12 11:00:00'), orderId: 'taobao:S2', trackingNo: 'YT1', state: 'in_transit', detail: '运输中' },
          ],
          attachments: new Map(),
        },
        T0,
      );
      expect([...(await store.detection.trackingFeeds())]).toEqual(['taobao:有轨迹店']);
      expect(await store.detection.shopsWithoutTrackingFeed(T0 - 86_400_000)).toEqual([{ shopKey: 'taobao:无轨迹店', shippedOrders: 1 }]);
    });
  });
}
