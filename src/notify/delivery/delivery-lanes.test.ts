import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../domain/incident.js';
import type { ReceiverConfig } from '../receiver.js';
import { jsonBody, startLocalServer, type LocalServer, type ReceivedRequest } from '../testing/local-http-server.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { at } from '../../store/testing/store-fixtures.js';
import { DeliveryLanes } from './delivery-lanes.js';
import { LANE_CONCURRENCY, MAX_ATTEMPTS } from './lane-policy.js';

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

describe('DeliveryLanes', () => {
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

  /** A worker on the test's clock: `deliverOnce(at)` delivers as of `at` (and leaves the clock there). */
  function worker(receivers: ReceiverConfig[], owner = 'a', senderDeps = {}) {
    let at = now;
    const lanes = new DeliveryLanes({ store, receivers: () => receivers, owner, clock: { now: () => at }, senderDeps });
    return {
      lanes,
      deliverOnce: (when: number) => {
        at = when;
        return lanes.deliverOnce();
      },
      /** The receiver took this long to answer: the clock moves on while the lane waits. */
      advance: (ms: number) => void (at += ms),
      now: () => at,
    };
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

  it('keeps a hung receiver in its own lane: the healthy receiver is served while the hung one is still waiting', async () => {
    const hung = await startLocalServer(() => 'hang');
    const hungRequestSeen = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (hung.requests.length > 0) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    let hungPendingWhenHealthyServed: boolean | undefined;
    server = await startLocalServer(() => {
      hungPendingWhenHealthyServed = hung.requests.length > 0 && !hungDone;
      return { json: { ok: true } };
    });
    let hungDone = false;
    try {
      const stuck: ReceiverConfig = { name: 'stuck', type: 'webhook', url: `${hung.url}/hook` };
      const healthy: ReceiverConfig = { name: 'healthy', type: 'webhook', url: `${server.url}/hook` };
      // The stuck robot's message was decided first: a serial drain would make the healthy one wait for its timeout.
      await store.response.enqueue([entry('H1', 'stuck', { dueAt: now - 1000 }), entry('H2', 'healthy')]);
      const w = worker([stuck, healthy], 'a', { timeoutMs: 1500 });
      const done = w.deliverOnce(now).then((s) => {
        hungDone = true;
        return s;
      });
      await hungRequestSeen;
      const summary = await done;
      expect(hungPendingWhenHealthyServed).toBe(true);
      expect(summary).toMatchObject({ sent: 1, retried: 1 });
      expect((await store.response.outbox({ state: 'sent' })).map((e) => e.id)).toEqual(['H2']);
      expect((await store.response.outbox({ state: 'pending' }))[0]?.lastError).toContain('timeout');
    } finally {
      await hung.close();
    }
  });

  it('honours Retry-After: a 429 asking for 120 s is not tried again before, and the lane rests meanwhile', async () => {
    let busy = true;
    server = await startLocalServer(() => (busy ? { status: 429, headers: { 'retry-after': '120' }, text: 'slow down' } : { json: { ok: true } }));
    const hook: ReceiverConfig = { name: 'hook', type: 'webhook', url: `${server.url}/hook` };
    await store.response.enqueue([entry('T1', 'hook'), entry('T2', 'hook', { dueAt: now + 1000 })]);
    const w = worker([hook]);
    expect(await w.deliverOnce(now)).toMatchObject({ sent: 0, retried: 1 });
    expect(server.requests).toHaveLength(1);
    const lane = await store.response.lane('hook');
    expect(lane?.parkedUntil).toBe(now + 120_000);
    expect(lane?.parkedReason).toContain('429');
    busy = false;
    expect((await w.deliverOnce(now + 119_000)).sent).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect((await w.deliverOnce(now + 120_000)).sent).toBe(2);
    // The same decision keeps its key on the retry, so the receiver can drop a repeat.
    expect(server.requests.map((r) => String(r.headers['idempotency-key'])).sort()).toEqual(['T1', 'T1', 'T2']);
    const t1 = (await store.response.outbox({ state: 'sent' })).find((e) => e.id === 'T1')!;
    // A rate limit is not the message's fault: it did not use up an attempt.
    expect(t1.attempts).toBe(1);
  });

  it('counts the backoff from the failure, not from when the drain began', async () => {
    const box: { w?: ReturnType<typeof worker> } = {};
    let failing = true;
    server = await startLocalServer(() => {
      if (!failing) return { json: { ok: true } };
      // The receiver answers 502 after 10 s.
      box.w?.advance(10_000);
      return { status: 502, text: 'bad gateway' };
    });
    const w = (box.w = worker([{ name: 'hook', type: 'webhook', url: `${server.url}/hook` }]));
    await store.response.enqueue([entry('B1', 'hook')]);
    expect((await w.deliverOnce(now)).retried).toBe(1);
    const [pending] = await store.response.outbox({ state: 'pending' });
    expect(pending?.dueAt).toBe(now + 10_000 + 30_000);
    failing = false;
    expect((await w.deliverOnce(now + 39_000)).sent).toBe(0);
    expect((await w.deliverOnce(now + 40_000)).sent).toBe(1);
  });

  it('parks a receiver that keeps failing, probes it with one message after the rest, and sends the rest once it answers', async () => {
    let down = true;
    server = await startLocalServer(() => (down ? { status: 503, text: 'down' } : { json: { ok: true } }));
    const hook: ReceiverConfig = { name: 'hook', type: 'webhook', url: `${server.url}/hook` };
    await store.response.enqueue(Array.from({ length: 10 }, (_, i) => entry(`P${i}`, 'hook')));
    const w = worker([hook]);
    const first = await w.deliverOnce(now);
    // Three failures running park the lane: the rest are not tried one by one against a dead receiver
    // (those already on their way when the third failed still end, at most the lane's concurrency).
    expect(first.retried).toBeGreaterThanOrEqual(3);
    expect(first.retried).toBeLessThanOrEqual(3 + LANE_CONCURRENCY.webhook);
    expect(server.requests.length).toBe(first.retried);
    const lane = await store.response.lane('hook');
    expect(lane?.parkedUntil).toBeGreaterThanOrEqual(now + 60_000);
    expect(lane?.parkedReason).toMatch(/failed \d+ times running/);
    expect(await store.response.outbox({ state: 'dead' })).toEqual([]);
    const before = server.requests.length;
    expect((await w.deliverOnce(now + 59_000)).sent).toBe(0);
    expect(server.requests.length).toBe(before);
    down = false;
    // After the rest one message probes; it goes, and so does everything due.
    const after = await w.deliverOnce(lane!.parkedUntil! + 30 * 60_000);
    expect(after.sent).toBe(10);
    expect((await store.response.lane('hook'))?.parkedReason).toBeUndefined();
  });

  it('parks a receiver whose messages are rejected twice running until its settings change, keeping its messages', async () => {
    server = await startLocalServer((req) => (req.url.includes('token=bad') ? { json: { errcode: 300001, errmsg: 'token is not exist' } } : dingtalk(() => now)(req)));
    const bad: ReceiverConfig = { name: 'cs', type: 'dingtalk', url: `${server.url}/robot/send?access_token=bad`, secret: SECRET };
    await store.response.enqueue(['J1', 'J2', 'J3', 'J4'].map((id) => entry(id, 'cs')));
    const summary = await worker([bad]).deliverOnce(now);
    expect(summary).toMatchObject({ dead: 2, sent: 0 });
    expect((await store.response.lane('cs'))?.parkedReason).toContain('300001');
    expect((await store.response.outbox({ state: 'pending' })).map((e) => e.id).sort()).toEqual(['J3', 'J4']);
    // Still the same settings: it stays parked, whenever asked.
    expect((await worker([bad]).deliverOnce(now + 30 * 60_000)).sent).toBe(0);
    expect(server.requests).toHaveLength(2);
    // The admin fixes the token: the lane comes back and the waiting messages go.
    const fixed: ReceiverConfig = { ...bad, url: `${server.url}/robot/send?access_token=good` };
    expect((await worker([fixed]).deliverOnce(now + 30 * 60_000)).sent).toBe(2);
  });
});
