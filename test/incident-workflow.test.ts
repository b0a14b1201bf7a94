// Issue 14's roles-and-money failures, through the HTTP API over the real response engine: the queue
// (paging, tabs, lean rows), actions offered by ownership, compensation up the chain, close with
// compensation pending, assignment to real users, bulk actions, escalation keeping owners, scripts.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseService } from '../src/app/response-service.js';
import { SettingsSchema } from '../src/config/settings.js';
import type { Finding, FindingCode } from '../src/domain/finding.js';
import type { Clock } from '../src/domain/time.js';
import { buildPipeline } from '../src/pipeline/build-pipeline.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { at, sampleOrder } from '../src/store/testing/store-fixtures.js';
import { hashPassword } from '../src/server/auth/password.js';
import { buildServer } from '../src/server/server.js';

// Wednesday 10:00 Shanghai, on a fake clock.
const T0 = at('2026-11-11 10:00:00');
const MIN = 60_000;
let now = T0;
const clock: Clock = { now: () => now };

const USERS = { li: 'agent', chen: 'agent', sun: 'supervisor', zhao: 'ops_manager', qian: 'executive', wang: 'warehouse', root: 'admin' } as const;
type Who = keyof typeof USERS;

function finding(orderId: string, code: FindingCode): Finding {
  return { orderId, code, key: '', severity: 'warning', detectedAt: T0, explanation: { zh: code, en: code }, evidence: {} };
}

