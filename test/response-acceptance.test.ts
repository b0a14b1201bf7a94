// Issue 4's "done when", on a small shop whose troubles are known: a policy
// that only names a DingTalk robot (with secret) and a WeCom robot at local
// addresses; real detection, the response engine, the outbox worker, and the
// HTTP API. The robots check what the platforms check: the DingTalk
// signature and its one-hour window, the WeCom markdown size, 20 a minute.
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseService } from '../src/app/response-service.js';
import { buildPipeline, type Pipeline } from '../src/pipeline/build-pipeline.js';
import { SettingsSchema, type Settings } from '../src/config/settings.js';
import type { Incident } from '../src/domain/incident.js';
import type { Order } from '../src/domain/order.js';
import { classifyPhone } from '../src/domain/phone.js';
import { parseInstant, type Instant } from '../src/domain/time.js';
import { hashPassword } from '../src/server/auth/password.js';
import { buildServer } from '../src/server/server.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { sampleOrder } from '../src/store/testing/store-fixtures.js';

const at = (s: string): Instant => parseInstant(`${s}+08:00`)!;
// Friday 10:00 in Shanghai.
const T = at('2026-11-20T10:00:00');
const MIN = 60_000;
const SECRET = 'SECacceptance0123456789';

function order(no: string, n: number, over: Partial<Order> = {}): Order {
  return sampleOrder({
    channelOrderId: no,
    placedAt: at('2026-11-10T09:00:00'),
    paidAt: at('2026-11-10T09:01:00'),
    modifiedAt: at('2026-11-10T09:01:00'),
    receiver: { name: `买家${n}`, phone: classifyPhone(`1391234${String(1000 + n)}`), province: '浙江省', city: '杭州市', district: '西湖区', detail: `文三路${n}号3幢501室` },
    ...over,
  });
}

interface Robot {
  server: Server;
  url: string;
  accepted: Array<{ at: number; body: Record<string, unknown> }>;
  refused: string[];
}

