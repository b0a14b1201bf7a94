import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './store.js';

const NOW = Date.parse('2026-11-20T04:00:00Z');
const MIN = 60_000;

/** shopSyncContract is what every engine's ShopSyncStore must do: durable cursors and the record of runs behind the status page. */
export function shopSyncContract(name: string, open: () => Promise<Store>): void {
  describe(`ShopSyncStore contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('keeps one cursor per shop, replaced whole by each save, and forgets it on reset', async () => {
      expect(await store.shops.cursor('tb')).toBeUndefined();
      await store.shops.saveCursor({ shop: 'tb', platform: 'taobao', from: NOW - 60 * MIN, to: NOW, page: '7', updatedAt: NOW });
      await store.shops.saveCursor({ shop: 'sh', platform: 'shopify', from: NOW - 5 * MIN, updatedAt: NOW });
      expect(await store.shops.cursor('tb')).toEqual({ shop: 'tb', platform: 'taobao', from: NOW - 60 * MIN, to: NOW, page: '7', updatedAt: NOW });
      await store.shops.saveCursor({ shop: 'tb', platform: 'taobao', from: NOW - MIN, updatedAt: NOW + MIN });
      expect(await store.shops.cursor('tb')).toEqual({ shop: 'tb', platform: 'taobao', from: NOW - MIN, updatedAt: NOW + MIN });
      await store.shops.resetCursor('tb');
      expect(await store.shops.cursor('tb')).toBeUndefined();
      expect(await store.shops.cursor('sh')).toMatchObject({ platform: 'shopify' });
    });

    it('records runs and sums a shop up: last success, last error in words, orders of the last hour', async () => {
      const base = { shop: 'jd1', pages: 0, accepted: 0, duplicates: 0, rejected: 0 };
      await store.shops.startRun({ id: 'r1', shop: 'jd1', startedAt: NOW - 90 * MIN });
      await store.shops.finishRun({ ...base, id: 'r1', startedAt: NOW - 90 * MIN, finishedAt: NOW - 89 * MIN, outcome: 'ok', pages: 5, accepted: 400 });
      await store.shops.startRun({ id: 'r2', shop: 'jd1', startedAt: NOW - 30 * MIN });
      await store.shops.finishRun({ ...base, id: 'r2', startedAt: NOW - 30 * MIN, finishedAt: NOW - 29 * MIN, outcome: 'ok', pages: 1, accepted: 12, duplicates: 3 });
      await store.shops.startRun({ id: 'r3', shop: 'jd1', startedAt: NOW - 10 * MIN });
      await store.shops.progressRun({ ...base, id: 'r3', startedAt: NOW - 10 * MIN, pages: 1, accepted: 5 });
      await store.shops.finishRun({ ...base, id: 'r3', startedAt: NOW - 10 * MIN, finishedAt: NOW - 9 * MIN, outcome: 'setup', pages: 1, accepted: 5, error: '京东授权已过期' });
      await store.shops.startRun({ id: 'r4', shop: 'jd1', startedAt: NOW - MIN });
      await store.shops.progressRun({ ...base, id: 'r4', startedAt: NOW - MIN, pages: 2, accepted: 1 });

      const runs = await store.shops.recentRuns('jd1', 10);
      expect(runs.map((r) => r.id)).toEqual(['r4', 'r3', 'r2', 'r1']);
      expect(runs[0]).toEqual({ id: 'r4', shop: 'jd1', startedAt: NOW - MIN, pages: 2, accepted: 1, duplicates: 0, rejected: 0 });
      expect(runs[2]).toMatchObject({ outcome: 'ok', duplicates: 3, finishedAt: NOW - 29 * MIN });

      const [status, none] = await store.shops.status(['jd1', 'nobody'], NOW);
      expect(status).toMatchObject({
        shop: 'jd1',
        lastRun: { id: 'r4' },
        lastSuccessAt: NOW - 29 * MIN,
        lastError: { at: NOW - 9 * MIN, outcome: 'setup', message: '京东授权已过期' },
        ordersLastHour: 12 + 5 + 1,
      });
      expect(none).toEqual({ shop: 'nobody', ordersLastHour: 0 });
    });
  });
}
