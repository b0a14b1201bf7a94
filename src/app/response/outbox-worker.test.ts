import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../domain/incident.js';
import type { ReceiverConfig } from '../../notify/index.js';
import { jsonBody, startLocalServer, type LocalServer, type ReceivedRequest } from '../../notify/testing/local-http-server.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { at } from '../../store/testing/store-fixtures.js';
import { MAX_ATTEMPTS, OutboxWorker } from './outbox-worker.js';

const T0 = at('2026-11-11 10:00:00');
const SECRET = 'SEC0123456789abcdef';

function entry(id: string, receiver: string, over: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id,
    incidentId: 'INC-1',
    receiver,
    kind: 'incident',
    createdAt: T0,
    dueAt: T0,
    attempts: 0,
    state: 'pending',
    message: { title: `【新事件】订单 ${id} 延迟`, body: `**订单 ${id}**\n- 等级：B`, severity: 'warning', link: `http://console/#/incidents/${id}` },
    ...over,
  };
}

/** A DingTalk robot as the platform behaves: it checks the signature itself and answers with an errcode. */
function dingtalk(now: () => number, answer: (req: ReceivedRequest) => { errcode: number; errmsg: string } = () => ({ errcode: 0, errmsg: 'ok' })) {
  return (req: ReceivedRequest) => {
    const url = new URL(req.url, 'http://x');
    const timestamp = url.searchParams.get('timestamp') ?? '';
    const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
    if (url.searchParams.get('sign') !== expected || Math.abs(Number(timestamp) - now()) > 3_600_000) return { json: { errcode: 310000, errmsg: 'sign not match' } };
    return { json: answer(req) };
  };
}

describe('OutboxWorker', () => {
  let store: Store;
  let server: LocalServer | undefined;
  let now = T0;

  beforeEach(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-outbox-')), 'test.db'));
    now = T0;
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await store.close();
  });

  function worker(receivers: ReceiverConfig[], owner = 'a'): OutboxWorker {
    return new OutboxWorker({ store, receivers: () => receivers, owner });
  }

  it('meets DingTalk’s 20 a minute by merging the overflow into one digest, losing nothing', async () => {
    server = await startLocalServer(dingtalk(() => now));
    const robot: ReceiverConfig = { name: 'cs', type: 'dingtalk', url: `${server.url}/robot/send?access_token=t`, secret: SECRET };
    await store.response.enqueue(Array.from({ length: 25 }, (_, i) => entry(`E${String(i).padStart(2, '0')}`, 'cs')));
    const summary = await worker([robot]).deliverOnce(now);
    expect(summary).toMatchObject({ sent: 20, merged: 6, dead: 0 });
    expect(server.requests).toHaveLength(20);
    const texts = server.requests.map((r) => JSON.stringify(jsonBody(r)));
    // Every one of the 25 is in a message: 19 on their own, 6 in the digest.
    for (let i = 0; i < 25; i++) expect(texts.some((t) => t.includes(`E${String(i).padStart(2, '0')}`))).toBe(true);
    expect(texts.filter((t) => t.includes('6 条新通知'))).toHaveLength(1);
    const merged = await store.response.outbox({ state: 'merged' });
    expect(merged).toHaveLength(6);
    expect(new Set(merged.map((e) => e.mergedInto)).size).toBe(1);
    // Nothing more within the minute; the next one waits for a free slot.
    await store.response.enqueue([entry('E99', 'cs', { dueAt: now + 1000 })]);
    now += 1000;
    expect((await worker([robot]).deliverOnce(now)).sent).toBe(0);
    now += 61_000;
    expect((await worker([robot]).deliverOnce(now)).sent).toBe(1);
    expect(server.requests).toHaveLength(21);
  });

  it('retries a failing platform with growing waits, and dead-letters a rejection at once', async () => {
    let failures = 2;
    server = await startLocalServer((req) => {
      if (req.url.includes('token=bad')) return { json: { errcode: 300001, errmsg: 'token is not exist' } };
      if (failures-- > 0) return { status: 502, text: 'bad gateway' };
      return dingtalk(() => now)(req);
    });
    const good: ReceiverConfig = { name: 'cs', type: 'dingtalk', url: `${server.url}/robot/send?access_token=t`, secret: SECRET };
    const bad: ReceiverConfig = { name: 'old', type: 'dingtalk', url: `${server.url}/robot/send?access_token=bad` };
    await store.response.enqueue([entry('R1', 'cs'), entry('R2', 'old')]);
    const w = worker([good, bad]);
    expect(await w.deliverOnce(now)).toMatchObject({ sent: 0, retried: 1, dead: 1 });
    const dead = await store.response.outbox({ state: 'dead' });
    expect(dead.map((e) => [e.id, e.lastError])).toEqual([['R2', expect.stringContaining('300001')]]);
    // The retry waits 30 s, the next one 60 s.
    expect((await w.deliverOnce(now + 29_000)).retried).toBe(0);
    expect((await w.deliverOnce(now + 30_000)).retried).toBe(1);
    expect((await w.deliverOnce(now + 30_000 + 59_000)).sent).toBe(0);
    now += 90_000;
    expect((await w.deliverOnce(now)).sent).toBe(1);
    const r1 = (await store.response.outbox({ incidentId: 'INC-1' })).find((e) => e.id === 'R1')!;
    expect([r1.state, r1.attempts]).toEqual(['sent', 3]);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts into the dead-letter list`, async () => {
    server = await startLocalServer(() => ({ status: 503, text: 'busy' }));
    const robot: ReceiverConfig = { name: 'cs', type: 'wecom', url: `${server.url}/cgi-bin/webhook/send?key=k` };
    await store.response.enqueue([entry('X1', 'cs')]);
    const w = worker([robot]);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const [pending] = await store.response.outbox({ state: 'pending' });
      if (!pending) break;
      await w.deliverOnce(pending.dueAt);
    }
    const [dead] = await store.response.outbox({ state: 'dead' });
    expect(dead?.attempts).toBe(MAX_ATTEMPTS);
    expect(server.requests).toHaveLength(MAX_ATTEMPTS);
    expect(await store.response.retryDead('X1', T0 + 86_400_000)).toBe(true);
  });

  it('sends an entry once when a worker crashed holding it: the lease runs out and another sends it', async () => {
    server = await startLocalServer(dingtalk(() => now));
    const robot: ReceiverConfig = { name: 'cs', type: 'dingtalk', url: `${server.url}/robot/send?access_token=t`, secret: SECRET };
    await store.response.enqueue([entry('L1', 'cs')]);
    // Worker a claims and "crashes" before sending.
    expect(await store.response.claimOutbox(now, 'a', 60_000, 10)).toHaveLength(1);
    expect((await worker([robot], 'b').deliverOnce(now + 1000)).sent).toBe(0);
    now += 61_000;
    expect((await worker([robot], 'b').deliverOnce(now)).sent).toBe(1);
    expect((await worker([robot], 'c').deliverOnce(now + 120_000)).sent).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('puts entries for the in-app pool into tickets and dead-letters unknown receivers', async () => {
    await store.response.enqueue([entry('K1', 'pool'), entry('K2', 'gone')]);
    const summary = await worker([{ name: 'pool', type: 'ticket' }]).deliverOnce(now);
    expect(summary).toMatchObject({ tickets: 1, dead: 1 });
    expect((await store.response.tickets({ state: 'open' })).map((t) => t.title)).toEqual(['【新事件】订单 K1 延迟']);
    expect((await store.response.outbox({ state: 'dead' }))[0]?.lastError).toContain('not in the policy file');
  });
});
