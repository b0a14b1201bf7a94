import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestBatch } from '../domain/ingest-result.js';
import type { Store } from './store.js';
import { at, sampleOrder, stageEvent } from './testing/store-fixtures.js';

const NOW = at('2026-11-12 12:00:00');

function batch(over: Partial<IngestBatch>): IngestBatch {
  return { orders: [], events: [], attachments: new Map(), ...over };
}

/**
 * storeContract is the behaviour every Store must have; the SQLite and the
 * PostgreSQL test files run it against their engine.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('stores a new order once and counts the second delivery as a duplicate', async () => {
      const order = sampleOrder({ channelOrderId: 'T1' });
      expect(await store.ingest(batch({ orders: [order] }), NOW)).toEqual({ orders: ['accepted'], events: [] });
      expect(await store.ingest(batch({ orders: [order] }), NOW)).toEqual({ orders: ['duplicate'], events: [] });
      expect(await store.countOrders()).toBe(1);
      const stored = await store.getOrder('taobao:T1');
      expect(stored?.paidFen).toBe(19900);
      expect(stored?.stage).toBe('paid');
    });

    it('writes several batches in one transaction, each with its own result, a later one seeing an earlier one', async () => {
      const a = sampleOrder({ channelOrderId: 'M1' });
      const b = sampleOrder({ channelOrderId: 'M2' });
      const results = await store.ingestMany([
        { batch: batch({ orders: [a] }), receivedAt: NOW },
        { batch: batch({ orders: [a, b] }), receivedAt: NOW },
      ]);
      expect(results).toEqual([
        { orders: ['accepted'], events: [] },
        { orders: ['duplicate', 'accepted'], events: [] },
      ]);
      expect((await store.getOrder('taobao:M2'))?.channelOrderId).toBe('M2');
    });

    it('replaces an order by a newer version and never by an older one', async () => {
      const v1 = sampleOrder({ channelOrderId: 'T2', modifiedAt: at('2026-11-11 10:00:00'), sellerNote: 'v1' });
      const v2 = sampleOrder({ channelOrderId: 'T2', modifiedAt: at('2026-11-11 11:00:00'), sellerNote: 'v2', paidFen: 18000 });
      const v0 = sampleOrder({ channelOrderId: 'T2', modifiedAt: at('2026-11-11 09:00:00'), sellerNote: 'v0' });
      await store.ingest(batch({ orders: [v1] }), NOW);
      expect((await store.ingest(batch({ orders: [v2] }), NOW)).orders).toEqual(['updated']);
      expect((await store.ingest(batch({ orders: [v0] }), NOW)).orders).toEqual(['duplicate']);
      const stored = await store.getOrder('taobao:T2');
      expect(stored?.sellerNote).toBe('v2');
      expect(stored?.paidFen).toBe(18000);
    });

    it('keeps the newest version when one batch holds several', async () => {
      const old = sampleOrder({ channelOrderId: 'T3', modifiedAt: at('2026-11-11 10:00:00'), sellerNote: 'old' });
      const newer = sampleOrder({ channelOrderId: 'T3', modifiedAt: at('2026-11-11 12:00:00'), sellerNote: 'new' });
      expect((await store.ingest(batch({ orders: [newer, old] }), NOW)).orders).toEqual(['accepted', 'duplicate']);
      expect((await store.getOrder('taobao:T3'))?.sellerNote).toBe('new');
    });

    it('places stage events by their own time, whatever order they arrive in', async () => {
      const order = sampleOrder({ channelOrderId: 'T4' });
      await store.ingest(batch({ orders: [order] }), NOW);
      await store.ingest(batch({ events: [stageEvent(order.id, 'shipped', '2026-11-11 18:00:00')] }), NOW);
      // The pick arrives late but happened earlier: the order stays shipped.
      await store.ingest(batch({ events: [stageEvent(order.id, 'picked', '2026-11-11 15:00:00')] }), NOW);
      const stored = await store.getOrder(order.id);
      expect(stored?.stage).toBe('shipped');
      expect(stored?.stageEnteredAt).toBe(at('2026-11-11 18:00:00'));
      const view = await store.getOrder360(order.id);
      expect(view?.timeline.map((e) => (e.kind === 'stage' ? e.stage : e.kind))).toEqual(['picked', 'shipped']);
    });

    it('derives the stage when events arrive before their order', async () => {
      await store.ingest(batch({ events: [stageEvent('taobao:T5', 'picked', '2026-11-11 12:00:00', 'wms:early')] }), NOW);
      await store.ingest(batch({ orders: [sampleOrder({ channelOrderId: 'T5' })] }), NOW);
      expect((await store.getOrder('taobao:T5'))?.stage).toBe('picked');
    });

    it('counts a repeated event as a duplicate', async () => {
      const e = stageEvent('taobao:T4', 'delivered', '2026-11-13 10:00:00', 'wms:dup');
      expect((await store.ingest(batch({ events: [e, e] }), NOW)).events).toEqual(['accepted', 'duplicate']);
      expect((await store.ingest(batch({ events: [e] }), NOW)).events).toEqual(['duplicate']);
      expect((await store.getOrder('taobao:T4'))?.stage).toBe('delivered');
    });

    it('finds an order by order number, full phone, last 4, masked phone, name and tracking number', async () => {
      const order = sampleOrder({
        channelOrderId: '3921874561234567890',
        receiver: { name: '李晓红', phone: { raw: '13987654321', kind: 'mobile', number: '13987654321', last4: '4321', prefix3: '139' } },
        shipments: [{ carrier: 'SF', trackingNo: 'SF1234567890' }],
      });
      await store.ingest(batch({ orders: [order] }), NOW);
      for (const q of ['3921874561234567890', '13987654321', '4321', '139****4321', '李晓红', 'sf1234567890', '+86 139 8765 4321']) {
        const found = await store.lookup(q);
        expect(found.map((o) => o.id), q).toContain(order.id);
      }
      expect(await store.lookup('0000')).toEqual([]);
      expect(await store.lookup("'; DROP TABLE orders; --")).toEqual([]);
      expect(await store.countOrders()).toBeGreaterThan(0);
    });

    it('lists the newest orders first and honours the limit', async () => {
      const phone = { raw: '13655550909', kind: 'mobile', number: '13655550909', last4: '0909', prefix3: '136' } as const;
      const older = sampleOrder({ channelOrderId: 'L1', placedAt: at('2026-10-01 10:00:00'), modifiedAt: at('2026-10-01 10:00:00'), paidAt: at('2026-10-01 10:00:00'), receiver: { phone } });
      const newer = sampleOrder({ channelOrderId: 'L2', placedAt: at('2026-11-01 10:00:00'), modifiedAt: at('2026-11-01 10:00:00'), paidAt: at('2026-11-01 10:00:00'), receiver: { phone } });
      await store.ingest(batch({ orders: [older, newer] }), NOW);
      expect((await store.lookup('0909')).map((o) => o.id)).toEqual(['taobao:L2', 'taobao:L1']);
      expect((await store.lookup('0909', 1)).map((o) => o.id)).toEqual(['taobao:L2']);
    });

    it('attaches a carrier track to its order by tracking number', async () => {
      const order = sampleOrder({ channelOrderId: 'T6', shipments: [{ carrier: 'ZTO', trackingNo: 'ZT7788' }] });
      await store.ingest(batch({ orders: [order] }), NOW);
      await store.ingest(
        batch({ events: [{ kind: 'logistics', id: 'kd:1', source: 'kuaidi100', occurredAt: at('2026-11-12 09:00:00'), trackingNo: 'ZT7788', state: 'pickup_failed', detail: '揽收失败' }] }),
        NOW,
      );
      const view = await store.getOrder360(order.id);
      expect(view?.logistics.map((l) => l.state)).toEqual(['pickup_failed']);
    });

    it("moves the order along the carrier's track: collected, in transit, delivered", async () => {
      const order = sampleOrder({ channelOrderId: 'T7', shipments: [{ carrier: 'SF', trackingNo: 'SF7777' }] });
      await store.ingest(batch({ orders: [order], events: [stageEvent(order.id, 'shipped', '2026-11-11 18:00:00', 'wms:t7')] }), NOW);
      const track = (id: string, state: 'picked_up' | 'pickup_failed' | 'delivered', when: string) =>
        ({ kind: 'logistics', id, source: 'kuaidi100', occurredAt: at(when), trackingNo: 'SF7777', state, detail: state }) as const;
      await store.ingest(batch({ events: [track('kd:t7a', 'picked_up', '2026-11-11 20:00:00')] }), NOW);
      expect((await store.getOrder(order.id))?.stage).toBe('collected');
      await store.ingest(batch({ events: [track('kd:t7b', 'pickup_failed', '2026-11-11 21:00:00')] }), NOW);
      expect((await store.getOrder(order.id))?.stage).toBe('collected');
      await store.ingest(batch({ events: [track('kd:t7c', 'delivered', '2026-11-13 10:00:00')] }), NOW);
      expect((await store.getOrder(order.id))?.stage).toBe('delivered');
    });

    it('keeps the newest inventory reading and the change log', async () => {
      const level = (id: string, available: number, when: string) =>
        ({ kind: 'inventory_level', id, source: 'erp', occurredAt: at(when), sku: 'SKU-1', warehouse: 'HZ-01', available, reserved: 2 }) as const;
      await store.ingest(batch({ events: [level('erp:2', 5, '2026-11-11 09:00:00'), level('erp:1', 50, '2026-11-10 09:00:00')] }), NOW);
      await store.ingest(
        batch({ events: [{ kind: 'inventory_change', id: 'erp:m1', source: 'erp', occurredAt: at('2026-11-11 11:00:00'), sku: 'SKU-1', warehouse: 'HZ-01', delta: -1, reason: 'outbound', orderId: 'taobao:T1' }] }),
        NOW,
      );
      const view = await store.getOrder360('taobao:T1');
      expect(view?.inventory.levels).toEqual([{ sku: 'SKU-1', warehouse: 'HZ-01', available: 5, reserved: 2, syncedAt: at('2026-11-11 09:00:00') }]);
      expect(view?.inventory.changes.map((c) => c.id)).toEqual(['erp:1', 'erp:2', 'erp:m1']);
    });

    it('stores contact attachments and serves their bytes', async () => {
      const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
      await store.ingest(
        batch({
          events: [{ kind: 'contact', id: 'crm:1', source: 'crm', occurredAt: at('2026-11-12 10:00:00'), orderId: 'taobao:T1', channel: 'chat', direction: 'inbound', text: '还没发货？', attachments: [{ id: 'att1', filename: 'chat.png', contentType: 'image/png', size: 7 }] }],
          attachments: new Map([['att1', { filename: 'chat.png', contentType: 'image/png', bytes }]]),
        }),
        NOW,
      );
      const got = await store.getAttachment('att1');
      expect(got?.meta).toEqual({ id: 'att1', filename: 'chat.png', contentType: 'image/png', size: 7 });
      expect([...(got?.bytes ?? [])]).toEqual([...bytes]);
      expect((await store.getOrder360('taobao:T1'))?.contacts).toHaveLength(1);
    });

    it('keeps findings with their life: opened once, refreshed, resolved with the time, reopened', async () => {
      const d = store.detection;
      const order = sampleOrder({ channelOrderId: 'F1' });
      await store.ingest(batch({ orders: [order] }), NOW);
      expect(await d.dueOrders(NOW, 100)).toContain(order.id);
      const finding = (at: number) => ({
        orderId: order.id, code: 'stage.stalled' as const, key: 'paid', severity: 'warning' as const, detectedAt: at,
        explanation: { zh: '停滞', en: 'stalled' }, evidence: { hours: 30 },
      });
      const t1 = NOW + 1000;
      const first = await d.saveJudgements([{ orderId: order.id, findings: [finding(t1)], exemptions: [], nextCheckAt: NOW + 3_600_000 }], t1);
      expect(first.opened.map((f) => f.code)).toEqual(['stage.stalled']);
      expect(await d.dueOrders(NOW + 1000, 100)).not.toContain(order.id);
      expect(await d.dueOrders(NOW + 3_600_000, 100)).toContain(order.id);
      const again = await d.saveJudgements([{ orderId: order.id, findings: [finding(t1 + 1)], exemptions: [], nextCheckAt: undefined }], t1 + 1);
      expect(again).toMatchObject({ opened: [], resolved: [], refreshed: 1 });
      const gone = await d.saveJudgements([{ orderId: order.id, findings: [], exemptions: [], nextCheckAt: undefined }], t1 + 2);
      expect(gone.resolved.map((f) => [f.code, f.resolvedAt])).toEqual([['stage.stalled', t1 + 2]]);
      expect(await d.findings({ orderId: order.id, status: 'open' })).toEqual([]);
      const back = await d.saveJudgements([{ orderId: order.id, findings: [finding(t1 + 3)], exemptions: [], nextCheckAt: undefined }], t1 + 3);
      expect(back.opened).toHaveLength(1);
      expect((await d.findings({ orderId: order.id })).map((f) => [f.status, f.firstSeenAt])).toEqual([['open', t1 + 3]]);
      await d.clearJudgements();
      expect(await d.findings({ orderId: order.id })).toEqual([]);
    });

    it('versions threshold tables', async () => {
      const d = store.detection;
      const v1 = await d.saveThresholdTable({ createdAt: NOW, asOf: NOW, policy: 'quantile', doc: '{"a":1}' });
      const v2 = await d.saveThresholdTable({ createdAt: NOW, asOf: NOW + 1, policy: 'quantile', doc: '{"a":2}' });
      expect(v2).toBe(v1 + 1);
      expect(await d.latestThresholdTable()).toMatchObject({ version: v2, doc: '{"a":2}' });
    });

    it('keeps users, sessions and API tokens, and ends sessions when access ends', async () => {
      expect(await store.addUser({ name: 'zhang', role: 'supervisor', createdAt: NOW, disabled: false }, 'hash1')).toBe(true);
      expect(await store.addUser({ name: 'zhang', role: 'agent', createdAt: NOW, disabled: false }, 'hash2')).toBe(false);
      expect((await store.getUser('zhang'))?.passwordHash).toBe('hash1');
      const session = (hash: string, id: string) => ({ tokenHash: hash, id, userName: 'zhang', createdAt: NOW, expiresAt: NOW + 10 * 60_000, address: '10.0.0.1', userAgent: 'Mozilla/5.0' });
      await store.createSession(session('s1', 'S-1'));
      expect((await store.sessionUser('s1', NOW + 1))?.user.role).toBe('supervisor');
      expect((await store.sessionUser('s1', NOW + 1))?.session).toMatchObject({ id: 'S-1', address: '10.0.0.1' });
      expect(await store.sessionUser('s1', NOW + 20 * 60_000)).toBeUndefined();
      // Idle since before the given instant: ended; used again: alive.
      expect(await store.sessionUser('s1', NOW + 3 * 60_000, NOW + 2 * 60_000)).toBeUndefined();
      // Told it was seen 30 s ago, the store writes nothing (no write, so no wait for the writer's lock).
      await store.touchSession('s1', NOW + 2 * 60_000, NOW + 90_000);
      expect(await store.sessionUser('s1', NOW + 3 * 60_000, NOW + 2 * 60_000)).toBeUndefined();
      await store.touchSession('s1', NOW + 2 * 60_000, NOW);
      expect(await store.sessionUser('s1', NOW + 3 * 60_000, NOW + 2 * 60_000)).toBeDefined();
      await store.deleteSession('s1');
      expect(await store.sessionUser('s1', NOW)).toBeUndefined();

      await store.createSession(session('s2', 'S-2'));
      await store.createSession(session('s3', 'S-3'));
      expect((await store.listSessions(NOW, 'zhang')).map((s) => s.id).sort()).toEqual(['S-2', 'S-3']);
      expect(await store.revokeSession('S-2')).toBe(true);
      expect(await store.sessionUser('s2', NOW)).toBeUndefined();
      expect(await store.setPassword('zhang', 'hash3')).toBe(true);
      expect(await store.sessionUser('s3', NOW)).toBeUndefined();
      await store.createSession(session('s4', 'S-4'));
      expect(await store.setUserDisabled('zhang', true)).toBe(true);
      expect(await store.sessionUser('s4', NOW)).toBeUndefined();
      expect(await store.setUserDisabled('zhang', false)).toBe(true);
      expect(await store.setUserDisabled('nobody', true)).toBe(false);

      const token = { tokenHash: 't1', name: 'erp', role: 'integration' as const, scopes: ['ingest', 'orders:read'], createdAt: NOW, expiresAt: NOW + 1000, createdBy: 'boss' };
      expect(await store.createApiToken(token, NOW)).toBe(true);
      expect(await store.createApiToken({ ...token, tokenHash: 't2' }, NOW)).toBe(false);
      expect(await store.apiToken('t1', NOW)).toMatchObject({ name: 'erp', role: 'integration', scopes: ['ingest', 'orders:read'], expiresAt: NOW + 1000 });
      expect(await store.apiToken('t1', NOW + 1000)).toBeUndefined();
      expect(await store.revokeApiToken('erp', NOW)).toBe(true);
      expect(await store.apiToken('t1', NOW)).toBeUndefined();
      // A revoked name is free again.
      expect(await store.createApiToken({ ...token, tokenHash: 't2' }, NOW)).toBe(true);
      expect((await store.listApiTokens()).map((t) => t.name)).toEqual(['erp']);

      expect((await store.recordSignInFailure('user:zhang', NOW, 60_000)).failures).toBe(1);
      expect((await store.recordSignInFailure('user:zhang', NOW + 1, 60_000)).failures).toBe(2);
      await store.lockSignIn('user:zhang', NOW + 5000);
      expect(await store.signInFailures(['user:zhang', 'addr:x'])).toEqual([{ subject: 'user:zhang', failures: 2, firstAt: NOW, lastAt: NOW + 1, lockedUntil: NOW + 5000 }]);
      // Outside the window the count starts again.
      expect((await store.recordSignInFailure('user:zhang', NOW + 120_000, 60_000)).failures).toBe(1);
      await store.clearSignInFailures('user:zhang');
      expect(await store.signInFailures(['user:zhang'])).toEqual([]);
    });
  });
}
