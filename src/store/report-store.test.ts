import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, IncidentLogEntry } from '../domain/incident.js';
import { openStore } from './open-store.js';
import type { ImprovementItem } from './report-store.js';
import type { Store } from './store.js';
import { freshSchema, postgresAvailable, TEST_POSTGRES_URL } from './testing/postgres-url.js';
import { at, sampleOrder } from './testing/store-fixtures.js';

const MIN = 60_000;

function incident(id: string, openedAt: number): Incident {
  return {
    id,
    groupKey: `k:${id}`,
    scope: 'order',
    title: { zh: '订单延迟', en: 'Order late' },
    state: 'open',
    level: 1,
    grade: 'B',
    ownerRole: 'agent',
    openedAt,
    notifyAt: openedAt,
    escalations: 0,
    remindersSent: 0,
    checklist: [],
    compensations: [],
    ratings: [],
    suggestResolve: false,
    activeMembers: 1,
    orderIds: [],
    orderCount: 0,
    channels: [],
    codes: ['stage.stalled'],
    updatedAt: openedAt,
  };
}

/** reportContract is the ReportStore behaviour every engine must show. */
function reportContract(name: string, open: () => Promise<Store>): void {
  describe(`ReportStore contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
      const orders = [
        sampleOrder({ channelOrderId: 'K1', placedAt: at('2026-11-10 09:00:00') }),
        sampleOrder({ channelOrderId: 'K2', placedAt: at('2026-11-10 23:30:00') }),
        sampleOrder({ channelOrderId: 'K3', placedAt: at('2026-11-11 00:10:00') }),
        sampleOrder({ channelOrderId: 'K4', placedAt: at('2026-10-01 10:00:00') }),
      ];
      await store.ingest(
        {
          orders,
          events: [
            { kind: 'contact', id: 'c1', source: 'crm', occurredAt: at('2026-11-12 10:00:00'), orderId: 'taobao:K2', channel: 'complaint', direction: 'inbound', text: '投诉', attachments: [] },
            { kind: 'contact', id: 'c2', source: 'crm', occurredAt: at('2026-11-12 11:00:00'), orderId: 'taobao:K2', channel: 'complaint', direction: 'inbound', text: '又投诉', attachments: [] },
            { kind: 'contact', id: 'c3', source: 'crm', occurredAt: at('2026-11-12 10:00:00'), orderId: 'taobao:K3', channel: 'chat', direction: 'inbound', text: '"channel":"complaint" 只是聊天', attachments: [] },
            { kind: 'inventory_level', id: 'erp:l1', source: 'erp', occurredAt: at('2026-11-10 06:00:00'), sku: 'S-1', warehouse: 'HZ-01', available: 3, reserved: 1 },
            { kind: 'inventory_change', id: 'erp:c1', source: 'erp', occurredAt: at('2026-11-10 09:01:00'), sku: 'S-1', warehouse: 'HZ-01', delta: -1, reason: 'reserve', orderId: 'taobao:K1' },
            { kind: 'inventory_change', id: 'erp:c2', source: 'erp', occurredAt: at('2026-11-10 09:30:00'), sku: 'S-1', warehouse: 'GZ-01', delta: -1, reason: 'reserve' },
            { kind: 'inventory_change', id: 'erp:c3', source: 'erp', occurredAt: at('2026-11-11 09:30:00'), sku: 'S-1', warehouse: 'HZ-01', delta: 5, reason: 'inbound' },
          ],
          attachments: new Map(),
        },
        at('2026-11-13 00:00:00'),
      );
      // Two incidents on 11-10 (Shanghai): one acknowledged after 10 min and resolved after 60, one after 30 and never resolved.
      const o1 = at('2026-11-10 10:00:00');
      const o2 = at('2026-11-10 20:00:00');
      const log = (id: string, when: number, toState: IncidentLogEntry['toState'], detail?: Record<string, unknown>): IncidentLogEntry => ({ incidentId: id, at: when, actor: 't', action: toState ?? 'x', ...(toState ? { toState } : {}), ...(detail ? { detail } : {}) });
      await store.response.openIncident({ incident: { ...incident('I1', o1), responseDeadline: o1 + 30 * MIN, resolutionTarget: o1 + 120 * MIN }, log: [log('I1', o1, 'open')] });
      await store.response.openIncident({ incident: incident('I2', o2), log: [log('I2', o2, 'open')] });
      await store.response.changeIncident('I1', (cur) => ({ incident: { ...cur, state: 'closed' }, log: [log('I1', o1 + 10 * MIN, 'acknowledged'), log('I1', o1 + 60 * MIN, 'resolved'), log('I1', o1 + 70 * MIN, 'closed', { rootCause: { class: 'human', subCause: 'picking_error' } })] }));
      await store.response.changeIncident('I2', (cur) => ({ incident: { ...cur, state: 'acknowledged' }, log: [{ ...log('I2', o2 + 5 * MIN, 'in_progress'), actor: 'system' }, log('I2', o2 + 30 * MIN, 'acknowledged')] }));
    });
    afterAll(async () => {
      await store.close();
    });

    const window = { from: at('2026-11-01 00:00:00'), to: at('2026-12-01 00:00:00') };

    it('counts orders per Shanghai day, and complained orders once each', async () => {
      expect(await store.reports.ordersPlacedByDay(window)).toEqual([
        { day: '2026-11-10', count: 2 },
        { day: '2026-11-11', count: 1 },
      ]);
      expect(await store.reports.complainedOrdersByDay(window)).toEqual([{ day: '2026-11-10', count: 1 }]);
    });

    it('reads the response clock of every incident opened in the period from the audit trail', async () => {
      const o1 = at('2026-11-10 10:00:00');
      const o2 = at('2026-11-10 20:00:00');
      expect(await store.reports.incidentTimings(window)).toEqual([
        { id: 'I1', openedAt: o1, grade: 'B', state: 'closed', responseDeadline: o1 + 30 * MIN, resolutionTarget: o1 + 120 * MIN, acknowledgedAt: o1 + 10 * MIN, resolvedAt: o1 + 60 * MIN },
        // Taken on by a person at 30 min; the system's own move to in_progress before that does not count.
        { id: 'I2', openedAt: o2, grade: 'B', state: 'acknowledged', acknowledgedAt: o2 + 30 * MIN },
      ]);
      expect(await store.reports.incidentTimings({ from: at('2026-11-11 00:00:00'), to: window.to })).toEqual([]);
    });

    it("reads the stock readings and movements of an order's SKUs in its warehouse and span", async () => {
      const rows = await store.reports.stockMovements({ skus: ['S-1'], warehouse: 'HZ-01', from: at('2026-11-10 00:00:00'), to: at('2026-11-11 00:00:00'), limit: 100 });
      expect(rows.map((r) => r.id)).toEqual(['erp:l1', 'erp:c1']);
      expect((await store.reports.stockMovements({ skus: ['S-1'], from: at('2026-11-10 00:00:00'), to: at('2026-11-11 00:00:00'), limit: 100 })).map((r) => r.id)).toEqual(['erp:l1', 'erp:c1', 'erp:c2']);
      expect(await store.reports.stockMovements({ skus: [], from: 0, to: 1, limit: 10 })).toEqual([]);
    });

    it('tells what became of outbox entries, merged ones with their digest', async () => {
      const entry = (id: string, state: 'pending' | 'sent' | 'merged') => ({ id, incidentId: 'I1', receiver: 'ops', kind: 'incident', createdAt: 1, dueAt: 1, attempts: 0, state, message: { title: 't' } });
      await store.response.enqueue([entry('O-1', 'pending'), entry('O-2', 'pending'), entry('O-3', 'pending')]);
      await store.response.markSent('O-1', at('2026-11-10 10:05:00'));
      await store.response.markMerged(['O-2'], { ...entry('D-1', 'pending'), kind: 'digest', incidentId: undefined } as never);
      const got = await store.reports.deliveries(['O-1', 'O-2', 'O-3', 'NONE']);
      expect(Object.fromEntries(got)).toEqual({ 'O-1': { state: 'sent', sentAt: at('2026-11-10 10:05:00') }, 'O-2': { state: 'merged', mergedInto: 'D-1' }, 'O-3': { state: 'pending' } });
      expect(await store.reports.deliveries(['D-1'])).toEqual(new Map([['D-1', { state: 'pending' }]]));
    });

    it('reads the latest close of each incident with its root cause and current state', async () => {
      expect(await store.reports.closesBetween(window)).toEqual([{ incidentId: 'I1', at: at('2026-11-10 11:10:00'), state: 'closed', rootCause: { class: 'human', subCause: 'picking_error' } }]);
    });

    it('keeps callbacks once by id and records results', async () => {
      const task = { id: 'CB-1', incidentId: 'I1', orderId: 'taobao:K1', createdAt: window.from, dueAt: window.from + 1, state: 'pending' as const };
      expect(await store.reports.addCallbacks([task])).toBe(1);
      expect(await store.reports.addCallbacks([task, { ...task, id: 'CB-2' }])).toBe(1);
      expect((await store.reports.callbacks({ incidentId: 'I1', state: 'pending' })).map((c) => c.id)).toEqual(['CB-1', 'CB-2']);
      const done = await store.reports.recordCallback('CB-1', { state: 'done', score: 5, comment: '满意', by: 'li', at: window.from + 100 });
      expect(done).toMatchObject({ state: 'done', score: 5, doneBy: 'li', doneAt: window.from + 100 });
      expect((await store.reports.callbacks({ doneFrom: window.from, doneTo: window.to })).map((c) => c.id)).toEqual(['CB-1']);
      expect(await store.reports.recordCallback('CB-404', { state: 'unreachable', by: 'li', at: 1 })).toBeUndefined();
    });

    it('tracks improvement items with their history', async () => {
      const item: ImprovementItem = { id: 'IMP-1', incidentId: 'I1', title: '复核', owner: '王强', dueAt: window.from + 10, state: 'open', createdAt: window.from, createdBy: 'sun', updatedAt: window.from, notes: [] };
      await store.reports.addImprovement(item);
      const moved = await store.reports.updateImprovement('IMP-1', { state: 'done', note: '已上线', by: 'wang', at: window.from + 50 });
      expect(moved).toMatchObject({ state: 'done', doneAt: window.from + 50, notes: [{ at: window.from + 50, by: 'wang', text: '已上线', state: 'done' }] });
      expect(await store.reports.improvements({ states: ['open', 'in_progress'] })).toEqual([]);
      expect((await store.reports.improvements({ incidentId: 'I1' })).map((i) => i.id)).toEqual(['IMP-1']);
      expect(await store.reports.updateImprovement('IMP-404', { by: 'x', at: 1 })).toBeUndefined();
    });

    it('stores a review once per close automatically, and replaces it on demand', async () => {
      const review = { incidentId: 'I1', closedAt: 100, generatedAt: 200, trigger: 'auto' as const, generatedBy: 'system', summary: { a: 1 }, pdf: Buffer.from('%PDF-1') };
      expect(await store.reports.saveReview(review, false)).toBe(true);
      expect(await store.reports.saveReview({ ...review, generatedAt: 300 }, false)).toBe(false);
      expect(await store.reports.saveReview({ ...review, generatedAt: 400, trigger: 'manual', generatedBy: 'sun', pdf: Buffer.from('%PDF-2') }, true)).toBe(true);
      const got = (await store.reports.review('I1'))!;
      expect({ ...got, pdf: Buffer.from(got.pdf).toString() }).toEqual({ incidentId: 'I1', closedAt: 100, generatedAt: 400, trigger: 'manual', generatedBy: 'sun', summary: { a: 1 }, pdf: '%PDF-2' });
      await store.reports.saveReview({ ...review, closedAt: 500, generatedAt: 600 }, false);
      expect((await store.reports.review('I1'))!.closedAt).toBe(500);
      expect((await store.reports.reviews({})).map((r) => r.closedAt)).toEqual([500, 100]);
    });
  });
}

reportContract('SQLite', () => openStore(join(mkdtempSync(join(tmpdir(), 'ow-reports-')), 'test.db')));
if (await postgresAvailable()) {
  reportContract('PostgreSQL', () => openStore(TEST_POSTGRES_URL, { schema: freshSchema('ow_reports') }));
} else {
  describe('ReportStore contract: PostgreSQL', () => {
    it.skip(`skipped: no PostgreSQL server answers at ${TEST_POSTGRES_URL} (start one, or set ORDERWATCH_TEST_PG)`, () => undefined);
  });
}
