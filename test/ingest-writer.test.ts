// Signed ingest through the writer thread, as serve runs it: the request
// thread checks the signature and forwards the bytes; the writer parses,
// normalises and stores them and answers per record. A full writer answers
// 503 with Retry-After; a body that is not JSON is a 400 with the reason.
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngestWriter, type RunningIngestWriter } from '../src/app/ingest-writer.js';
import { SettingsSchema } from '../src/config/settings.js';
import { IngestBusy } from '../src/server/ingest-writer-port.js';
import { buildServer } from '../src/server/server.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';

const SECRET = 'writer-test-ingest-secret-0123';
const settings = SettingsSchema.parse({ ingest: { secrets: { generic: SECRET, douyin: SECRET } } });

function signed(body: string): Record<string, string> {
  return { 'content-type': 'application/json', 'x-orderwatch-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` };
}

describe('ingest through the writer thread', () => {
  let store: Store;
  let writer: RunningIngestWriter;
  let app: FastifyInstance;
  const db = join(mkdtempSync(join(tmpdir(), 'ow-writer-')), 'w.db');

  beforeAll(async () => {
    store = await openStore(db);
    writer = await startIngestWriter(db, () => undefined);
    app = await buildServer({ store, settings, clock: { now: () => Date.now() }, ingestWriter: writer });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await writer?.stop();
    await store?.close();
  });

  it('stores the orders of a signed request and answers per record, the bad one with its field', async () => {
    const body = JSON.stringify([
      { type: 'order', orderNo: 'W1', placedAt: '2026-11-11T10:00:00+08:00', paidFen: 100, items: [{ sku: 'A', quantity: 1, unitPriceFen: 100 }] },
      { type: 'order', orderNo: 'W2', placedAt: 'yesterday', paidFen: 100, items: [{ sku: 'A', quantity: 1, unitPriceFen: 100 }] },
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', headers: signed(body), payload: body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 1, rejected: 1, errors: [{ record: 2, field: 'placedAt' }] });
    expect((await store.getOrder('generic:W1'))?.paidFen).toBe(100);
  });

  it('keeps a 19-digit id sent as a bare number whole', async () => {
    const body = `{"type":"order","orderNo":3660207428038974464,"placedAt":"2026-11-11T10:00:00+08:00","paidFen":100,"items":[{"sku":"A","quantity":1,"unitPriceFen":100}]}`;
    const res = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', headers: signed(body), payload: body });
    expect(res.statusCode, res.body).toBe(200);
    expect(await store.getOrder('generic:3660207428038974464')).toBeDefined();
  });

  it('answers a body that is not JSON with a 400 and the reason, and a wrong signature before reading it', async () => {
    const bad = '{"type": "order", ';
    const res = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', headers: signed(bad), payload: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('not valid JSON');
    const forged = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', headers: { ...signed('{}'), 'content-type': 'application/json' }, payload: '[]' });
    expect(forged.statusCode).toBe(401);
  });

  it('requests that queue up together (written as one group) are each answered for themselves, duplicates across them counted once', async () => {
    const order = (no: string, placedAt = '2026-11-11T10:00:00+08:00') => ({ type: 'order', orderNo: no, placedAt, paidFen: 100, items: [{ sku: 'A', quantity: 1, unitPriceFen: 100 }] });
    const bodies = [
      JSON.stringify([order('G1'), order('G2')]),
      JSON.stringify([order('G2'), order('G3')]),
      '{"not json',
      JSON.stringify([order('G4', 'soon')]),
      JSON.stringify(Array.from({ length: 1500 }, (_, i) => order(`GB${i}`))),
    ];
    // Sent at once, straight to the writer: they queue behind each other and are written as one group.
    const answers = await Promise.all(bodies.map((b) => writer.importRaw('generic', Buffer.from(b), Date.now()).catch((e: Error) => e)));
    expect(answers[0]).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(answers[1]).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(String(answers[2])).toContain('not valid JSON');
    expect(answers[3]).toMatchObject({ accepted: 0, rejected: 1, errors: [{ record: 1, field: 'placedAt' }] });
    expect(answers[4]).toMatchObject({ accepted: 1500 });
    expect(await store.getOrder('generic:G3')).toBeDefined();
    expect(await store.getOrder('generic:GB1499')).toBeDefined();
    expect(await store.getOrder('generic:G4')).toBeUndefined();
  });

  it('answers 503 with Retry-After when the writer holds too much already', async () => {
    const busy = await buildServer({ store, settings, clock: { now: () => Date.now() }, ingestWriter: { importRaw: () => Promise.reject(new IngestBusy('300 MB of orders are waiting to be written')) } });
    const body = '[]';
    const res = await busy.inject({ method: 'POST', url: '/api/v1/ingest/generic', headers: signed(body), payload: body });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json().error).toContain('send again');
    await busy.close();
  });
});