describe('incident routes: the queue, roles and money, scripts', () => {
  let store: Store;
  let app: FastifyInstance;
  const cookie: Partial<Record<Who, string>> = {};
  let single = '';
  let batch = '';

  const get = (who: Who, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookie[who]! } });
  const post = (who: Who, url: string, payload: object) => app.inject({ method: 'POST', url, headers: { cookie: cookie[who]! }, payload });
  const act = (who: Who, id: string, payload: object) => post(who, `/api/v1/incidents/${id}/actions`, payload);

  beforeAll(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-incident-routes-')), 'test.db'));
    const settings = SettingsSchema.parse({
      receivers: [
        { name: 'sms', type: 'sms', provider: 'aliyun', accessKeyId: 'id', accessKeySecret: 'secret', signName: '小店旗舰店', templateCode: 'SMS_1' },
        { name: 'cs-group', type: 'wecom', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k' },
      ],
      routes: [{ match: {}, receivers: ['cs-group'] }],
    });
    const pipeline = buildPipeline({ store, settings: () => settings, clock, owner: 'route-test' });
    app = await buildServer({ store, settings, clock, responder: new ResponseService({ store, settings: () => settings, pipeline }) });
    const hash = await hashPassword('password-123');
    for (const [name, role] of Object.entries(USERS)) await store.addUser({ name, role, createdAt: T0, disabled: false, ...(name === 'li' ? { displayName: '小李' } : {}) }, hash);
    await store.addUser({ name: 'gone', role: 'agent', createdAt: T0, disabled: true }, hash);
    for (const name of Object.keys(USERS) as Who[]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password: 'password-123' } });
      cookie[name] = `ow_session=${res.cookies.find((c) => c.name === 'ow_session')!.value}`;
    }
    await store.ingest(
      {
        orders: [
          sampleOrder({ channelOrderId: 'P1', items: [{ sku: 'SKU-DOWN', title: '羽绒服', quantity: 1, unitPriceFen: 39_900 }] }),
          ...['B1', 'B2', 'B3'].map((id) => sampleOrder({ channelOrderId: id, batch: 'W-7', warehouse: 'GZ' })),
        ],
        events: [],
        attachments: new Map(),
      },
      T0,
    );
    await pipeline.engine.place([finding('taobao:P1', 'promise.breached')], [], T0);
    await pipeline.engine.place(['B1', 'B2', 'B3'].map((id) => finding(`taobao:${id}`, 'stage.stalled')), [], T0);
    await pipeline.engine.tick(T0 + 5 * MIN);
    now = T0 + 6 * MIN;
    const { items } = await store.response.incidents({});
    single = items.find((i) => i.scope === 'order')!.id;
    batch = items.find((i) => i.scope !== 'order')!.id;
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('pages the queue on the server with lean rows, tab counts and the actions each person may take', async () => {
    const res = await get('li', '/api/v1/incidents?tab=all&limit=1');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items).toHaveLength(1);
    expect(body.tabs).toMatchObject({ all: 2, open: 2, mine: 1 });
    expect(Object.keys(body.items[0]).sort()).toEqual(
      ['allowedActions', 'breached', 'channels', 'codes', 'deadlineAt', 'escalations', 'firstOrderId', 'grade', 'id', 'level', 'openedAt', 'orderCount', 'ownerRole', 'owners', 'paused', 'pendingCompensations', 'scope', 'state', 'suggestResolve', 'title'].sort(),
    );
    const second = (await get('li', '/api/v1/incidents?tab=all&limit=1&offset=1')).json();
    expect([body.items[0].id, second.items[0].id].sort()).toEqual([single, batch].sort());
    expect(body.incidents).toBeUndefined();
    expect((await get('li', '/api/v1/incidents?view=full')).json().incidents).toHaveLength(2);
    expect((await get('li', '/api/v1/incidents?tab=nope')).statusCode).toBe(400);
  });

  it('says in words why a message did not go, beside the sender\'s own line', async () => {
    const [entry] = await store.response.outbox({ incidentId: single });
    await store.response.markFailed(entry!.id, 'wecom: network error: fetch failed (ECONNREFUSED)', undefined);
    const failed = (await get('li', `/api/v1/incidents/${single}`)).json().outbox.find((o: { id: string }) => o.id === entry!.id);
    expect(failed).toMatchObject({ state: 'dead', lastError: 'wecom: network error: fetch failed (ECONNREFUSED)', problem: { zh: '连不上接收方（网络错误），已停止重试' } });
  });

  it("pages and searches an incident's orders as summaries, masked for the reader", async () => {
    const first = (await get('zhao', `/api/v1/incidents/${batch}?limit=2`)).json().orders;
    expect([first.total, first.items.length]).toEqual([3, 2]);
    const rest = (await get('zhao', `/api/v1/incidents/${batch}/orders?limit=2&offset=2`)).json();
    expect(rest.items).toHaveLength(1);
    expect([...first.items, ...rest.items].map((o: { id: string }) => o.id).sort()).toEqual(['taobao:B1', 'taobao:B2', 'taobao:B3']);
    const found = (await get('zhao', `/api/v1/incidents/${batch}/orders?q=b3`)).json();
    expect(found.items.map((o: { id: string }) => o.id)).toEqual(['taobao:B3']);
    expect(found.items[0]).toMatchObject({ warehouse: 'GZ', codes: ['stage.stalled'], known: true });
    // The ops manager sees phones masked; the agent sees the number to call.
    expect(found.items[0].receiver.phone).toBe('138****5678');
    expect((await get('li', `/api/v1/incidents/${batch}/orders?q=b3`)).json().items[0].receiver.phone).toBe('13812345678');
  });

  it('puts every action it offers into words (GET /api/v1/incidents/labels)', async () => {
    const labels = (await get('li', '/api/v1/incidents/labels')).json();
    const rows = (await get('zhao', '/api/v1/incidents?tab=all')).json().items as Array<{ allowedActions: string[]; state: string; scope: string; owners: string[] }>;
    for (const row of rows) {
      for (const a of row.allowedActions) expect(labels.actions[a], a).toBeDefined();
      expect(labels.states[row.state]).toBeDefined();
      expect(labels.scopes[row.scope]).toBeDefined();
      for (const o of row.owners) expect(labels.roles[o]).toBeDefined();
    }
  });

  it('offers a warehouse user and an agent none of 响应/升级/解决 on the ops manager\'s incident, and refuses them', async () => {
    for (const who of ['wang', 'li'] as const) {
      const row = (await get(who, '/api/v1/incidents?tab=all')).json().items.find((i: { id: string }) => i.id === batch);
      expect(row.owners).toEqual(['ops_manager']);
      for (const a of ['acknowledge', 'escalate', 'resolve']) expect(row.allowedActions).not.toContain(a);
      const detail = (await get(who, `/api/v1/incidents/${batch}`)).json();
      expect(detail.allowedActions).not.toContain('resolve');
      const refused = await act(who, batch, { type: 'resolve' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().issues.zh).toBe('该事件由运营经理负责，您不能解决');
    }
    expect((await get('zhao', `/api/v1/incidents/${batch}`)).json().allowedActions).toEqual(expect.arrayContaining(['acknowledge', 'escalate', 'resolve']));
  });

  it('asks approval from the 2nd ¥20 coupon of an agent with a ¥20 limit; a warehouse request is never approved by an agent', async () => {
    for (let i = 0; i < 5; i++) expect((await act('li', single, { type: 'compensate', kind: 'coupon', amountFen: 2000, orderId: 'taobao:P1' })).statusCode).toBe(200);
    let detail = (await get('li', `/api/v1/incidents/${single}`)).json();
    expect(detail.compensation.requests.map((c: { state: string }) => c.state)).toEqual(['granted', 'pending_approval', 'pending_approval', 'pending_approval', 'pending_approval']);
    expect(detail.compensation.totals).toEqual({ grantedFen: 2000, pendingFen: 8000, rejectedFen: 0, pending: 4 });
    expect(detail.compensation.requests[1].mayDecide).toBe(false);
    const pendingId = detail.compensation.requests[1].id;
    const byAgent = await act('chen', single, { type: 'decide_compensation', compensationId: pendingId, approve: true });
    expect(byAgent.statusCode).toBe(403);
    expect((await get('sun', `/api/v1/incidents/${single}`)).json().allowedActions).toContain('decide_compensation');
    expect((await act('sun', single, { type: 'decide_compensation', compensationId: pendingId, approve: true })).statusCode).toBe(200);

    // The warehouse asks on the batch once assigned to it; an agent may not approve, a supervisor may.
    expect((await act('zhao', batch, { type: 'assign', assignee: 'wang' })).statusCode).toBe(200);
    expect((await act('wang', batch, { type: 'compensate', kind: 'coupon', amountFen: 1000 })).statusCode).toBe(200);
    detail = (await get('wang', `/api/v1/incidents/${batch}`)).json();
    const asked = detail.compensation.requests[0];
    expect(asked).toMatchObject({ state: 'pending_approval', requestedByRole: 'warehouse', approverRole: 'supervisor' });
    const agentTries = await act('li', batch, { type: 'decide_compensation', compensationId: asked.id, approve: true });
    expect(agentTries.statusCode).toBe(403);
    expect(agentTries.json().issues.code).toBe('not_above_requester');
  });

  it('refuses to close while compensation is pending (409, in words), and records a forced close', async () => {
    expect((await act('li', single, { type: 'resolve' })).statusCode).toBe(200);
    const rootCause = { class: 'external', subCause: 'courier_delay' };
    const refused = await act('li', single, { type: 'close', rootCause });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().issues.zh).toMatch(/^还有 3 笔补偿待审批/);
    const forced = await act('li', single, { type: 'close', rootCause, force: true, reason: '客户已撤回申请' });
    expect(forced.statusCode).toBe(200);
    const log = (await get('li', `/api/v1/incidents/${single}`)).json().log;
    expect(log.find((l: { action: string }) => l.action === 'close')).toMatchObject({ reason: '客户已撤回申请', detail: { forced: true } });
  });

  it('lists real, active users to assign, and refuses an unknown or disabled one with a 400 in words', async () => {
    const users = (await get('zhao', '/api/v1/users/assignable')).json().users;
    expect(users.map((u: { name: string }) => u.name)).not.toContain('gone');
    expect(users).toContainEqual({ name: 'li', displayName: '小李', role: 'agent', roleName: { zh: '客服', en: 'Customer service agent' } });
    const unknown = await act('zhao', batch, { type: 'assign', assignee: 'nobody' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues.zh).toBe('没有用户"nobody"，请从可指派的人员中选择');
    expect((await act('zhao', batch, { type: 'assign', assignee: 'gone' })).statusCode).toBe(400);
  });

  it('assigns, acknowledges and closes in bulk, each with its own result and reason in words', async () => {
    const res = await post('zhao', '/api/v1/incidents/bulk-actions', { ids: [batch, single, 'INC-nope'], action: 'acknowledge' });
    expect(res.statusCode).toBe(200);
    const { results, done, failed } = res.json();
    expect([done, failed]).toEqual([1, 2]);
    expect(results[0]).toMatchObject({ id: batch, ok: true, state: 'acknowledged' });
    expect(results[1]).toMatchObject({ id: single, ok: false, code: 'wrong_state', message: { zh: '事件处于"已关闭"状态，不能确认' } });
    expect(results[2]).toMatchObject({ id: 'INC-nope', ok: false, code: 'not_found' });
    expect((await post('zhao', '/api/v1/incidents/bulk-actions', { ids: [batch], action: 'assign' })).statusCode).toBe(400);
    const assigned = (await post('zhao', '/api/v1/incidents/bulk-actions', { ids: [batch], action: 'assign', assignee: 'nobody' })).json();
    expect(assigned.results[0]).toMatchObject({ ok: false, code: 'unknown_assignee' });
  });

  it('keeps the ops manager an owner when the incident is escalated to the executive', async () => {
    expect((await act('zhao', batch, { type: 'escalate', reason: '需要副总协调' })).statusCode).toBe(200);
    const row = (await get('zhao', '/api/v1/incidents?tab=all')).json().items.find((i: { id: string }) => i.id === batch);
    expect(row.owners).toEqual(['ops_manager', 'executive']);
    expect(row.allowedActions).toContain('resolve');
  });

  it('renders the delay script for the order the user came from, placeholders for what nobody has, with length and channels', async () => {
    const res = await get('li', `/api/v1/incidents/${batch}/script?template=delay&order=taobao:B2`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ orderId: 'taobao:B2', orderChosen: 'given', channels: ['sms', 'wecom'] });
    expect(s.missing).toEqual(['newDate', 'compensation']);
    expect(s.sms.text).toContain('【补偿金额】');
    expect(s.phone.text).toContain('我是客服小李');
    expect(s.chars).toBe([...s.sms.text].length + '【小店旗舰店】'.length);
    expect(s.smsSegments).toBe(s.chars <= 70 ? 1 : Math.ceil(s.chars / 67));
    const filled = (await get('li', `/api/v1/incidents/${batch}/script?template=delay&order=taobao:B2&vars.compensation=${encodeURIComponent('20元优惠券')}&vars.newDate=${encodeURIComponent('11月15日')}`)).json();
    expect(filled.missing).toEqual([]);
    for (const template of s.templates as string[]) expect((await get('li', `/api/v1/incidents/${batch}/script?template=${template}`)).statusCode).toBe(200);
    expect((await get('li', `/api/v1/incidents/${batch}/script?template=delay&order=taobao:P1`)).statusCode).toBe(400);
    expect((await get('li', '/api/v1/orders/taobao:P1/script?template=comfort')).json()).toMatchObject({ orderId: 'taobao:P1', incidentId: single });
  });

  it('sends a script by SMS through the outbox once every value is filled in', async () => {
    const missing = await post('li', `/api/v1/incidents/${single}/send-template`, { template: 'delay', medium: 'sms', orderId: 'taobao:P1' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues.zh).toBe('发送前请填写：预计日期');
    const sent = await post('li', `/api/v1/incidents/${single}/send-template`, { template: 'delay', medium: 'sms', orderId: 'taobao:P1', vars: { newDate: '11月15日' } });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ receiver: 'sms', channel: 'sms' });
    const entry = (await store.response.outbox({ incidentId: single })).find((e) => e.id === sent.json().outboxId)!;
    expect(String(entry.message.body)).toBe('王小明您好，您的羽绒服因已超承诺时效延迟，预计11月15日送达，已为您补偿优惠券 20.00 元，非常抱歉。');
  });
});
