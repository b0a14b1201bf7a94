import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../config/settings.js';
import { fixedClock, parseInstant } from '../domain/time.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { hashPassword } from './auth/password.js';
import { signBody } from './auth/tokens.js';
import { buildServer } from './server.js';

const SECRET = 'generic-secret-0123456789';
const NOW = parseInstant('2026-11-12T12:00:00+08:00')!;

const order = (orderNo: string, phone: string, name: string) => ({
  type: 'order',
  orderNo,
  placedAt: '2026-11-11T10:00:00+08:00',
  paidAt: '2026-11-11T10:01:00+08:00',
  paidFen: 9900,
  receiver: { name, phone, province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号' },
  items: [{ sku: 'CUP-1', title: '保温杯', quantity: 1, unitPriceFen: 9900 }],
  shipments: [{ carrier: 'SF', trackingNo: `SF${orderNo}` }],
});

describe('HTTP API', () => {
  let store: Store;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  async function login(name: string, password: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password } });
    expect(res.statusCode).toBe(200);
    const set = res.cookies.find((c) => c.name === 'ow_session');
    return `ow_session=${set!.value}`;
  }

  beforeAll(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-http-')), 'api.db'));
    for (const [name, role] of [['boss', 'admin'], ['cangku', 'warehouse'], ['kefu', 'agent']] as const) {
      await store.addUser({ name, role, createdAt: NOW, disabled: false }, await hashPassword('password-123'));
    }
    app = await buildServer({ store, settings: SettingsSchema.parse({ ingest: { secrets: { generic: SECRET } } }), clock: fixedClock(NOW) });
    cookies.admin = await login('boss', 'password-123');
    cookies.warehouse = await login('cangku', 'password-123');
    cookies.agent = await login('kefu', 'password-123');
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('refuses anonymous requests to the API', async () => {
    for (const url of ['/api/v1/orders?q=1234', '/api/v1/orders/generic:A1', '/api/v1/users', '/api/v1/auth/me']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error).toMatch(/login required/);
    }
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: 'boss', password: 'nope-nope' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'wrong user name or password' });
  });

  it('ingests a signed payload with per-record results and refuses a bad signature', async () => {
    const body = JSON.stringify([order('A1', '13812345678', '王小明'), { type: 'order', orderNo: 'A2' }, order('A3', '13900001111', '李四')]);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', payload: body, headers: { 'content-type': 'application/json', 'x-orderwatch-signature': signBody(body, 'wrong-secret-xxxxxxxx') } });
    expect(bad.statusCode).toBe(401);
    const unsigned = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', payload: body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(401);
    const res = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', payload: body, headers: { 'content-type': 'application/json', 'x-orderwatch-signature': signBody(body, SECRET) } });
    expect(res.statusCode).toBe(200);
    const summary = res.json();
    expect(summary).toMatchObject({ accepted: 2, rejected: 1, duplicates: 0 });
    expect(summary.errors).toContainEqual({ record: 2, field: 'placedAt', message: 'is required' });
    const again = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', payload: body, headers: { 'content-type': 'application/json', 'x-orderwatch-signature': signBody(body, SECRET) } });
    expect(again.json()).toMatchObject({ accepted: 0, rejected: 1, duplicates: 2 });
  });

  it('accepts an integration token instead of a signature', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { name: 'erp' }, headers: { cookie: cookies.admin! } });
    expect(created.statusCode).toBe(200);
    const token = created.json().token as string;
    const res = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', payload: order('A4', '13700002222', '赵六'), headers: { authorization: `Bearer ${token}` } });
    expect(res.json()).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('answers malformed, non-UTF-8 and unsupported bodies with a 400-class error, not a crash', async () => {
    const sign = (b: Buffer | string) => ({ 'x-orderwatch-signature': signBody(b, SECRET) });
    const truncated = '[{"type":"order","orderNo":"X';
    const r1 = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', payload: truncated, headers: { 'content-type': 'application/json', ...sign(truncated) } });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error).toMatch(/not valid JSON/);
    const gbk = Buffer.from([0x7b, 0x22, 0xb6, 0xa9, 0x22, 0x3a, 0x31, 0x7d]);
    const r2 = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', payload: gbk, headers: { 'content-type': 'application/json', ...sign(gbk) } });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error).toMatch(/UTF-8/);
    const r3 = await app.inject({ method: 'POST', url: '/api/v1/ingest/generic', payload: 'a,b', headers: { 'content-type': 'text/csv' } });
    expect(r3.statusCode).toBe(415);
    expect(r3.body).not.toMatch(/at .*\.ts/);
  });

  it('finds orders by last 4, order number, name and tracking number; shows the 360 view', async () => {
    for (const q of ['5678', 'A1', '王小明', 'sfa1']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/orders?q=${encodeURIComponent(q)}`, headers: { cookie: cookies.agent! } });
      expect(res.statusCode, q).toBe(200);
      expect(res.json().orders.map((o: { id: string }) => o.id), q).toEqual(['generic:A1']);
    }
    const view = await app.inject({ method: 'GET', url: '/api/v1/orders/generic:A1', headers: { cookie: cookies.agent! } });
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body.order.receiver.phone.raw).toBe('13812345678');
    expect(body.order.placedAt).toBe('2026-11-11T02:00:00.000Z');
    expect(body.timeline.map((e: { stage: string }) => e.stage)).toEqual(['paid']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/orders/generic:NOPE', headers: { cookie: cookies.agent! } })).statusCode).toBe(404);
  });

  it('masks phone numbers for roles that do not call customers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/orders?q=5678', headers: { cookie: cookies.warehouse! } });
    expect(res.json().orders[0].phone).toBe('138****5678');
    const view = await app.inject({ method: 'GET', url: '/api/v1/orders/generic:A1', headers: { cookie: cookies.warehouse! } });
    expect(JSON.stringify(view.json())).not.toContain('13812345678');
  });

  it('lists findings, and takes a scan as background work to follow', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/findings?status=open', headers: { cookie: cookies.agent! } });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ findings: [] });
    const bad = await app.inject({ method: 'GET', url: '/api/v1/findings?code=nope', headers: { cookie: cookies.agent! } });
    expect(bad.statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/v1/scan', payload: {}, headers: { cookie: cookies.agent! } })).statusCode).toBe(403);
    const asked = await app.inject({ method: 'POST', url: '/api/v1/scan', payload: { at: '2026-11-16T09:00:00+08:00' }, headers: { cookie: cookies.admin! } });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json()).toMatchObject({ state: 'queued', at: '2026-11-16T01:00:00.000Z' });
    const followed = await app.inject({ method: 'GET', url: asked.json().follow, headers: { cookie: cookies.admin! } });
    expect(followed.json()).toMatchObject({ id: asked.json().id, kind: 'scan', state: 'queued', requestedBy: 'boss' });
    const view = await app.inject({ method: 'GET', url: '/api/v1/orders/generic:A1', headers: { cookie: cookies.agent! } });
    expect(view.json()).toMatchObject({ findings: [], exemptions: [] });
  });

  it('keeps admin routes for admins', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: cookies.agent! } });
    expect(res.statusCode).toBe(403);
    const ok = await app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: cookies.admin! } });
    expect(ok.json().users.map((u: { name: string }) => u.name)).toEqual(['boss', 'cangku', 'kefu']);
  });

  it('serves health, metrics and an OpenAPI document of the routes', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok', database: 'sqlite' });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/orderwatch_ingest_records_total\{channel="generic",outcome="accepted"\} 3/);
    expect(metrics.body).toMatch(/orderwatch_orders_stored 3/);
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/orders', '/api/v1/orders/{id}', '/api/v1/ingest/{channel}', '/api/v1/auth/login']));
    expect(doc.paths['/api/v1/orders'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['q', 'limit']);
  });
});
