// API tokens, as the tester found them: they never expired and could not be listed
// or revoked, an admin could mint admin-role tokens, and the integration (ingest)
// token could read orders, incidents, exports, the event stream and evidence PDFs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullPhonesIn, orderwatch, signIn, startHarness, type Harness, type Session } from './harness.js';

let h: Harness;
let admin: Session;

beforeAll(async () => {
  h = await startHarness();
  admin = await signIn(h, 'boss');
}, 60_000);
afterAll(async () => h?.close());

const bearer = (token: string, path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${h.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } });

const READS = [
  '/api/v1/orders?q=4444',
  '/api/v1/orders/generic:SEC-1',
  '/api/v1/findings',
  '/api/v1/incidents',
  '/api/v1/reports/export/findings?format=csv',
  '/api/v1/reports/evidence/generic:SEC-1',
  '/api/v1/dashboard',
];

describe('the ingest token', () => {
  it('ingests, and reads nothing: no orders, incidents, exports, events or evidence PDFs', async () => {
    const body = JSON.stringify({ type: 'order', orderNo: 'TOK-1', placedAt: '2026-11-19T09:00:00+08:00', paidFen: 100, items: [{ sku: 'S', quantity: 1, unitPriceFen: 100 }] });
    const ingest = await bearer(h.tokens.ingest, '/api/v1/ingest/generic', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(ingest.status).toBe(200);
    for (const path of [...READS, '/api/v1/events']) {
      const res = await bearer(h.tokens.ingest, path);
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { error: string }).error, path).toMatch(/scopes \(ingest\) do not include/);
    }
  });

  it('acts on nothing people do: incident actions, users, tokens, the policy', async () => {
    const incident = ((await (await admin.get('/api/v1/incidents')).json()) as { items: Array<{ id: string }> }).items[0]!.id;
    for (const [method, path, body] of [
      ['POST', `/api/v1/incidents/${incident}/actions`, { type: 'comment', text: 'x' }],
      ['POST', '/api/v1/users', { name: 'x', role: 'admin', password: 'password-password' }],
      ['POST', '/api/v1/tokens', { name: 'x' }],
      ['GET', '/api/v1/policy', undefined],
      ['GET', '/api/v1/users', undefined],
    ] as const) {
      const res = await bearer(h.tokens.reader, path, { method, ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) });
      expect(res.status, path).toBe(403);
    }
  });
});

describe('a read token', () => {
  it('reads what its scopes name, with phones masked, and cannot ingest', async () => {
    for (const path of READS) {
      const res = await bearer(h.tokens.reader, path);
      expect(res.status, path).toBe(200);
      if (!path.includes('evidence')) expect(fullPhonesIn(await res.text()), path).toEqual([]);
    }
    const view = (await (await bearer(h.tokens.reader, '/api/v1/orders/generic:SEC-1')).json()) as { order: { receiver: { phone: { raw: string }; detail: string } } };
    expect(view.order.receiver.phone.raw).toBe('136****4444');
    expect(view.order.receiver.detail).toBe('***');
    const ingest = await bearer(h.tokens.reader, '/api/v1/ingest/generic', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(ingest.status).toBe(403);
  });
});

describe('token lifecycle', () => {
  it('refuses admin-role tokens (API and CLI)', async () => {
    const res = await admin.send('POST', '/api/v1/tokens', { name: 'root', role: 'admin' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('integration role only');
    const cli = orderwatch('token', 'create', 'root', '--role', 'admin', '--db', h.db);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('integration role only');
  }, 60_000);

  it('creates an ingest-only token by default, lists it without its secret, expires it, revokes it', async () => {
    const created = (await (await admin.send('POST', '/api/v1/tokens', { name: 'wms', days: 7 })).json()) as { token: string; scopes: string[]; expiresAt: string };
    expect(created.scopes).toEqual(['ingest']);
    expect(Date.parse(created.expiresAt) - h.now()).toBe(7 * 86_400_000);
    const listed = (await (await admin.get('/api/v1/tokens')).json()) as { tokens: Array<{ name: string; scopes: string[]; expiresAt: string; createdBy: string }> };
    expect(listed.tokens.find((t) => t.name === 'wms')).toMatchObject({ scopes: ['ingest'], createdBy: 'boss' });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const reads = (await admin.send('POST', '/api/v1/tokens', { name: 'bi', scopes: ['orders:read'] }).then((r) => r.json())) as { token: string };
    expect((await bearer(reads.token, '/api/v1/orders?q=4444')).status).toBe(200);
    expect((await bearer(reads.token, '/api/v1/incidents')).status).toBe(403);
    // A live name cannot be taken twice.
    expect((await admin.send('POST', '/api/v1/tokens', { name: 'bi' })).status).toBe(409);
    // Revoked: refused at once, and the name is free again.
    expect((await admin.send('DELETE', '/api/v1/tokens/bi')).status).toBe(200);
    expect((await bearer(reads.token, '/api/v1/orders?q=4444')).status).toBe(401);
    expect((await admin.send('POST', '/api/v1/tokens', { name: 'bi', scopes: ['reports:read'] })).status).toBe(200);
    // Expired after its days.
    const ingestBody = JSON.stringify({ type: 'order', orderNo: 'TOK-2', placedAt: '2026-11-19T09:00:00+08:00', paidFen: 100, items: [{ sku: 'S', quantity: 1, unitPriceFen: 100 }] });
    const post = () => bearer(created.token, '/api/v1/ingest/generic', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ingestBody });
    expect((await post()).status).toBe(200);
    h.advance(7 * 86_400_000);
    expect((await post()).status).toBe(401);
  });

  it('lists and revokes with the CLI', async () => {
    const created = orderwatch('token', 'create', 'cli-erp', '--scopes', 'ingest,orders:read', '--days', '30', '--json', '--db', h.db);
    expect(created.status, created.stderr).toBe(0);
    const token = (JSON.parse(created.stdout) as { token: string }).token;
    expect((await bearer(token, '/api/v1/orders?q=4444')).status).toBe(200);
    const listed = orderwatch('token', 'list', '--json', '--db', h.db);
    const row = (JSON.parse(listed.stdout) as Array<{ name: string; scopes: string[]; state: string }>).find((t) => t.name === 'cli-erp');
    expect(row).toMatchObject({ scopes: ['ingest', 'orders:read'], state: 'live' });
    expect(listed.stdout).not.toContain(token);
    expect(orderwatch('token', 'revoke', 'cli-erp', '--db', h.db).status).toBe(0);
    expect((await bearer(token, '/api/v1/orders?q=4444')).status).toBe(401);
  }, 90_000);
});
