import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../config/settings.js';
import type { Clock } from '../../domain/time.js';
import { POPPLER, pdfText } from '../../report/testing/pdf-tools.js';
import { seedStuckOrder, STUCK_INCIDENT, STUCK_ORDER, T_PLACED } from '../../report/testing/report-fixtures.js';
import { hashPassword } from '../../server/auth/password.js';
import { buildServer } from '../../server/server.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { ReportService } from './report-service.js';

const NOW = T_PLACED + 96 * 3_600_000;
const clock: Clock = { now: () => NOW };

describe('report API', () => {
  let store: Store;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-report-api-')), 'test.db'));
    await seedStuckOrder(store);
    for (const [name, role] of [['sun', 'supervisor'], ['li', 'agent'], ['wh', 'warehouse']] as const) await store.addUser({ name, role, createdAt: NOW, disabled: false }, await hashPassword('password-123'));
    const settings = SettingsSchema.parse({
      server: { publicUrl: 'https://ow.example.com' },
      receivers: [
        { name: 'warehouse-mail', type: 'email', smtp: { host: '127.0.0.1', port: 2525 }, from: 'ow@example.com', to: ['lead@example.com'] },
        { name: 'ops-group', type: 'wecom', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k' },
        { name: 'cs', type: 'dingtalk', url: 'http://127.0.0.1:9/robot/send?access_token=t' },
        { name: 'customer-sms', type: 'sms', provider: 'aliyun', accessKeyId: 'a', accessKeySecret: 'b', signName: 'S', templateCode: 'SMS_1' },
      ],
    });
    app = await buildServer({ store, settings, clock, reporter: new ReportService(store, () => settings) });
    for (const name of ['sun', 'li', 'wh']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password: 'password-123' } });
      cookies[name] = `ow_session=${res.cookies.find((c) => c.name === 'ow_session')!.value}`;
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const get = (url: string, who = 'sun') => app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
  const post = (url: string, payload: object, who = 'sun') => app.inject({ method: 'POST', url, payload, headers: { cookie: cookies[who]! } });

  it('serves the evidence PDF of an order (by id or bare number) and of an incident', async () => {
    for (const id of [STUCK_ORDER, 'T20261111001', STUCK_INCIDENT]) {
      const res = await get(`/api/v1/reports/evidence/${encodeURIComponent(id)}`, 'wh');
      expect(res.statusCode, id).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const res = await get(`/api/v1/reports/evidence/${encodeURIComponent(STUCK_ORDER)}?download=1`);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="evidence-taobao-T20261111001.pdf"; filename*=UTF-8''evidence-taobao-T20261111001.pdf`);
    if (POPPLER) expect(pdfText(res.rawPayload)).toContain('订单异常证据报告');
    expect((await get('/api/v1/reports/evidence/nothing-like-it')).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/reports/evidence/${STUCK_INCIDENT}` })).statusCode).toBe(401);
  });

  it('sends the evidence: an e-mail attachment, a WeCom summary then file, a DingTalk link; refuses SMS', async () => {
    const res = await post(`/api/v1/reports/evidence/${encodeURIComponent(STUCK_ORDER)}/send`, { receivers: ['warehouse-mail', 'ops-group', 'cs'] });
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { outboxIds: string[] }).outboxIds;
    expect(ids).toHaveLength(4);
    const pending = await store.response.outbox({ state: 'pending' });
    const mine = pending.filter((e) => ids.includes(e.id));
    const byReceiver = (name: string) => mine.filter((e) => e.receiver === name).sort((a, b) => a.dueAt - b.dueAt);
    expect((byReceiver('warehouse-mail')[0]!.message.attachments as Array<{ filename: string }>)[0]!.filename).toBe('evidence-taobao-T20261111001.pdf');
    expect(byReceiver('ops-group').map((e) => e.message.attachments === undefined)).toEqual([true, false]);
    expect(byReceiver('cs')[0]!.message.body).toContain('钉钉机器人不能发送文件');
    expect(byReceiver('cs')[0]!.message.link).toBe(`https://ow.example.com/api/v1/reports/evidence/${encodeURIComponent(STUCK_ORDER)}`);
    const sms = await post(`/api/v1/reports/evidence/${encodeURIComponent(STUCK_ORDER)}/send`, { receivers: ['customer-sms'] });
    expect(sms.statusCode).toBe(400);
    expect((await post(`/api/v1/reports/evidence/${encodeURIComponent(STUCK_ORDER)}/send`, { receivers: ['nobody'] })).statusCode).toBe(400);
  });

  it('reviews: generated on demand, stored, listed; callbacks and improvement items through the API', async () => {
    const callbacks = (await get(`/api/v1/callbacks?incidentId=${STUCK_INCIDENT}`, 'li')).json() as { callbacks: Array<{ id: string; state: string }> };
    expect(callbacks.callbacks).toHaveLength(1);
    const id = callbacks.callbacks[0]!.id;
    expect((await post(`/api/v1/callbacks/${id}`, { reached: true }, 'li')).statusCode).toBe(400);
    const recorded = await post(`/api/v1/callbacks/${id}`, { reached: true, score: 2, comment: '等太久了' }, 'li');
    expect(recorded.json()).toMatchObject({ state: 'done', score: 2, doneBy: 'li' });

    expect((await post('/api/v1/improvements', { incidentId: STUCK_INCIDENT, title: '打包台加装漏扫告警', owner: 'IT 刘洋', dueAt: '2026-12-01T18:00:00+08:00' }, 'li')).statusCode).toBe(403);
    const added = await post('/api/v1/improvements', { incidentId: STUCK_INCIDENT, title: '打包台加装漏扫告警', owner: 'IT 刘洋', dueAt: '2026-12-01T18:00:00+08:00' });
    expect(added.statusCode).toBe(200);
    const item = added.json() as { id: string };
    const moved = await post(`/api/v1/improvements/${item.id}`, { state: 'in_progress', note: '已下单采购扫码枪' }, 'wh');
    expect(moved.json()).toMatchObject({ state: 'in_progress', notes: [{ by: 'wh', text: '已下单采购扫码枪', state: 'in_progress' }] });

    const generated = await post(`/api/v1/reports/review/${STUCK_INCIDENT}`, {});
    expect(generated.statusCode).toBe(200);
    expect(generated.json()).toMatchObject({ incidentId: STUCK_INCIDENT, trigger: 'manual', generatedBy: 'sun', summary: { satisfaction: { meanScore: 2 } } });
    const pdf = await get(`/api/v1/reports/review/${STUCK_INCIDENT}`, 'wh');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    if (POPPLER) expect(pdfText(pdf.rawPayload)).toContain('打包台加装漏扫告警');
    const list = (await get('/api/v1/reports/reviews')).json() as { reviews: Array<{ incidentId: string }> };
    expect(list.reviews.map((r) => r.incidentId)).toEqual([STUCK_INCIDENT]);
  });

  it('KPIs of any period as JSON, PDF, CSV and XLSX; exports of lists', async () => {
    const json = await get('/api/v1/reports/kpi?month=2026-11');
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ totals: { orders: 1, complained: 1 }, incidents: { opened: 1 } });
    const pdf = await get('/api/v1/reports/kpi?from=2026-11-01T00:00:00%2B08:00&to=2026-11-15T00:00:00%2B08:00&format=pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const csv = await get('/api/v1/reports/kpi?month=2026-11&format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.rawPayload.toString('utf8')).toContain('日期,订单量');
    const xlsx = await get('/api/v1/reports/export/incidents?format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const delayed = await get('/api/v1/reports/export/delayed-orders?month=2026-11');
    expect(delayed.rawPayload.toString('utf8')).toContain(STUCK_ORDER);
    expect(delayed.rawPayload.toString('utf8').split('\n')[0]).toContain('仓库,商品,快递,店铺,仅预警');
    // Narrowed as the drill-down: no order of that carrier.
    expect((await get('/api/v1/reports/export/delayed-orders?month=2026-11&carrier=SF')).rawPayload.toString('utf8')).not.toContain(STUCK_ORDER);
    const splits = (await get('/api/v1/reports/export/dashboard-splits?month=2026-11')).rawPayload.toString('utf8');
    expect(splits.split('\n')[0]).toContain('维度,名称,编码,延迟订单,其中预警,订单量,占延迟比例(%),今日延迟,昨日延迟');
    expect(splits).toMatch(/\n店铺,[^\n]*,1,0,\d+,100,/);
    expect((await get('/api/v1/reports/kpi?month=2026-13')).statusCode).toBe(400);
    expect((await get('/api/v1/reports/export/everything')).statusCode).toBe(400);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/reports/evidence/{id}', '/api/v1/reports/review/{id}', '/api/v1/reports/kpi', '/api/v1/callbacks', '/api/v1/improvements']));
  });
});
