// Tools of the peak benchmark: a real `orderwatch serve` process, signed
// ingest, local receivers (healthy, hung, a DingTalk robot that enforces
// 20 a minute and checks signatures), pollers and percentiles.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', 'bin', 'orderwatch.mjs');
export const INGEST_SECRET = 'peak-bench-ingest-secret-0123456789';
export const ROBOT_SECRET = 'SECpeakbench0123456789';
export const ADMIN_PASSWORD = 'peak-bench-password-123';

/** quantile of a sample (nearest rank). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Receiver is a local HTTP receiver that records each message with the time it arrived. */
export interface Receiver {
  readonly url: string;
  readonly received: Array<{ readonly at: number; readonly key: string; readonly title: string; readonly body: string }>;
  readonly refused: number[];
  close(): Promise<void>;
}

/** startReceiver answers as a webhook ('healthy'), never answers ('hung'), or plays a DingTalk robot (signature, 20 a minute). */
export async function startReceiver(kind: 'healthy' | 'hung' | 'dingtalk'): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const refused: number[] = [];
  const sends: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const at = performance.now();
      if (kind === 'hung') return; // never answers: the sender's timeout ends it
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // recorded as text below
      }
      if (kind === 'dingtalk') {
        const u = new URL(req.url ?? '/', 'http://x');
        const ts = u.searchParams.get('timestamp') ?? '';
        if (u.searchParams.get('sign') !== createHmac('sha256', ROBOT_SECRET).update(`${ts}\n${ROBOT_SECRET}`).digest('base64')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":310000,"errmsg":"sign not match"}');
          return;
        }
        const now = Date.now();
        if (sends.filter((t) => t > now - 60_000).length >= 20) {
          refused.push(now);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":130101,"errmsg":"send too fast"}');
          return;
        }
        sends.push(now);
        const md = (body.markdown ?? body.actionCard ?? {}) as { title?: string; text?: string };
        received.push({ at, key: '', title: String(md.title ?? ''), body: String(md.text ?? raw) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
        return;
      }
      received.push({ at, key: String(req.headers['idempotency-key'] ?? ''), title: String(body.title ?? ''), body: raw });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    refused,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Serve is a running `orderwatch serve` process. */
export interface Serve {
  readonly url: string;
  readonly child: ChildProcess;
  readonly log: string[];
  /** ms from "orderwatch is running" to the first answer of /healthz. */
  readonly answeredAfterRunningMs: number;
  stop(): Promise<void>;
}

/** startServe runs `orderwatch serve` and waits until it says it runs and answers /healthz. */
export async function startServe(args: readonly string[], env: Record<string, string> = {}): Promise<Serve> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), ...args], {
    env: { ...process.env, ORDERWATCH_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  let runningAt: number | undefined;
  const onData = (d: Buffer): void => {
    const text = d.toString();
    log.push(text);
    if (runningAt === undefined && text.includes('orderwatch is running')) runningAt = performance.now();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 120_000;
  while (runningAt === undefined) {
    if (child.exitCode !== null || performance.now() > deadline) throw new Error(`serve did not start: ${log.join('').slice(-2000)}`);
    await sleep(20);
  }
  let answeredAt: number | undefined;
  while (answeredAt === undefined) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) answeredAt = performance.now();
    else await sleep(10);
  }
  return {
    url,
    child,
    log,
    answeredAfterRunningMs: answeredAt - runningAt,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** signedIngest posts a pre-serialised body to /api/v1/ingest/generic with its HMAC signature. */
export async function signedIngest(url: string, body: string): Promise<{ status: number; accepted: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${url}/api/v1/ingest/generic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-orderwatch-signature': `sha256=${createHmac('sha256', INGEST_SECRET).update(body).digest('hex')}` },
    body,
  });
  const json = (await res.json()) as { accepted?: number };
  return { status: res.status, accepted: json.accepted ?? 0, ms: performance.now() - started };
}

/** signIn returns the admin's session cookie. */
export async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ name: 'admin', password: ADMIN_PASSWORD }) });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ow_session='));
  if (!cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookie.split(';')[0]!;
}

/** Poller calls `probe` every `everyMs` until stopped and keeps each call's duration. */
export function poll(probe: () => Promise<unknown>, everyMs: number): { stop(): Promise<number[]> } {
  const times: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t = performance.now();
      await probe().catch(() => undefined);
      times.push(performance.now() - t);
      await sleep(everyMs);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return times;
    },
  };
}

/** workerBacklog reads the background work's backlog (orders due, findings to place) through the API. */
export async function workerBacklog(url: string, cookie: string): Promise<{ ordersDue: number; findingsToPlace: number }> {
  const res = await fetch(`${url}/api/v1/worker`, { headers: { cookie } });
  const body = (await res.json()) as { backlog: { ordersDue: number; findingsToPlace: number } };
  return body.backlog;
}

/** untilIdle waits until nothing is due and no finding waits (or the time runs out); returns the ms it took. */
export async function untilIdle(url: string, cookie: string, limitMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    const b = await workerBacklog(url, cookie).catch(() => ({ ordersDue: 1, findingsToPlace: 1 }));
    if (b.ordersDue === 0 && b.findingsToPlace === 0) return performance.now() - started;
    await sleep(100);
  }
  return Number.POSITIVE_INFINITY;
}
