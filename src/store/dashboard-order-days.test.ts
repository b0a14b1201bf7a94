import { describe, expect, it } from 'vitest';
import type { Finding } from '../domain/finding.js';
import { openStore } from './open-store.js';
import { at, sampleOrder } from './testing/store-fixtures.js';

const MIN = 60_000;

describe('the war room base (all orders per day and value)', () => {
  it('recounts a young day at most every 10 minutes, one day per request, so carriers assigned later show', async () => {
    const store = await openStore(':memory:');
    try {
      const placed = at('2026-11-12 09:00:00');
      const late = sampleOrder({ channelOrderId: 'L1', placedAt: placed, shipments: [{ carrier: '中通快递', trackingNo: '1' }] });
      const other = sampleOrder({ channelOrderId: 'L2', placedAt: placed });
      await store.ingest({ orders: [late, other], events: [], attachments: new Map() }, placed);
      const seen = at('2026-11-12 12:00:00');
      const finding: Finding = { orderId: late.id, code: 'logistics.exception', key: 'T', severity: 'warning', detectedAt: seen, explanation: { zh: '异常', en: 'x' }, evidence: {} };
      await store.detection.saveJudgements([{ orderId: late.id, findings: [finding], exemptions: [], nextCheckAt: undefined }], seen);
      const window = { from: at('2026-11-12 00:00:00'), to: at('2026-11-12 23:59:00') };
      const zto = async (now: number) => (await store.dashboard.warRoom(window, now, 10)).splits.carrier.find((r) => r.key === 'ZTO')?.orders;
      const now = at('2026-11-12 13:00:00');
      expect(await zto(now)).toBe(1);
      // L2 ships with JD's code for the same carrier.
      await store.ingest({ orders: [{ ...other, modifiedAt: now + MIN, shipments: [{ carrier: '1499', trackingNo: '2' }] }], events: [], attachments: new Map() }, now + MIN);
      expect(await zto(now + 5 * MIN)).toBe(1);
      expect(await zto(now + 11 * MIN)).toBe(2);
    } finally {
      await store.close();
    }
  });
});