async function robot(check: (url: URL, body: Record<string, unknown>, sentAt: number[]) => string | undefined, now: () => number): Promise<Robot> {
  const r: Robot = { server: undefined as never, url: '', accepted: [], refused: [] };
  r.server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const problem = check(new URL(req.url ?? '/', 'http://x'), body, r.accepted.map((a) => a.at).filter((t) => t > now() - 60_000));
      if (problem) r.refused.push(problem);
      else r.accepted.push({ at: now(), body });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(problem ? { errcode: 310000, errmsg: problem } : { errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}`;
  return r;
}

describe('response: a new user with a DingTalk and a WeCom robot', () => {
  let store: Store;
  let service: ResponseService;
  let pipeline: Pipeline;
  let app: FastifyInstance;
  let dingtalk: Robot;
  let wecom: Robot;
  let now = T;
  let incidents: Incident[] = [];
  const cookie: Record<string, string> = {};

  beforeAll(async () => {
    dingtalk = await robot((url, _body, recent) => {
      const ts = url.searchParams.get('timestamp') ?? '';
      const sign = createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64');
      if (url.searchParams.get('sign') !== sign) return 'sign not match';
      if (Math.abs(Number(ts) - now) > 3_600_000) return 'timestamp out of window';
      if (recent.length >= 20) return 'send too fast (130101)';
      return undefined;
    }, () => now);
    wecom = await robot((_url, body, recent) => {
      const content = (body.markdown as { content?: string } | undefined)?.content ?? (body.text as { content?: string } | undefined)?.content ?? '';
      if (Buffer.byteLength(content) > 4096) return 'content too long (40058)';
      if (recent.length >= 20) return 'api freq out of limit (45009)';
      return undefined;
    }, () => now);
    const settings: Settings = SettingsSchema.parse({
      // The timeline jumps 31 minutes with people signed in and idle: longer than the 30-minute idle sign-out (docs/security.md).
      auth: { idleMinutes: 24 * 60 },
      receivers: [
        { name: 'cs-dingtalk', type: 'dingtalk', url: `${dingtalk.url}/robot/send?access_token=demo`, secret: SECRET },
        { name: 'ops-wecom', type: 'wecom', url: `${wecom.url}/cgi-bin/webhook/send?key=demo` },
      ],
      routes: [
        { match: { level: [2, 3] }, receivers: ['ops-wecom'] },
        { match: {}, receivers: ['cs-dingtalk'] },
      ],
    });
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-accept-')), 'shop.db'));
    const orders: Order[] = [
      // A VIP whose order should have left on 11-12: five business days late on Friday.
      order('VIP1', 1, { customer: { tier: 'vip', nick: 'vip' }, promisedShipBy: at('2026-11-12T18:00:00') }),
      // Three orders of one wave, each a day late.
      ...[2, 3, 4].map((n) => order(`W9-${n}`, n, { promisedShipBy: at('2026-11-19T09:00:00'), batch: 'W-9', warehouse: 'GZ-01' })),
      // This morning's orders of a SKU the ERP has none of; one with a 10-digit phone.
      ...[5, 6, 7, 8].map((n) =>
        order(`HOT-${n}`, n, {
          placedAt: at('2026-11-20T09:00:00'),
          paidAt: at('2026-11-20T09:01:00'),
          modifiedAt: at('2026-11-20T09:01:00'),
          warehouse: 'HZ-01',
          items: [{ sku: 'HOT-1', title: '爆款保温杯', quantity: 1, unitPriceFen: 9900, category: 'home' }],
          ...(n === 5 ? { receiver: { name: '买家5', phone: classifyPhone('1391234100'), province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路5号3幢501室' } } : {}),
        }),
      ),
    ];
    await store.ingest(
      {
        orders,
        events: [{ kind: 'inventory_level', id: 'erp-hot-1', source: 'erp', occurredAt: at('2026-11-20T08:00:00'), sku: 'HOT-1', warehouse: 'HZ-01', available: 0, reserved: 0 }],
        attachments: new Map(),
      },
      T,
    );
    for (const [name, role] of [['li', 'agent'], ['sun', 'supervisor'], ['zhao', 'ops_manager']] as const) {
      await store.addUser({ name, role, createdAt: T, disabled: false }, await hashPassword('password-123'));
    }
    pipeline = buildPipeline({ store, settings: () => settings, clock: { now: () => now }, owner: 'test' });
    service = new ResponseService({ store, settings: () => settings, pipeline });
    app = await buildServer({ store, settings, clock: { now: () => now }, responder: service });
    for (const name of ['li', 'sun', 'zhao']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password: 'password-123' } });
      cookie[name] = `ow_session=${res.cookies.find((c) => c.name === 'ow_session')!.value}`;
    }

    // `orderwatch scan`: detection, then the engine with every grouping wait ended.
    await pipeline.scan(T);
    incidents = (await store.response.incidents({ limit: 100 })).items;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    for (const r of [dingtalk, wecom]) await new Promise<void>((resolve) => r?.server.close(() => resolve()));
  });

  const find = (pred: (i: Incident) => boolean): Incident => {
    const found = incidents.find(pred);
    if (!found) throw new Error(`no such incident among: ${incidents.map((i) => `${i.groupKey} L${i.level} ${i.grade}`).join('; ')}`);
    return found;
  };

  it('grades a VIP order five business days late as A, owned by a supervisor, due in 30 minutes', () => {
    const vip = find((i) => i.groupKey === 'late|order:taobao:VIP1');
    expect([vip.grade, vip.level, vip.ownerRole]).toEqual(['A', 1, 'supervisor']);
    expect(vip.responseDeadline).toBe(T + 30 * MIN);
  });

  it('makes one level-2 incident of three late orders of one batch', () => {
    const wave = find((i) => i.groupKey === 'late|batch:W-9');
    expect([wave.level, wave.ownerRole, wave.orderIds.length]).toEqual([2, 'ops_manager', 3]);
    const covering = incidents.filter((i) => i.orderIds.some((o) => o.startsWith('taobao:W9-')));
    expect(covering.map((i) => i.groupKey)).toEqual(['late|batch:W-9']);
  });

  it('makes one level-3 incident of the stock-out, and puts the 10-digit phone on the fix list instead of paging anyone', async () => {
    const stockOut = find((i) => i.groupKey === 'stock.oversold|sku:HOT-1');
    expect([stockOut.level, stockOut.grade, stockOut.ownerRole, stockOut.orderCount]).toEqual([3, 'A', 'executive', 4]);
    expect(incidents.filter((i) => i.orderIds.includes('taobao:HOT-5')).map((i) => i.groupKey)).toEqual(['stock.oversold|sku:HOT-1']);
    const { items } = await store.fixList.cases({ cause: 'phone.invalid' });
    expect(items.map((c) => [c.channel, c.orders, c.sampleOrderIds])).toEqual([['taobao', 1, ['taobao:HOT-5']]]);
  });

  it('delivers signed messages within the rate limits', async () => {
    const summary = await pipeline.deliverOnce();
    expect(summary.dead).toBe(0);
    expect(dingtalk.refused).toEqual([]);
    expect(wecom.refused).toEqual([]);
    expect(dingtalk.accepted.length).toBeGreaterThan(0);
    const wecomText = wecom.accepted.map((a) => JSON.stringify(a.body)).join('\n');
    expect(wecomText).toContain('HOT-1');
    expect(wecomText).toContain('W-9');
    expect(dingtalk.accepted.map((a) => JSON.stringify(a.body)).join('\n')).toContain('VIP1');
  });

  it('escalates an unacknowledged incident on time, and not a paused one', async () => {
    const wave = find((i) => i.groupKey === 'late|batch:W-9');
    const vip = find((i) => i.groupKey === 'late|order:taobao:VIP1');
    const pause = await app.inject({ method: 'POST', url: `/api/v1/incidents/${wave.id}/actions`, headers: { cookie: cookie.zhao! }, payload: { type: 'pause', reason: '仓库主管已接手，今天下午补发', until: '2026-11-20T13:00:00+08:00' } });
    expect(pause.statusCode, pause.body).toBe(200);
    now = T + 29 * MIN;
    await pipeline.engine.tick(now);
    expect((await store.response.getIncident(vip.id))?.ownerRole).toBe('supervisor');
    now = T + 31 * MIN;
    await pipeline.engine.tick(now);
    await pipeline.deliverOnce();
    expect((await store.response.getIncident(vip.id))?.ownerRole).toBe('ops_manager');
    expect((await store.response.getIncident(wave.id))?.escalations).toBe(0);
    expect(dingtalk.accepted.some((a) => JSON.stringify(a.body).includes('升级') && JSON.stringify(a.body).includes('VIP1'))).toBe(true);
    expect(dingtalk.refused).toEqual([]);
  });

  it('walks an incident to closed with a root cause and a rating through the API', async () => {
    const vip = find((i) => i.groupKey === 'late|order:taobao:VIP1');
    const act = async (who: string, payload: object) => app.inject({ method: 'POST', url: `/api/v1/incidents/${vip.id}/actions`, headers: { cookie: cookie[who]! }, payload });
    expect((await act('zhao', { type: 'acknowledge', reason: '已联系仓库加急' })).statusCode).toBe(200);
    // Escalated to the ops manager, it is theirs (and the supervisor's): the agent works on it once assigned.
    expect((await act('li', { type: 'start' })).statusCode).toBe(403);
    expect((await act('zhao', { type: 'assign', assignee: 'li' })).statusCode).toBe(200);
    const item = (await store.response.getIncident(vip.id))!.checklist[0]!;
    expect((await act('li', { type: 'check', itemId: item.id, done: true })).statusCode).toBe(200);
    expect((await act('li', { type: 'compensate', kind: 'coupon', amountFen: 1000 })).json().incident.compensations[0].state).toBe('granted');
    // The phone script, with the order's buyer and the coupon just granted.
    const script = await app.inject({ method: 'POST', url: `/api/v1/incidents/${vip.id}/template`, headers: { cookie: cookie.li! }, payload: { template: 'delay', medium: 'phone' } });
    expect(script.statusCode, script.body).toBe(200);
    expect(script.json().rendered.text).toContain('买家1');
    expect(script.json().rendered.text).toContain('10.00');
    expect((await act('li', { type: 'resolve', reason: '已顺丰加急发出' })).statusCode).toBe(200);
    const noCause = await act('li', { type: 'close' });
    expect(noCause.statusCode).toBe(400);
    const closed = await act('li', { type: 'close', rootCause: { class: 'human', subCause: 'cs_no_follow_up', note: '预售标记漏打' } });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await act('li', { type: 'rate', score: 5, comment: '话术好用' })).statusCode).toBe(200);
    const detail = await app.inject({ method: 'GET', url: `/api/v1/incidents/${vip.id}`, headers: { cookie: cookie.li! } });
    const body = detail.json();
    expect(body.incident.state).toBe('closed');
    expect(body.incident.rootCause).toEqual({ class: 'human', subCause: 'cs_no_follow_up', note: '预售标记漏打' });
    expect(body.incident.ratings).toEqual([expect.objectContaining({ by: 'li', score: 5 })]);
    expect(body.log.map((l: { actor: string; action: string }) => `${l.actor}:${l.action}`)).toEqual(
      expect.arrayContaining(['zhao:acknowledge', 'li:check', 'li:compensate', 'li:resolve', 'li:close', 'li:rate', 'system:escalate']),
    );
  });
});
