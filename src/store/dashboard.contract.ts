import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../domain/finding.js';
import type { Incident, IncidentLogEntry } from '../domain/incident.js';
import type { Store } from './store.js';
import { at, sampleOrder } from './testing/store-fixtures.js';

const NOW = at('2026-11-20 12:00:00');
const WINDOW = { from: at('2026-11-01 00:00:00'), to: at('2026-11-21 00:00:00') };
const MIN = 60_000;

function finding(orderId: string, code: Finding['code'], key: string, detectedAt: number): Finding {
  return { orderId, code, key, severity: 'warning', detectedAt, explanation: { zh: '测试', en: 'test' }, evidence: {} };
}

function incident(over: Partial<Incident> & { id: string; orderIds: string[] }): Incident {
  return {
    groupKey: `k:${over.id}`,
    scope: 'order',
    title: { zh: '订单延迟', en: 'Order late' },
    state: 'open',
    level: 1,
    grade: 'B',
    ownerRole: 'agent',
    openedAt: at('2026-11-12 12:00:00'),
    notifyAt: at('2026-11-12 12:00:00'),
    escalations: 0,
    remindersSent: 0,
    checklist: [],
    compensations: [],
    ratings: [],
    suggestResolve: false,
    activeMembers: 1,
    codes: ['stage.stalled'],
    updatedAt: at('2026-11-12 12:00:00'),
    orderCount: over.orderIds.length,
    channels: [...new Set(over.orderIds.map((o) => o.split(':')[0] ?? ''))],
    ...over,
  };
}

function log(incidentId: string, when: number, toState: IncidentLogEntry['toState'], detail?: Record<string, unknown>): IncidentLogEntry {
  return { incidentId, at: when, actor: 'tester', action: toState ?? 'comment', ...(toState ? { toState } : {}), ...(detail ? { detail } : {}) };
}

/**
 * dashboardContract is the behaviour every DashboardStore must have: the
 * same counts from the same facts on SQLite and PostgreSQL.
 */
