import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../config/settings.js';
import { parseInstant } from '../domain/time.js';
import { openStore } from '../store/open-store.js';
import { liveDemo } from './demo-history.js';

describe('the demo made-to-order furniture', () => {
  it('is not flagged stalled while its own 7-15 day production window runs', async () => {
    const store = await openStore(':memory:');
    try {
      const end = parseInstant('2026-11-20T00:00:00+08:00')!;
      await liveDemo(store, () => DEFAULT_SETTINGS, { seed: 7, days: 24, ordersPerDay: 60, end });
      const stalled = await store.detection.findings({ code: 'stage.stalled', limit: 100_000 });
      const orders = await store.getOrders([...new Set(stalled.map((f) => f.orderId))]);
      const furniture = stalled.filter((f) => orders.get(f.orderId)?.items.some((i) => i.sku.startsWith('FURN')));
      const early = furniture.filter((f) => {
        const o = orders.get(f.orderId)!;
        return f.detectedAt < (o.paidAt ?? o.placedAt) + 15 * 86_400_000;
      });
      expect(early.map((f) => `${f.orderId}: ${f.explanation.zh}`)).toEqual([]);
      // The furniture was there and exempt by its production note, not absent.
      const byNote = (await store.detection.allExemptions()).filter((e) => e.source === 'order_note' && e.matched.includes('7-15天'));
      expect(byNote.length).toBeGreaterThan(10);
    } finally {
      await store.close();
    }
  }, 300_000);
});
