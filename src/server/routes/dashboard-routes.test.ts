import type { FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../config/settings.js';
import type { Incident } from '../../domain/incident.js';
import { parseInstant, type Clock } from '../../domain/time.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { sampleOrder } from '../../store/testing/store-fixtures.js';
import { hashPassword } from '../auth/password.js';
import { buildServer } from '../server.js';
import { delayTrend, redact } from './dashboard-routes.js';

const NOW = parseInstant('2026-11-20T12:00:00+08:00')!;
let now = NOW;
const clock: Clock = { now: () => now };

const incident = (id: string, updatedAt: number): Incident => ({
  id,
  groupKey: `k:${id}`,
  scope: 'order',
  title: { zh: '订单延迟', en: 'Order late' },
  state: 'open',
  level: 1,
  grade: 'A',
  ownerRole: 'supervisor',
  openedAt: updatedAt,
  notifyAt: updatedAt,
  escalations: 0,
  remindersSent: 0,
  checklist: [],
  compensations: [],
  ratings: [],
  suggestResolve: false,
  activeMembers: 1,
  orderIds: ['taobao:R1'],
  orderCount: 1,
  channels: ['taobao'],
  codes: ['stage.stalled'],
  updatedAt,
  responseDeadline: updatedAt + 1_800_000,
});

describe('dashboard routes', () => {
  let store: Store;
  let app: FastifyInstance;
  let admin = '';
  let agent = '';
  const web = mkdtempSync(join(tmpdir(), 'ow-web-'));

  async function login(name: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password: 'password-123' } });
    return `ow_session=${res.cookies.find((c) => c.name === 'ow_session')!.value}`;
  }
  const get = async (url: string, cookie = admin) => app.inject({ method: 'GET', url, headers: { cookie } });

  beforeAll(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-dash-')), 'dash.db'));
    for (const [name, role] of [['boss', 'admin'], ['kefu', 'agent']] as const) await store.addUser({ name, role, createdAt: NOW, disabled: false }, await hashPassword('password-123'));
    await store.ingest({ orders: [sampleOrder({ channelOrderId: 'R1', placedAt: parseInstant('2026-11-18T10:00:00+08:00')!, warehouse: 'HZ-01', shipments: [{ carrier: '1499', trackingNo: '7801' }] })], events: [], attachments: new Map() }, NOW);
    const seen = parseInstant('2026-11-19T10:00:00+08:00')!;
    await store.detection.saveJudgements(
      [{ orderId: 'taobao:R1', findings: [{ orderId: 'taobao:R1', code: 'stage.stalled', key: 'paid', severity: 'critical', detectedAt: seen, explanation: { zh: '停滞', en: 'stalled' }, evidence: {} }], exemptions: [], nextCheckAt: undefined }],
      seen,
    );
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(web, 'assets', 'app-1.js'), 'console.log(1)');
    const settings = SettingsSchema.parse({ receivers: [{ name: 'cs', type: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SEC123' }] });
    app = await buildServer({ store, settings, clock, webRoot: web, backtester: { run: async (policy) => ({ policy, alerts: 3 }) } });
    admin = await login('boss');
    agent = await login('kefu');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('draws the delayed orders per day with their splits', async () => {
    const res = await get('/api/v1/dashboard?days=7');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.days).toEqual(['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
    expect(body.total).toEqual([0, 0, 0, 0, 1, 0, 0]);
    expect(body.splits.channel).toEqual([{ key: 'taobao', total: 1, perDay: [0, 0, 0, 0, 1, 0, 0] }]);
    expect(body.splits.grade[0].key).toBe('none');
    expect(body.from).toBe('2026-11-13T16:00:00.000Z');
  });

  it('answers "where": the top warehouses, SKUs, carriers and shops in words, with their share, today against yesterday', async () => {
    const body = (await get('/api/v1/dashboard?days=7')).json();
    expect(body.splits.carrier).toEqual([{ key: 'ZTO', label: { zh: '中通快递', en: 'ZTO Express' }, delayed: 1, atRisk: 0, orders: 1, share: 1, today: 0, yesterday: 0 }]);
    expect(body.splits.warehouse[0]).toMatchObject({ key: 'HZ-01', label: { zh: 'HZ-01 仓' } });
    expect(body.splits.sku[0]).toMatchObject({ key: 'SKU-1', label: { zh: '保温杯（SKU-1）' } });
    expect(body.splits.shop[0]).toMatchObject({ key: 'taobao:旗舰店', label: { zh: '旗舰店（淘宝/天猫）', en: '旗舰店 (Taobao/Tmall)' } });
    expect(body.compare).toEqual({
      today: { day: '2026-11-20', delayed: 0, atRisk: 0, orders: 0, incidentsOpened: 0 },
      yesterday: { day: '2026-11-19', delayed: 0, atRisk: 0, orders: 0, incidentsOpened: 0 },
    });
    const twoDays = (await get('/api/v1/dashboard?days=3&to=2026-11-18T23:00:00%2B08:00')).json();
    expect(twoDays.compare.today).toEqual({ day: '2026-11-18', delayed: 1, atRisk: 0, orders: 1, incidentsOpened: 0 });
    expect(twoDays.splits.carrier[0]).toMatchObject({ today: 1, yesterday: 0 });
    expect((await get('/api/v1/dashboard?top=0')).statusCode).toBe(400);
  });

  it('drills down by warehouse, carrier (any of its names) and shop, a page at a time', async () => {
    const res = await get('/api/v1/dashboard/orders?days=7&carrier=%E4%B8%AD%E9%80%9A%E5%BF%AB%E9%80%92&warehouse=HZ-01&shop=taobao:%E6%97%97%E8%88%B0%E5%BA%97');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, limit: 200, offset: 0, orders: [{ id: 'taobao:R1', carrier: 'ZTO', carrierName: { zh: '中通快递' }, warehouse: 'HZ-01', sku: 'SKU-1', skuTitle: '保温杯' }] });
    expect((await get('/api/v1/dashboard/orders?days=7&offset=1')).json()).toMatchObject({ total: 1, orders: [] });
    expect((await get('/api/v1/dashboard/orders?days=7&carrier=SF')).json().total).toBe(0);
  });

  it('drills down to the orders of a bar', async () => {
    const res = await get('/api/v1/dashboard/orders?days=7&day=2026-11-18&channel=taobao&stage=paid');
    expect(res.statusCode).toBe(200);
    expect(res.json().orders).toMatchObject([{ id: 'taobao:R1', codes: ['stage.stalled'], placedAt: '2026-11-18T02:00:00.000Z' }]);
    expect((await get('/api/v1/dashboard/orders?day=2026-11-18&channel=jd')).json().orders).toEqual([]);
    expect((await get('/api/v1/dashboard/orders?grade=Z')).statusCode).toBe(400);
  });

  it('gives the KPIs with the false-alarm share', async () => {
    const res = await get('/api/v1/dashboard/kpis?days=30', agent);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ open: 0, breached: 0, closed: 0, falseAlarmShare: null, acknowledge: { n: 0, medianMs: null, onTimeShare: null }, resolve: { n: 0, p90Ms: null } });
  });

  it('shows the fixed thresholds before any calibration', async () => {
    const body = (await get('/api/v1/thresholds')).json();
    expect(body.calibrated).toBe(false);
    expect(body.fixed).toContainEqual({ stage: 'reviewed', hours: 12 });
  });

  it('shows the policy with secrets redacted, receivers to managers only', async () => {
    const res = await get('/api/v1/policy');
    expect(res.statusCode).toBe(200);
    const text = res.body;
    expect(text).not.toContain('SEC123');
    expect(text).not.toContain('access_token=abc');
    expect(res.json().receivers[0]).toMatchObject({ name: 'cs', secret: '***', url: 'https://oapi.dingtalk.com/robot/send?***' });
    expect(res.json().grading).toBeDefined();
    const forAgent = (await get('/api/v1/policy', agent)).json();
    expect(forAgent.receivers).toBeUndefined();
    expect(forAgent.rootCauses.external.map((c: { id: string }) => c.id)).toContain('courier_delay');
    expect(redact({ smtp: { host: 'h', password: 'p' } })).toEqual({ smtp: { host: 'h', password: '***' } });
  });

  it('runs the backtest through the use case', async () => {
    expect((await get('/api/v1/backtest?policy=fixed')).json()).toEqual({ policy: 'fixed', alerts: 3 });
  });

  it('serves the built console: assets by path, every other page as index.html', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/..%2F..%2F..%2Fetc%2Fpasswd' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    const page = await app.inject({ method: 'GET', url: '/incidents/INC-1' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>console</title>');
  });

  it('pushes incident changes as server-sent events', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const abort = new AbortController();
    const res = await fetch(`${address}/api/v1/events`, { headers: { cookie: agent }, signal: abort.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (needle: string): Promise<void> => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value);
      }
    };
    await until('event: hello');
    now = NOW + 60_000;
    await store.response.openIncident({ incident: incident('INC-LIVE', now) });
    await until('INC-LIVE');
    expect(text).toMatch(/event: incidents\ndata: \{"incidents":\[\{"id":"INC-LIVE"/);
    expect(text).toContain('"responseDeadline":"2026-11-20T04:31:00.000Z"');
    abort.abort();
    expect((await fetch(`${address}/api/v1/events`)).status).toBe(401);
  });

  it('adds up counts per split, largest first; the channels give the total', () => {
    const counts = [
      { split: 'channel', day: 'd1', key: 'jd', orders: 2 },
      { split: 'channel', day: 'd2', key: 'taobao', orders: 3 },
      { split: 'stage', day: 'd1', key: 'paid', orders: 2 },
      { split: 'stage', day: 'd2', key: 'paid', orders: 3 },
    ] as const;
    const trend = delayTrend(counts, ['d1', 'd2']);
    expect(trend.total).toEqual([2, 3]);
    expect(trend.splits.channel.map((s) => s.key)).toEqual(['taobao', 'jd']);
    expect(trend.splits.stage).toEqual([{ key: 'paid', total: 5, perDay: [2, 3] }]);
  });
});
