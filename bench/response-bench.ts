// Response speed and safety: event → notification delivered to a local
// receiver (p99), a 10,000-order stock-out within a minute (one level-3
// incident, a handful of messages, no robot over its limit), and kill -9
// during delivery of 1,000 notifications (all delivered, at most one twice).
// Run alone: node bin/run-ts.mjs bench/response-bench.ts
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPipeline } from '../src/pipeline/build-pipeline.js';
import { BackgroundWork } from '../src/worker/background-work.js';
import { SettingsSchema } from '../src/config/settings.js';
import type { Finding } from '../src/domain/finding.js';
import type { OutboxEntry } from '../src/domain/incident.js';
import { classifyPhone } from '../src/domain/phone.js';
import { systemClock } from '../src/domain/time.js';
import { openStore } from '../src/store/open-store.js';
import { sampleOrder } from '../src/store/testing/store-fixtures.js';

export interface ResponseFigures {
  readonly eventToNotificationP50Ms: number;
  readonly eventToNotificationP99Ms: number;
  readonly events: number;
  readonly stockOutIncidents: number;
  readonly stockOutLevel: number;
  readonly stockOutMessages: number;
  readonly stockOutOverLimit: number;
  readonly stockOutSeconds: number;
  readonly killDelivered: number;
  readonly killTwice: number;
  readonly killMissing: number;
}

const SECRET = 'SECbench0123456789';

