// The worker at a peak, on a fake clock: while ingest stores hundreds of
// orders a second, what is already late is judged at once and the newest
// arrivals a few seconds later; outside a peak everything due is judged.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../config/settings.js';
import { buildPipeline } from '../pipeline/build-pipeline.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { at, sampleOrder } from '../store/testing/store-fixtures.js';
import { BackgroundWork, PEAK_GRACE_MS, PEAK_ORDERS, PEAK_WINDOW_MS } from './background-work.js';

const NOW = at('2026-11-11 10:00:00');
const HOUR = 3_600_000;

describe('BackgroundWork at a peak', () => {
  let store: Store;
  let now = NOW;
  let work: BackgroundWork;

  beforeEach(async () => {
    now = NOW;
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-peak-')), 'w.db'));
    const settings = SettingsSchema.parse({ onCall: { quietHours: { enabled: false } } });
    work = new BackgroundWork(buildPipeline({ store, settings: () => settings, clock: { now: () => now }, owner: 'test' }), 'test');
    // A late order (its ship-by passed an hour ago, so it has been due since then) and one that just arrived.
    const late = sampleOrder({ channelOrderId: 'LATE', placedAt: NOW - 30 * HOUR, paidAt: NOW - 30 * HOUR, modifiedAt: NOW - 30 * HOUR, promisedShipBy: NOW - HOUR });
    const fresh = sampleOrder({ channelOrderId: 'FRESH', placedAt: NOW - 60_000, paidAt: NOW - 60_000, modifiedAt: NOW - 60_000 });
    await store.ingest({ orders: [late, fresh], events: [], attachments: new Map() }, NOW);
  });
  afterEach(async () => {
    await work.stop();
    await store.close();
  });

  it('judges the late order at once and the newest arrival once its grace has passed', async () => {
    work.kick(PEAK_ORDERS);
    expect(work.atPeak()).toBe(true);
    expect((await work.runOnce()).judged).toBe(1);
    expect(await store.detection.dueBacklog(now)).toBe(1);
    now += PEAK_GRACE_MS;
    work.kick(PEAK_ORDERS);
    expect((await work.runOnce()).judged).toBe(1);
    expect(await store.detection.dueBacklog(now)).toBe(0);
  });

  it('judges everything due when ingest stores fewer orders, and when the peak is over', async () => {
    work.kick(PEAK_ORDERS - 1);
    expect(work.atPeak()).toBe(false);
    expect((await work.runOnce()).judged).toBe(2);
  });

  it('ends the peak PEAK_WINDOW_MS after the orders that made it', async () => {
    work.kick(PEAK_ORDERS);
    now += PEAK_WINDOW_MS;
    expect(work.atPeak()).toBe(false);
    expect((await work.runOnce()).judged).toBe(2);
  });
});
