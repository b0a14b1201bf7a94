// A signed request holds a place among the bodies of unknown senders only
// until its signature holds: a peak's requests then reach the ingest writer
// together (and are written in one group) instead of two at a time.
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SettingsSchema } from '../../config/settings.js';
import type { ImportSummary } from '../../domain/ingest-result.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import type { IngestWriter } from '../ingest-writer-port.js';
import { buildServer } from '../server.js';

const SECRET = 'gate-test-ingest-secret-0123456';
const settings = SettingsSchema.parse({ ingest: { secrets: { generic: SECRET } }, server: { unauthenticatedBodies: 1 } });

/** HeldWriter keeps every body it is given until release(): what a busy writer looks like from the request thread. */
class HeldWriter implements IngestWriter {
  readonly held: Array<() => void> = [];
  importRaw(): Promise<ImportSummary> {
    return new Promise((resolve) => this.held.push(() => resolve({ accepted: 1, rejected: 0, duplicates: 0, updated: 0, errors: [] })));
  }
  release(): void {
    for (const r of this.held.splice(0)) r();
  }
}

describe('signed ingest and the gate for unknown senders', () => {
  let store: Store;
  let app: FastifyInstance;
  const writer = new HeldWriter();

  beforeAll(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-gate-')), 'g.db'));
    app = await buildServer({ store, settings, clock: { now: () => Date.now() }, ingestWriter: writer });
  }, 60_000);
  afterAll(async () => {
    writer.release();
    await app?.close();
    await store?.close();
  });

  it('lets three signed requests reach the writer at once with one place, and answers them all', async () => {
    const send = (n: number) => {
      const body = JSON.stringify([{ type: 'order', orderNo: `G${n}`, placedAt: '2026-11-11T10:00:00+08:00', paidFen: 100, items: [{ sku: 'A', quantity: 1, unitPriceFen: 100 }] }]);
      const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
      return app.inject({ method: 'POST', url: '/api/v1/ingest/generic', headers: { 'content-type': 'application/json', 'x-orderwatch-signature': signature }, payload: body });
    };
    const answers = Promise.all([send(1), send(2), send(3)]);
    // Held until answered, the place would let one body in and keep the other two waiting for it.
    await vi.waitFor(() => expect(writer.held.length).toBe(3), { timeout: 5_000 });
    writer.release();
    expect((await answers).map((r) => r.statusCode)).toEqual([200, 200, 200]);
  });

  it('still keeps a stranger whose signature fails from holding a place', async () => {
    const body = JSON.stringify([{ type: 'order', orderNo: 'X1' }]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', headers: { 'content-type': 'application/json', 'x-orderwatch-signature': 'sha256=00' }, payload: body });
    expect(res.statusCode).toBe(401);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(/^orderwatch_unauthenticated_bodies_reading (\d+)/m.exec(metrics.body)?.[1]).toBe('0');
  });
});