export function dashboardContract(name: string, open: () => Promise<Store>): void {
  describe(`DashboardStore contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
      // Four orders in two channels and two provinces; a Shanghai day starts at 16:00 UTC.
      const orders = [
        // The same carrier as Taobao and JD name it: 中通快递 and logistics id 1499.
        sampleOrder({ channelOrderId: 'D1', placedAt: at('2026-11-11 00:30:00'), warehouse: 'HZ-01', shipments: [{ carrier: '中通快递', trackingNo: '7801' }] }),
        sampleOrder({ channelOrderId: 'D2', placedAt: at('2026-11-11 23:30:00'), customer: { tier: 'vip' }, items: [{ sku: 'SKU-2', title: '电热水壶', quantity: 1, unitPriceFen: 19900 }] }),
        sampleOrder({ channel: 'jd', channelOrderId: 'D3', placedAt: at('2026-11-12 09:00:00'), receiver: { name: '李四', province: '广东省', city: '深圳市' }, warehouse: 'HZ-01', shipments: [{ carrier: '1499', trackingNo: '7802' }] }),
        sampleOrder({ channelOrderId: 'D4', placedAt: at('2026-11-12 10:00:00'), warehouse: 'HZ-01' }),
        sampleOrder({ channelOrderId: 'OLD', placedAt: at('2026-10-01 10:00:00') }),
      ];
      await store.ingest({ orders, events: [], attachments: new Map() }, NOW);
      const seen = at('2026-11-13 08:00:00');
      await store.detection.saveJudgements(
        [
          { orderId: 'taobao:D1', findings: [finding('taobao:D1', 'stage.stalled', 'reviewed', seen)], exemptions: [], nextCheckAt: undefined },
          { orderId: 'taobao:D2', findings: [finding('taobao:D2', 'promise.breached', 'ship', seen), finding('taobao:D2', 'stage.stalled', 'picked', seen)], exemptions: [], nextCheckAt: undefined },
          { orderId: 'jd:D3', findings: [finding('jd:D3', 'logistics.exception', 'T1', seen)], exemptions: [], nextCheckAt: undefined },
          // A data-quality finding is no delay.
          { orderId: 'taobao:D4', findings: [finding('taobao:D4', 'phone.invalid', 'phone', seen)], exemptions: [], nextCheckAt: undefined },
          // Placed before the window.
          { orderId: 'taobao:OLD', findings: [finding('taobao:OLD', 'stage.stalled', 'paid', seen)], exemptions: [], nextCheckAt: undefined },
        ],
        seen,
      );
      const opened = at('2026-11-13 09:00:00');
      await store.response.openIncident({
        incident: incident({ id: 'INC-A', orderIds: ['taobao:D2'], grade: 'A', openedAt: opened, updatedAt: opened }),
        addMembers: [{ orderId: 'taobao:D2', code: 'promise.breached', key: 'ship', addedAt: opened }],
        log: [log('INC-A', opened, 'open')],
      });
      await store.response.openIncident({
        incident: incident({ id: 'INC-C', orderIds: ['taobao:D2', 'taobao:D1'], grade: 'C', openedAt: opened, updatedAt: opened, responseDeadline: opened + 30 * MIN }),
        addMembers: [
          { orderId: 'taobao:D2', code: 'stage.stalled', key: 'picked', addedAt: opened },
          { orderId: 'taobao:D1', code: 'stage.stalled', key: 'reviewed', addedAt: opened },
        ],
      });
      // INC-A: acknowledged after 10 min, resolved after 60, closed as a false alarm.
      await store.response.changeIncident('INC-A', (cur) => ({
        incident: { ...cur, state: 'closed', updatedAt: opened + 90 * MIN },
        log: [
          log('INC-A', opened + 10 * MIN, 'acknowledged'),
          log('INC-A', opened + 60 * MIN, 'resolved'),
          log('INC-A', opened + 90 * MIN, 'closed', { rootCause: { class: 'not_abnormal', subCause: 'legitimate_delay' } }),
        ],
      }));
      // A third incident, closed with a real cause after a reopen that had been a false alarm.
      await store.response.openIncident({
        incident: incident({ id: 'INC-B', orderIds: ['jd:D3'], openedAt: opened, updatedAt: opened }),
        addMembers: [{ orderId: 'jd:D3', code: 'logistics.exception', key: 'T1', addedAt: opened }],
      });
      await store.response.changeIncident('INC-B', (cur) => ({
        incident: { ...cur, state: 'closed', updatedAt: opened + 200 * MIN },
        log: [
          log('INC-B', opened + 30 * MIN, 'acknowledged'),
          log('INC-B', opened + 40 * MIN, 'resolved'),
          log('INC-B', opened + 50 * MIN, 'closed', { rootCause: { class: 'not_abnormal', subCause: 'legitimate_delay' } }),
          log('INC-B', opened + 100 * MIN, 'in_progress'),
          log('INC-B', opened + 200 * MIN, 'closed', { rootCause: { class: 'external', subCause: 'courier_delay' } }),
        ],
      }));
    });
    afterAll(async () => {
      await store?.close();
    });

    it('counts each delayed order once per split by Shanghai day: channel, stalled stage, most urgent grade, region', async () => {
      const counts = await store.dashboard.delayedOrderCounts(WINDOW);
      expect(counts).toEqual([
        { split: 'channel', day: '2026-11-11', key: 'taobao', orders: 2 },
        { split: 'channel', day: '2026-11-12', key: 'jd', orders: 1 },
        { split: 'stage', day: '2026-11-11', key: 'picked', orders: 1 },
        { split: 'stage', day: '2026-11-11', key: 'reviewed', orders: 1 },
        { split: 'stage', day: '2026-11-12', key: 'paid', orders: 1 },
        { split: 'grade', day: '2026-11-11', key: 'A', orders: 1 },
        { split: 'grade', day: '2026-11-11', key: 'C', orders: 1 },
        { split: 'grade', day: '2026-11-12', key: 'B', orders: 1 },
        { split: 'region', day: '2026-11-11', key: '浙江省', orders: 2 },
        { split: 'region', day: '2026-11-12', key: '广东省', orders: 1 },
      ]);
    });

    it('counts windows that start or end inside a day from the orders at the edges', async () => {
      const counts = await store.dashboard.delayedOrderCounts({ from: at('2026-11-11 12:00:00'), to: at('2026-11-12 09:30:00') });
      expect(counts.filter((c) => c.split === 'channel')).toEqual([
        { split: 'channel', day: '2026-11-11', key: 'taobao', orders: 1 },
        { split: 'channel', day: '2026-11-12', key: 'jd', orders: 1 },
      ]);
      expect(counts.filter((c) => c.split === 'grade').map((c) => c.key)).toEqual(['A', 'B']);
    });

    it('lists the orders behind a bar, newest first, with their delay codes', async () => {
      const day = await store.dashboard.delayedOrders({ ...WINDOW, day: '2026-11-11' });
      expect(day.map((o) => o.id)).toEqual(['taobao:D2', 'taobao:D1']);
      expect(day[0]).toMatchObject({ channel: 'taobao', channelOrderId: 'D2', grade: 'A', delayStage: 'picked', stage: 'paid', region: '浙江省', customerTier: 'vip', receiverName: '王小明' });
      expect(day[0]?.codes).toEqual(['promise.breached', 'stage.stalled']);
      expect((await store.dashboard.delayedOrders({ ...WINDOW, channel: 'jd' })).map((o) => o.id)).toEqual(['jd:D3']);
      expect((await store.dashboard.delayedOrders({ ...WINDOW, grade: 'C' })).map((o) => o.id)).toEqual(['taobao:D1']);
      expect((await store.dashboard.delayedOrders({ ...WINDOW, region: '广东省', stage: 'paid' })).map((o) => o.id)).toEqual(['jd:D3']);
      expect(await store.dashboard.delayedOrders({ ...WINDOW, day: '2026-11-15' })).toEqual([]);
      expect(await store.dashboard.delayedOrders({ ...WINDOW, day: '2026-09-01' })).toEqual([]);
    });

    it('splits the delays by warehouse, SKU, carrier (one code per company) and shop, over all their orders, today against yesterday', async () => {
      const room = await store.dashboard.warRoom({ from: WINDOW.from, to: at('2026-11-12 23:59:00') }, NOW, 10);
      expect(room.delayed).toBe(3);
      const rows = (split: keyof typeof room.splits) => room.splits[split].map((r) => [r.key, r.delayed, r.orders, r.today, r.yesterday]);
      expect(rows('warehouse')).toEqual([['HZ-01', 2, 3, 1, 1], ['', 1, 1, 0, 1]]);
      expect(rows('carrier')).toEqual([['ZTO', 2, 2, 1, 1], ['', 1, 2, 0, 1]]);
      expect(rows('sku')).toEqual([['SKU-1', 2, 3, 1, 1], ['SKU-2', 1, 1, 0, 1]]);
      expect(room.splits.sku.map((r) => r.title)).toEqual(['保温杯', '电热水壶']);
      expect(rows('shop')).toEqual([['taobao:旗舰店', 2, 3, 0, 2], ['jd:旗舰店', 1, 1, 1, 0]]);
      expect(room.compare).toEqual({
        today: { day: '2026-11-12', delayed: 1, atRisk: 0, orders: 2, incidentsOpened: 0 },
        yesterday: { day: '2026-11-11', delayed: 2, atRisk: 0, orders: 2, incidentsOpened: 0 },
      });
      // Top 1 only.
      expect((await store.dashboard.warRoom(WINDOW, NOW, 1)).splits.warehouse.map((r) => r.key)).toEqual(['HZ-01']);
    });

    it('filters and pages the drill-down by warehouse, SKU, carrier (any alias) and shop', async () => {
      expect((await store.dashboard.delayedOrders({ ...WINDOW, carrier: '中通快递' })).map((o) => o.id)).toEqual(['jd:D3', 'taobao:D1']);
      expect((await store.dashboard.delayedOrders({ ...WINDOW, carrier: '1499', warehouse: 'HZ-01', shop: 'taobao:旗舰店' })).map((o) => o.id)).toEqual(['taobao:D1']);
      expect((await store.dashboard.delayedOrders({ ...WINDOW, sku: 'SKU-2' })).map((o) => o.id)).toEqual(['taobao:D2']);
      const page = await store.dashboard.delayedOrderPage({ ...WINDOW, limit: 1, offset: 1 });
      expect(page.total).toBe(3);
      expect(page.orders.map((o) => o.id)).toEqual(['taobao:D2']);
      expect(page.orders[0]).toMatchObject({ warehouse: '', sku: 'SKU-2', skuTitle: '电热水壶', carrier: '', shop: 'taobao:旗舰店', shopName: '旗舰店', atRisk: false });
    });

    it('gives open incidents by grade, breached deadlines, times to acknowledge and resolve over every incident, and the false-alarm share', async () => {
      const kpis = await store.dashboard.incidentKpis(WINDOW, NOW, []);
      const runningMs = NOW - at('2026-11-13 09:00:00');
      expect(kpis).toMatchObject({ openByGrade: { A: 0, B: 0, C: 1, D: 0 }, open: 1, breached: 1, opened: 3, closed: 2, falseAlarms: 1, falseAlarmShare: 0.5 });
      // INC-C was never acknowledged: it runs on, past its 30-minute deadline, and holds the P90 up.
      expect(kpis.acknowledge).toEqual({ n: 3, done: 2, running: 1, excluded: 0, deadlines: 1, onTime: 0, late: 1, undecided: 0, onTimeShare: 0, medianMs: 30 * MIN, p90Ms: runningMs, medianAtLeast: false, p90AtLeast: true });
      expect(kpis.resolve).toMatchObject({ n: 3, done: 2, running: 1, medianMs: 60 * MIN, p90Ms: runningMs, medianAtLeast: false, p90AtLeast: true, deadlines: 0, onTimeShare: null });
      // The policy's falseAlarm list counts a real class's sub-cause as a false alarm too.
      expect(await store.dashboard.incidentKpis(WINDOW, NOW, ['courier_delay'])).toMatchObject({ closed: 2, falseAlarms: 2, falseAlarmShare: 1 });
      const before = await store.dashboard.incidentKpis({ from: at('2026-10-01 00:00:00'), to: at('2026-11-01 00:00:00') }, at('2026-11-13 09:10:00'), []);
      expect(before).toMatchObject({ open: 1, breached: 0, opened: 0, acknowledge: { n: 0, medianMs: null, p90Ms: null }, resolve: { n: 0, medianMs: null }, closed: 0, falseAlarms: 0, falseAlarmShare: null });
    });

    it('follows new findings and regraded orders, and starts over after a replay clears the findings', async () => {
      const total = (counts: Awaited<ReturnType<Store['dashboard']['delayedOrderCounts']>>) => counts.filter((c) => c.split === 'channel').reduce((n, c) => n + c.orders, 0);
      const before = await store.dashboard.delayedOrderCounts(WINDOW);
      // A fourth order becomes delayed later, and an incident of grade A covers D1.
      const later = at('2026-11-14 08:00:00');
      await store.detection.saveJudgements([{ orderId: 'taobao:D4', findings: [finding('taobao:D4', 'phone.invalid', 'phone', later), finding('taobao:D4', 'promise.at_risk', 'ship', later)], exemptions: [], nextCheckAt: undefined }], later);
      await store.response.openIncident({
        incident: incident({ id: 'INC-D1', orderIds: ['taobao:D1'], grade: 'A', openedAt: later, updatedAt: later }),
        addMembers: [{ orderId: 'taobao:D1', code: 'stage.stalled', key: 'reviewed', addedAt: later }],
      });
      const after = await store.dashboard.delayedOrderCounts(WINDOW);
      expect(total(after)).toBe(total(before) + 1);
      expect(after).toContainEqual({ split: 'grade', day: '2026-11-12', key: 'none', orders: 1 });
      expect(after).toContainEqual({ split: 'grade', day: '2026-11-11', key: 'A', orders: 2 });
      expect((await store.dashboard.delayedOrders({ ...WINDOW, grade: 'A' })).map((o) => o.id).sort()).toEqual(['taobao:D1', 'taobao:D2']);
      // D4 is only warned of: at risk, counted apart.
      const room = await store.dashboard.warRoom({ from: WINDOW.from, to: at('2026-11-12 23:59:00') }, NOW, 10);
      expect(room.compare.today).toMatchObject({ delayed: 2, atRisk: 1 });
      expect(room.splits.warehouse[0]).toMatchObject({ key: 'HZ-01', delayed: 3, atRisk: 1 });
      expect((await store.dashboard.delayedOrders({ ...WINDOW, warehouse: 'HZ-01' })).find((o) => o.id === 'taobao:D4')?.atRisk).toBe(true);
      await store.detection.clearJudgements();
      expect(await store.dashboard.delayedOrderCounts(WINDOW)).toEqual([]);
    });

    it('returns incidents changed after a time, oldest change first', async () => {
      const changed = await store.dashboard.incidentsUpdatedSince(at('2026-11-13 09:00:00'), 10);
      expect(changed.map((i) => i.id)).toEqual(['INC-A', 'INC-B', 'INC-D1']);
      expect((await store.dashboard.incidentsUpdatedSince(at('2026-11-13 12:00:00'), 10)).map((i) => i.id)).toEqual(['INC-B', 'INC-D1']);
    });
  });
}