async function listen(handler: (url: URL, body: string, headers: Record<string, unknown>) => object): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const reply = handler(new URL(req.url ?? '/', 'http://x'), body, req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Every synthetic buyer has their own phone and name: one phone with many orders is a placeholder finding of its own. */
function distinctReceiver(n: number) {
  return { name: `买家${n}`, phone: classifyPhone(`139${String(10_000_000 + n).slice(-8)}`), province: '浙江省', city: '杭州市', district: '西湖区', detail: `文三路${n % 500 + 1}号3幢501室` };
}

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

/** The live path of `serve`: ingest → detection sweep (kicked) → engine → outbox → webhook. */
async function eventToNotification(dir: string, events: number): Promise<{ p50: number; p99: number }> {
  const waiting = new Map<string, (at: number) => void>();
  const { server, url } = await listen((_u, body) => {
    const m = /订单 (LAT\d+)/.exec(body);
    if (m) waiting.get(m[1]!)?.(performance.now());
    return { ok: true };
  });
  const settings = SettingsSchema.parse({
    receivers: [{ name: 'hook', type: 'webhook', url: `${url}/hook`, rateLimitPerMinute: 10_000 }],
    routes: [{ match: {}, receivers: ['hook'] }],
    onCall: { quietHours: { enabled: false } },
  });
  const store = await openStore(join(dir, 'latency.db'));
  // A store that is not empty: 20,000 orders already there.
  for (let b = 0; b < 20; b++) {
    await store.ingest({ orders: Array.from({ length: 1000 }, (_, i) => sampleOrder({ channelOrderId: `BG${b}-${i}`, placedAt: Date.now() - 86_400_000, paidAt: Date.now() - 86_400_000, receiver: distinctReceiver(b * 1000 + i) })), events: [], attachments: new Map() }, Date.now());
  }
  const pipeline = buildPipeline({ store, settings: () => settings, clock: systemClock, owner: 'bench' });
  await pipeline.detection.sweep(Date.now(), 100_000);
  // The worker as serve runs it (here in this thread), kicked after each ingest.
  const work = new BackgroundWork(pipeline, 'bench', { idleMs: 1000 });
  work.start();
  const latencies: number[] = [];
  for (let i = 0; i < events + 10; i++) {
    const id = `LAT${i}`;
    const delivered = new Promise<number>((resolve) => waiting.set(id, resolve));
    const started = performance.now();
    // The event: an order arrives already past its promised ship time (an order incident at once: no batch to wait for).
    const paid = Date.now() - 2 * 86_400_000;
    await store.ingest({ orders: [sampleOrder({ channelOrderId: id, placedAt: paid, paidAt: paid, promisedShipBy: Date.now() - 3_600_000, receiver: distinctReceiver(100_000 + i) })], events: [], attachments: new Map() }, Date.now());
    work.kick();
    const at = await Promise.race([delivered, new Promise<number>((r) => setTimeout(() => r(Number.NaN), 10_000))]);
    if (i >= 10) latencies.push(at - started); // the first ten warm caches up
  }
  await work.stop();
  await store.close();
  await new Promise<void>((r) => server.close(() => r()));
  if (latencies.some((x) => Number.isNaN(x))) throw new Error('a notification never arrived');
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

/** 10,000 oversold findings of one SKU within a minute, then the grouping wait, then delivery to a DingTalk robot that enforces 20/min. */
async function stockOut(dir: string): Promise<{ incidents: number; level: number; messages: number; overLimit: number; seconds: number }> {
  const sends: number[] = [];
  let overLimit = 0;
  const { server, url } = await listen((u) => {
    const ts = u.searchParams.get('timestamp') ?? '';
    if (u.searchParams.get('sign') !== createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64')) return { errcode: 310000, errmsg: 'sign not match' };
    const now = Date.now();
    if (sends.filter((t) => t > now - 60_000).length >= 20) {
      overLimit++;
      return { errcode: 130101, errmsg: 'send too fast' };
    }
    sends.push(now);
    return { errcode: 0, errmsg: 'ok' };
  });
  const settings = SettingsSchema.parse({
    receivers: [{ name: 'ops', type: 'dingtalk', url: `${url}/robot/send?access_token=t`, secret: SECRET }],
    routes: [{ match: {}, receivers: ['ops'] }],
    onCall: { quietHours: { enabled: false } },
  });
  const store = await openStore(join(dir, 'stockout.db'));
  const t0 = Date.now() - 10 * 60_000;
  for (let b = 0; b < 10; b++) {
    await store.ingest({ orders: Array.from({ length: 1000 }, (_, i) => sampleOrder({ channelOrderId: `SO${b}-${i}`, placedAt: t0, paidAt: t0, items: [{ sku: 'HOT-1', title: '爆款', quantity: 1, unitPriceFen: 9900 }], receiver: distinctReceiver(b * 1000 + i) })), events: [], attachments: new Map() }, t0);
  }
  const pipeline = buildPipeline({ store, settings: () => settings, clock: systemClock, owner: 'bench' });
  const started = performance.now();
  for (let b = 0; b < 10; b++) {
    const at = t0 + b * 6000;
    const opened: Finding[] = Array.from({ length: 1000 }, (_, i) => ({ orderId: `taobao:SO${b}-${i}`, code: 'stock.oversold', key: 'HOT-1', severity: 'critical', detectedAt: at, explanation: { zh: '超卖', en: 'oversold' }, evidence: {} }));
    await pipeline.engine.place(opened, [], at);
    await pipeline.engine.tick(at);
  }
  await pipeline.engine.tick(t0 + 6 * 60_000);
  await pipeline.delivery.deliverOnce();
  const seconds = (performance.now() - started) / 1000;
  const { items } = await store.response.incidents({ limit: 100 });
  await store.close();
  await new Promise<void>((r) => server.close(() => r()));
  return { incidents: items.length, level: items[0]?.level ?? 0, messages: sends.length, overLimit, seconds };
}

/** kill -9 a `deliver --once` in the middle of 1,000 notifications, start it again: count what arrived. */
async function killDuringDelivery(dir: string): Promise<{ delivered: number; twice: number; missing: number }> {
  const seen = new Map<string, number>();
  let onCount: (() => void) | undefined;
  const { server, url } = await listen((_u, _b, headers) => {
    const key = String(headers['idempotency-key']);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    onCount?.();
    return { ok: true };
  });
  const db = join(dir, 'kill.db');
  const config = join(dir, 'kill.yaml');
  writeFileSync(config, `receivers:\n  - { name: hook, type: webhook, url: "${url}/hook", rateLimitPerMinute: 10000 }\nroutes:\n  - { match: {}, receivers: [hook] }\n`);
  const store = await openStore(db);
  const now = Date.now();
  const entries: OutboxEntry[] = Array.from({ length: 1000 }, (_, i) => ({ id: `K${i}|hook|notify`, receiver: 'hook', kind: 'incident', createdAt: now, dueAt: now, attempts: 0, state: 'pending', message: { title: `通知 ${i}`, body: `第 ${i} 条`, severity: 'info' } }));
  await store.response.enqueue(entries);
  await store.close();
  const bin = join(import.meta.dirname, '..', 'bin', 'orderwatch.mjs');
  const first = spawn(process.execPath, [bin, 'deliver', '--once', '--db', db, '--config', config], { stdio: 'ignore' });
  await new Promise<void>((resolve) => {
    onCount = () => {
      if (seen.size >= 300) {
        onCount = undefined;
        first.kill('SIGKILL');
        resolve();
      }
    };
  });
  await new Promise((r) => first.once('exit', r));
  // Restart after the crashed worker's leases ran out (60 s): deliver as of then.
  const second = spawn(process.execPath, [bin, 'deliver', '--once', '--db', db, '--config', config, '--at', new Date(Date.now() + 61_000).toISOString()], { stdio: 'ignore' });
  await new Promise((r) => second.once('exit', r));
  await new Promise<void>((r) => server.close(() => r()));
  const twice = [...seen.values()].filter((n) => n > 1).length;
  const missing = entries.filter((e) => !seen.has(e.id)).length;
  return { delivered: seen.size, twice, missing };
}

const dir = mkdtempSync(join(tmpdir(), 'ow-bench-response-'));
try {
  const say = (what: string): boolean => process.stderr.write(`response bench: ${what} (rss ${Math.round(process.memoryUsage().rss / 1e6)} MB)\n`);
  say('event → notification');
  const latency = await eventToNotification(dir, 200);
  say('stock-out of 10,000 orders');
  const so = await stockOut(dir);
  say('kill -9 during delivery');
  const kill = await killDuringDelivery(dir);
  const figures: ResponseFigures = {
    eventToNotificationP50Ms: latency.p50,
    eventToNotificationP99Ms: latency.p99,
    events: 200,
    stockOutIncidents: so.incidents,
    stockOutLevel: so.level,
    stockOutMessages: so.messages,
    stockOutOverLimit: so.overLimit,
    stockOutSeconds: so.seconds,
    killDelivered: kill.delivered,
    killTwice: kill.twice,
    killMissing: kill.missing,
  };
  console.log(JSON.stringify(figures));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
