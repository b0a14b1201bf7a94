import { describe, expect, it } from 'vitest';
import { parseInstant } from '../domain/time.js';
import { openStore } from '../store/open-store.js';
import { loadDemo } from './load-demo.js';

describe('loadDemo', () => {
  it('feeds every channel of the demo business through the real adapters without a rejected record', async () => {
    const store = await openStore(':memory:');
    try {
      const end = parseInstant('2026-11-20T00:00:00+08:00')!;
      const result = await loadDemo(store, { seed: 7, days: 4, ordersPerDay: 150, end });
      expect(Object.keys(result.bySource).sort()).toEqual(['douyin', 'events', 'jd', 'taobao', 'youzan']);
      for (const [source, summary] of Object.entries(result.bySource)) {
        expect(summary.errors, source).toEqual([]);
        expect(summary.rejected, source).toBe(0);
        expect(summary.accepted, source).toBeGreaterThan(0);
      }
      const orders = Object.entries(result.bySource).filter(([s]) => s !== 'events').reduce((n, [, s]) => n + s.accepted, 0);
      expect(await store.countOrders()).toBe(orders);
      expect(result.labels).toBeGreaterThan(0);
      // Loading the same business again changes nothing.
      const again = await loadDemo(store, { seed: 7, days: 4, ordersPerDay: 150, end });
      for (const summary of Object.values(again.bySource)) expect(summary.accepted).toBe(0);
      expect(await store.countOrders()).toBe(orders);
    } finally {
      await store.close();
    }
  });
});
