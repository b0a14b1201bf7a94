// Reload and webhooks, as the tester found them: a changed settings file did not
// apply new ingest secrets (the old secret still accepted) and /api/v1/policy showed
// the start-up receivers; signed ingest had no freshness window; rotating a secret
// needed a restart and had no overlap; a Kuaidi100 push with a bad sign answered
// result:false, which makes Kuaidi100 retry it forever.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/context.js';
import { serve } from '../../src/app/serve.js';
import { signBody } from '../../src/server/auth/tokens.js';
import { GENERIC_SECRET, KUAIDI100_SALT, PASSWORD, SETTINGS_YAML, signIn, startHarness, type Harness } from './harness.js';

const NEW_SECRET = 'generic-secret-two-9876543210';

const order = (no: string): string => JSON.stringify({ type: 'order', orderNo: no, placedAt: '2026-11-19T09:00:00+08:00', paidFen: 100, items: [{ sku: 'S', quantity: 1, unitPriceFen: 100 }] });

function signed(url: string, body: string, secret: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/v1/ingest/generic`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-orderwatch-signature': signBody(body, secret), ...headers }, body });
}

describe('a reloaded settings file, in `serve` itself', () => {
  let app: FastifyInstance;
  let file: string;
  let url: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-reload-'));
    file = join(dir, 'orderwatch.yaml');
    writeFileSync(file, SETTINGS_YAML);
    process.env.ORDERWATCH_ADMIN_PASSWORD = PASSWORD;
    const context = await openContext({ db: join(dir, 'serve.db'), config: file });
    app = await serve(context, { port: 0, host: '127.0.0.1', version: 'test', say: () => undefined });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    delete process.env.ORDERWATCH_ADMIN_PASSWORD;
    await app?.close();
  });

  it('applies new ingest secrets and the policy endpoint at once, keeping the replaced secret for its overlap', async () => {
    expect((await signed(url, order('R-1'), GENERIC_SECRET)).status).toBe(200);
    expect((await signed(url, order('R-2'), NEW_SECRET)).status).toBe(401);
    writeFileSync(file, readFileSync(file, 'utf8').replace(GENERIC_SECRET, NEW_SECRET).replace(/ops-group/g, 'ops-group-2'));
    // serve watches the file (every 2 s): the new secret works without a restart.
    const deadline = Date.now() + 20_000;
    while ((await signed(url, order('R-3'), NEW_SECRET)).status !== 200) {
      if (Date.now() > deadline) throw new Error('the new secret never applied');
      await new Promise((r) => setTimeout(r, 250));
    }
    // The replaced secret keeps working for ingest.secretOverlap (1 minute here), so senders switch without a gap.
    expect((await signed(url, order('R-4'), GENERIC_SECRET)).status).toBe(200);
    const admin = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password: PASSWORD }) });
    const cookie = admin.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const policy = (await (await fetch(`${url}/api/v1/policy`, { headers: { cookie } })).json()) as { receivers: Array<{ name: string }>; receiverNames: Array<{ name: string }> };
    expect(policy.receivers.map((r) => r.name)).toEqual(['ops-group-2']);
    expect(policy.receiverNames.map((r) => r.name)).toEqual(['ops-group-2']);
  }, 60_000);
});

describe('secret rotation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ scan: false });
  }, 60_000);
  afterAll(async () => h?.close());

  const rewrite = (yaml: string): void => {
    writeFileSync(h.settingsFile, yaml);
    expect(h.holder.reload()).toBe(true);
  };

  it('refuses the replaced secret once its overlap has passed', async () => {
    rewrite(SETTINGS_YAML.replace(GENERIC_SECRET, NEW_SECRET));
    expect((await signed(h.url, order('O-1'), NEW_SECRET)).status).toBe(200);
    expect((await signed(h.url, order('O-2'), GENERIC_SECRET)).status).toBe(200);
    h.advance(61_000);
    const old = await signed(h.url, order('O-3'), GENERIC_SECRET);
    expect(old.status).toBe(401);
    expect(((await old.json()) as { error: string }).error).toBe('X-Orderwatch-Signature does not match the body');
    expect((await signed(h.url, order('O-4'), NEW_SECRET)).status).toBe(200);
  });

  it('accepts every secret of a list, for a rotation planned across instances', async () => {
    rewrite(SETTINGS_YAML.replace(`generic: ${GENERIC_SECRET}`, `generic: [${NEW_SECRET}, ${GENERIC_SECRET}]`));
    h.advance(3_600_000);
    expect((await signed(h.url, order('L-1'), NEW_SECRET)).status).toBe(200);
    expect((await signed(h.url, order('L-2'), GENERIC_SECRET)).status).toBe(200);
    expect((await signed(h.url, order('L-3'), 'some-other-secret-123456')).status).toBe(401);
  });

  it('keeps the running settings when the new file is broken', async () => {
    writeFileSync(h.settingsFile, SETTINGS_YAML.replace(GENERIC_SECRET, 'short'));
    expect(h.holder.reload()).toBe(false);
    expect((await signed(h.url, order('B-1'), NEW_SECRET)).status).toBe(200);
  });
});

describe('signed timestamps (ingest.signatureMaxAge)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ scan: false, yaml: SETTINGS_YAML.replace('  secretOverlap: 1m\n', '  secretOverlap: 1m\n  signatureMaxAge: 5m\n') });
  }, 60_000);
  afterAll(async () => h?.close());

  it('refuses a request without a timestamp, a stale or future one, and one whose signature leaves it out', async () => {
    const body = order('T-1');
    const now = Math.floor(h.now() / 1000);
    const plain = await signed(h.url, body, GENERIC_SECRET);
    expect(plain.status).toBe(401);
    expect(((await plain.json()) as { error: string }).error).toMatch(/X-Orderwatch-Timestamp/);
    for (const ts of [now - 301, now + 301]) {
      const res = await fetch(`${h.url}/api/v1/ingest/generic`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-orderwatch-timestamp': String(ts), 'x-orderwatch-signature': signBody(body, GENERIC_SECRET, String(ts)) }, body });
      expect(res.status, String(ts - now)).toBe(401);
    }
    const unsignedTime = await signed(h.url, body, GENERIC_SECRET, { 'x-orderwatch-timestamp': String(now) });
    expect(unsignedTime.status).toBe(401);
    const fresh = await fetch(`${h.url}/api/v1/ingest/generic`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-orderwatch-timestamp': String(now - 10), 'x-orderwatch-signature': signBody(body, GENERIC_SECRET, String(now - 10)) }, body });
    expect(fresh.status).toBe(200);
    // A captured request replayed later is refused.
    h.advance(6 * 60_000);
    const replay = await fetch(`${h.url}/api/v1/ingest/generic`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-orderwatch-timestamp': String(now - 10), 'x-orderwatch-signature': signBody(body, GENERIC_SECRET, String(now - 10)) }, body });
    expect(replay.status).toBe(401);
  });
});

describe('the Kuaidi100 push', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ scan: false });
  }, 60_000);
  afterAll(async () => h?.close());

  const param = JSON.stringify({
    status: 'polling',
    lastResult: { state: '5', ischeck: '0', com: 'shunfeng', nu: 'SF1000000000002', data: [{ context: '【杭州市】快递员正在派件', time: '2026-11-19 08:30:00', ftime: '2026-11-19 08:30:00' }] },
  });
  const sign = (p: string, salt: string): string => createHash('md5').update(p + salt).digest('hex').toUpperCase();
  const post = (fields: Record<string, string>): Promise<Response> =>
    fetch(`${h.url}/api/v1/ingest-logistics/kuaidi100`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const tracked = async (): Promise<number> => {
    const agent = await signIn(h, 'kefu');
    return ((await (await agent.get('/api/v1/orders/generic:SEC-2')).json()) as { logistics: unknown[] }).logistics.length;
  };

  it('acknowledges a push with a bad sign (result:true, so it is not resent forever), imports nothing, and counts it', async () => {
    const before = await tracked();
    const res = await post({ param, sign: sign(param, 'not-our-salt') });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: true, returnCode: '200', message: 'sign mismatch: ignored' });
    expect(await tracked()).toBe(before);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/orderwatch_ingest_refused_total\{channel="kuaidi100",reason="signature"\} 1/);
    expect(h.logs.join('')).toContain('kuaidi100 push refused');
  });

  it('acknowledges an unreadable param the same way, and imports a good push', async () => {
    expect(await (await post({ param: '{nope', sign: sign('{nope', KUAIDI100_SALT) })).json()).toMatchObject({ result: true, returnCode: '200' });
    const before = await tracked();
    expect(await (await post({ param, sign: sign(param, KUAIDI100_SALT) })).json()).toEqual({ result: true, returnCode: '200', message: 'ok' });
    expect(await tracked()).toBe(before + 1);
  });

  it('keeps a removed salt for the overlap, then asks for a retry (our side is missing its salt)', async () => {
    writeFileSync(h.settingsFile, SETTINGS_YAML.replace(`  kuaidi100Salt: ${KUAIDI100_SALT}\n`, ''));
    expect(h.holder.reload()).toBe(true);
    expect((await post({ param, sign: sign(param, KUAIDI100_SALT) })).status).toBe(200);
    h.advance(61_000);
    const res = await post({ param, sign: sign(param, KUAIDI100_SALT) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe('ingest.kuaidi100Salt is not configured');
  });
});
