// The pipeline on a fake clock, as a timeline: a buyer's flood of orders
// arrives in one signed request, a hot SKU sells out, and the worker works
// through it in bounded steps. Real SQLite, real HTTP ingest (inject), a
// real local webhook that counts what it receives.
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema, type Settings } from '../src/config/settings.js';
import { at } from '../src/store/testing/store-fixtures.js';
import { startLocalServer, type LocalServer } from '../src/notify/testing/local-http-server.js';
import { buildServer } from '../src/server/server.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { buildPipeline, type Pipeline } from '../src/pipeline/build-pipeline.js';

const T0 = at('2026-11-11 10:00:00');
const SECRET = 'pipeline-test-ingest-secret';
const MIN = 60_000;

function order(n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const placed = new Date(T0 - 30 * MIN + n * 100).toISOString();
  return {
    type: 'order',
    orderNo: `F${n}`,
    placedAt: placed,
    paidAt: placed,
    paidFen: 5900,
    receiver: { name: '张大海', phone: '13911112222', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号3幢501室' },
    items: [{ sku: 'CUP-1', quantity: 1, unitPriceFen: 5900 }],
    ...over,
  };
}

describe('the pipeline on a fake clock', () => {
  let store: Store;
  let hook: LocalServer;
  let app: FastifyInstance;
  let now = T0;
  let settings: Settings;
  let pipeline: Pipeline;

  beforeEach(async () => {
    now = T0;
    hook = await startLocalServer(() => ({ json: { ok: true } }));
    settings = SettingsSchema.parse({
      ingest: { secrets: { generic: SECRET } },
      receivers: [{ name: 'ops', type: 'webhook', url: `${hook.url}/hook` }],
      routes: [{ match: {}, receivers: ['ops'] }],
      onCall: { quietHours: { enabled: false } },
    });
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-pipeline-')), 'test.db'));
    pipeline = buildPipeline({ store, settings: () => settings, clock: { now: () => now }, owner: 'test' });
    app = await buildServer({ store, settings, clock: { now: () => now } });
  });
  afterEach(async () => {
    await pipeline.idle();
    await app.close();
    await store.close();
    await hook.close();
  });

  async function ingest(records: unknown[]): Promise<{ accepted: number; rejected: number }> {
    const body = JSON.stringify(records);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/ingest/generic',
      headers: { 'content-type': 'application/json', 'x-orderwatch-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  /** Steps the worker until nothing is left, moving the clock a second per step; returns the steps taken and the most orders judged in one. */
  async function work(maxSteps = 500): Promise<{ steps: number; largestSlice: number }> {
    let steps = 0;
    let largestSlice = 0;
    for (; steps < maxSteps; steps++) {
      const r = await pipeline.step();
      largestSlice = Math.max(largestSlice, r.judged);
      await pipeline.idle();
      now += 1000;
      if (!r.more && r.judged === 0) break;
    }
    return { steps, largestSlice };
  }

  it('works through one buyer’s 2,000-order flood in bounded slices: one fix-list case, one message, no incident', async () => {
    const flood = Array.from({ length: 2000 }, (_, i) => order(i));
    expect(await ingest(flood)).toMatchObject({ accepted: 2000, rejected: 0 });
    const { largestSlice } = await work();
    // Never more than a step's worth of orders at once: other work gets its turn between slices.
    expect(largestSlice).toBeLessThanOrEqual(500);
    expect(await store.detection.dueBacklog(now)).toBe(0);
    expect(await store.feed.backlog()).toBe(0);
    // Work grows with causes: the flood is one buyer case, not 2,000 incidents.
    expect((await store.response.incidents({})).total).toBe(0);
    const { items } = await store.fixList.cases({});
    expect(items.map((c) => [c.cause, c.orders])).toEqual([['buyer', 2000]]);
    // One finding of each kind per order, not one per pair of orders.
    const dupes = await store.detection.findings({ code: 'order.duplicate', status: 'open', limit: 100_000 });
    expect(dupes.length).toBeLessThanOrEqual(2000);
    // The grouping wait passes; still one message, to the ops receiver.
    now += 10 * MIN;
    await work();
    await pipeline.delivery.deliverOnce();
    expect(hook.requests.map((r) => String(JSON.parse(r.body.toString('utf8')).title ?? ''))).toEqual([expect.stringContaining('139****2222')]);
  });

  it('makes a 1,000-order stock-out one level-3 incident with one message per receiver', async () => {
    await ingest([{ type: 'inventory_level', id: 'erp-hot', source: 'erp', sku: 'HOT-1', warehouse: 'HZ-01', available: 0, reserved: 0, at: new Date(T0 - 60 * MIN).toISOString() }]);
    const buyers = Array.from({ length: 1000 }, (_, i) =>
      order(i, { orderNo: `H${i}`, warehouse: 'HZ-01', receiver: { name: `买家${i}`, phone: `137${String(10_000_000 + i)}`, province: '浙江省', city: '杭州市', district: '西湖区', detail: `文三路${i}号3幢501室` }, items: [{ sku: 'HOT-1', quantity: 1, unitPriceFen: 9900 }], paidFen: 9900 }),
    );
    for (let i = 0; i < buyers.length; i += 250) await ingest(buyers.slice(i, i + 250));
    await work();
    now += 6 * MIN;
    await work();
    await pipeline.delivery.deliverOnce();
    const { items } = await store.response.incidents({});
    expect(items.map((i) => [i.groupKey, i.level, i.orderCount])).toEqual([['stock.oversold|sku:HOT-1', 3, 1000]]);
    expect(items[0]!.orderIds).toHaveLength(100);
    expect(hook.requests).toHaveLength(1);
  });

  it('judges an order the moment it arrives when the worker is kicked, and tells the receiver', async () => {
    // Already past its promised ship time: an order incident at once (nothing to group with).
    await ingest([order(1, { orderNo: 'LATE1', placedAt: new Date(T0 - 3 * 86_400_000).toISOString(), paidAt: new Date(T0 - 3 * 86_400_000).toISOString(), promisedShipBy: new Date(T0 - 3_600_000).toISOString() })]);
    await work();
    await pipeline.delivery.deliverOnce();
    const { items } = await store.response.incidents({});
    expect(items.map((i) => [i.groupKey, i.notifiedAt])).toEqual([['late|order:generic:LATE1', T0]]);
    expect(hook.requests).toHaveLength(1);
  });
});
