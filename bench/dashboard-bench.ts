// The API queries behind the console's dashboard and incident queue, over
// HTTP against a real server, with N orders stored (default 1,000,000 over
// 60 days), 4 % of them delayed and 20,000 incidents with their audit trail.
// The rows are written straight into the tables (the import is measured by
// import-bench); the queries are the ones the console sends.
// Run alone: node bin/run-ts.mjs bench/dashboard-bench.ts [N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResponseService } from '../src/app/response-service.js';
import { buildPipeline } from '../src/pipeline/build-pipeline.js';
import { SettingsSchema } from '../src/config/settings.js';
import type { Incident } from '../src/domain/incident.js';
import { systemClock } from '../src/domain/time.js';
import { hashPassword } from '../src/server/auth/password.js';
import { buildServer } from '../src/server/server.js';
import { SqlStore } from '../src/store/sql-store.js';
import type { SqlValue } from '../src/store/sql/driver.js';
import { openSqlite } from '../src/store/sql/sqlite-driver.js';
import { lcg } from './synthetic-orders.js';

export interface DashboardFigures {
  readonly orders: number;
  readonly delayed: number;
  readonly incidents: number;
  /** The first dashboard request after start, which builds the read model from the findings and incidents, ms. */
  readonly firstRequestMs: number;
  /** p95 in ms of each query, by name. */
  readonly p95Ms: Readonly<Record<string, number>>;
  /** Bytes of one queue page of 50 rows as the console asks for it (target ≤ 60 KB). */
  readonly queuePageBytes?: number;
}

const DAY = 86_400_000;
const CHANNELS = ['taobao', 'taobao', 'taobao', 'jd', 'jd', 'douyin', 'douyin', 'youzan'];
const PROVINCES = ['广东省', '浙江省', '江苏省', '上海市', '北京市', '山东省', '河南省', '四川省', '湖北省', '湖南省', '福建省', '安徽省', '河北省', '陕西省', '辽宁省', '重庆市', '云南省', '江西省', '广西壮族自治区', '天津市', '山西省', '黑龙江省', '吉林省', '贵州省', '内蒙古自治区', '新疆维吾尔自治区', '甘肃省', '海南省', '宁夏回族自治区', '青海省', '西藏自治区'];
const STAGES = ['paid', 'reviewed', 'label_printed', 'picked', 'shipped', 'in_transit', 'delivered', 'delivered', 'delivered', 'delivered'];
const LATE = ['stage.stalled', 'stage.stalled', 'promise.breached', 'promise.at_risk', 'logistics.exception'] as const;
const GRADES = ['A', 'B', 'B', 'C', 'C', 'C', 'D', 'D'] as const;
const WAREHOUSES = ['HZ-01', 'GZ-01', 'BJ-01', 'CD-01', 'WH-01', 'NB-01'];
// The same carriers under the names the channels send (JD's ids, Taobao's Chinese names, Kuaidi100 codes): the splits fold them.
const CARRIERS = ['1499', '中通快递', 'ZTO', 'yuantong', '圆通速递', 'SF', '467', 'yunda', 'JT', '2087'];
const SHOPS = ['旗舰店', '专营店', '工厂店'];

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** fill writes the synthetic business: orders, delay findings, incidents with members and audit log (also dashboard-cpu-bench.ts's). */
export async function fill(store: SqlStore, db: ReturnType<typeof openSqlite>, count: number, now: number): Promise<{ delayed: number; incidents: number }> {
  const random = lcg(11);
  const from = now - 60 * DAY;
  const chunk = 20_000;
  const delayedOrders: Array<{ id: string; placedAt: number; stage: string }> = [];
  for (let start = 0; start < count; start += chunk) {
    const orders: SqlValue[][] = [];
    const findings: SqlValue[][] = [];
    for (let i = start; i < Math.min(count, start + chunk); i++) {
      const channel = pick(random, CHANNELS);
      const id = `${channel}:B${String(i).padStart(9, '0')}`;
      const placedAt = from + Math.floor((i / count) * 60 * DAY);
      const province = pick(random, PROVINCES);
      const stage = pick(random, STAGES);
      const warehouse = pick(random, WAREHOUSES);
      const shop = pick(random, SHOPS);
      const shipped = stage === 'shipped' || stage === 'in_transit' || stage === 'delivered';
      const doc = JSON.stringify({
        id,
        channel,
        channelOrderId: `B${String(i).padStart(9, '0')}`,
        placedAt,
        modifiedAt: placedAt,
        currency: 'CNY',
        itemsTotalFen: 19_900,
        shippingFen: 0,
        discountFen: 0,
        paidFen: 19_900,
        customer: { tier: random() < 0.1 ? 'vip' : 'regular' },
        receiver: { name: '王小明', province, city: '某市', district: '某区', detail: '某路 1 号' },
        items: [{ sku: `SKU-${i % 5000}`, title: `保温杯 ${i % 5000} 号`, quantity: 1, unitPriceFen: 19_900 }],
        tags: [],
        shop,
        warehouse,
        shipments: shipped ? [{ carrier: pick(random, CARRIERS), trackingNo: `T${i}` }] : [],
      });
      orders.push([id, channel, shop, id.split(':')[1]!, stage, placedAt, placedAt, placedAt, 19_900, 'regular', province, warehouse, stage === 'delivered' ? 0 : 1, placedAt, doc]);
      if (random() < 0.04) {
        const code = pick(random, LATE);
        const seen = placedAt + Math.floor((1 + random() * 3) * DAY);
        const key = code === 'stage.stalled' ? pick(random, STAGES.slice(0, 6)) : 'k';
        findings.push([id, code, key, 'warning', random() < 0.5 ? 'open' : 'resolved', seen, seen, JSON.stringify({ orderId: id, code, key, severity: 'warning', detectedAt: seen, explanation: { zh: '延迟', en: 'late' }, evidence: {} })]);
        delayedOrders.push({ id, placedAt, stage: key });
      }
    }
    await db.transaction(async (tx) => {
      await tx.insertMany('orders', ['id', 'channel', 'shop', 'channel_order_id', 'stage', 'stage_entered_at', 'placed_at', 'modified_at', 'paid_fen', 'customer_tier', 'province', 'warehouse', 'is_open', 'ingested_at', 'doc'], orders);
      await tx.insertMany('findings', ['order_id', 'code', 'fkey', 'severity', 'status', 'first_seen_at', 'last_seen_at', 'doc'], findings);
    });
  }
  // 20,000 incidents over the delayed orders: 1-3 orders each, a quarter still active.
  const incidentCount = Math.min(20_000, Math.floor(delayedOrders.length / 2));
  const template = (id: string, orderIds: string[], openedAt: number, state: Incident['state'], grade: Incident['grade']): Incident => ({
    id,
    groupKey: `order:${orderIds[0]}`,
    orderCount: orderIds.length,
    channels: [...new Set(orderIds.map((o) => o.split(':')[0] ?? ''))],
    scope: 'order',
    title: { zh: `订单 ${orderIds[0]}：环节停滞`, en: `Order ${orderIds[0]}: stalled` },
    state,
    level: orderIds.length > 1 ? 2 : 1,
    grade,
    ownerRole: 'supervisor',
    openedAt,
    notifyAt: openedAt,
    escalations: 0,
    remindersSent: 0,
    responseDeadline: openedAt + 30 * 60_000,
    resolutionTarget: openedAt + 9 * 3600_000,
    checklist: [
      { id: 'call', kind: 'call', label: { zh: '致电客户致歉并说明原因', en: 'Call the customer' }, template: 'delay', done: false },
      { id: 'sms', kind: 'sms', label: { zh: '发送确认短信', en: 'Send a confirmation SMS' }, template: 'delay', done: false },
    ],
    compensations: [],
    ratings: [],
    suggestResolve: false,
    activeMembers: orderIds.length,
    orderIds,
    codes: ['stage.stalled'],
    updatedAt: openedAt,
  });
  for (let start = 0; start < incidentCount; start += 5000) {
    const incidents: SqlValue[][] = [];
    const members: SqlValue[][] = [];
    const log: SqlValue[][] = [];
    for (let n = start; n < Math.min(incidentCount, start + 5000); n++) {
      const first = delayedOrders[n * 2]!;
      const orderIds = random() < 0.2 ? [first.id, delayedOrders[n * 2 + 1]!.id] : [first.id];
      const openedAt = first.placedAt + DAY;
      const active = openedAt > now - 3 * DAY || random() < 0.1;
      const state: Incident['state'] = active ? pick(random, ['open', 'acknowledged', 'in_progress'] as const) : 'closed';
      const id = `INC-B${String(n).padStart(7, '0')}`;
      const incident = template(id, orderIds, openedAt, state, pick(random, GRADES));
      // owners and deadline_at as the repository writes them (migration 11): the queue's tabs and order read them.
      const deadlineAt = !active ? null : state === 'open' ? incident.responseDeadline! : incident.resolutionTarget!;
      for (const orderId of orderIds) members.push([id, orderId, 'stage.stalled', 'k', openedAt, null]);
      log.push([id, openedAt, 'system', 'open', null, 'open', null, null]);
      // The response clock's columns (migrations 14, 15) as the repository keeps them beside the log.
      const clock: { ack: number | null; res: number | null; closed: number | null; cause: string | null } = { ack: null, res: null, closed: null, cause: null };
      if (state !== 'open') {
        clock.ack = openedAt + Math.floor(random() * 3600_000);
        log.push([id, clock.ack, 'kefu', 'acknowledge', 'open', 'acknowledged', null, null]);
      }
      if (state === 'closed') {
        clock.res = openedAt + 4 * 3600_000;
        log.push([id, clock.res, 'kefu', 'resolve', 'acknowledged', 'resolved', null, null]);
        const cause = random() < 0.06 ? { class: 'not_abnormal', subCause: 'legitimate_delay' } : { class: 'external', subCause: 'courier_delay' };
        clock.closed = openedAt + 5 * 3600_000;
        clock.cause = JSON.stringify(cause);
        log.push([id, clock.closed, 'kefu', 'close', 'resolved', 'closed', null, JSON.stringify({ rootCause: cause })]);
      }
      incidents.push([id, incident.groupKey, active ? incident.groupKey : null, state, incident.level, incident.grade, 'supervisor', null, openedAt, incident.responseDeadline!, active ? openedAt + 3600_000 : null, openedAt, JSON.stringify(incident), ',supervisor,', deadlineAt, [id, incident.groupKey, incident.title.zh, incident.title.en, ''].join(' ').toLowerCase(), incident.resolutionTarget!, clock.ack, clock.res, clock.closed, clock.cause]);
    }
    await db.transaction(async (tx) => {
      await tx.insertMany('incidents', ['id', 'group_key', 'active_key', 'state', 'level', 'grade', 'owner_role', 'assignee', 'opened_at', 'response_deadline', 'next_action_at', 'updated_at', 'doc', 'owners', 'deadline_at', 'search_text', 'resolution_target', 'acknowledged_at', 'resolved_at', 'last_closed_at', 'close_root_cause'], incidents);
      await tx.insertMany('incident_members', ['incident_id', 'order_id', 'code', 'fkey', 'added_at', 'removed_at'], members);
      await tx.insertMany('incident_log', ['incident_id', 'at', 'actor', 'action', 'from_state', 'to_state', 'reason', 'detail'], log);
    });
  }
  await db.exec('ANALYZE');
  void store;
  return { delayed: delayedOrders.length, incidents: incidentCount };
}

/** runDashboardBench stores `count` orders and measures each dashboard and queue query over HTTP. */
export async function runDashboardBench(count: number, samples = Number(process.env.BENCH_SAMPLES ?? 200)): Promise<DashboardFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-dashboard-'));
  try {
    const db = openSqlite(join(dir, 'store.db'));
    const store = await SqlStore.open(db);
    const now = Date.now();
    const { delayed, incidents } = await fill(store, db, count, now);
    await store.addUser({ name: 'bench', role: 'supervisor', createdAt: now, disabled: false }, await hashPassword('bench-password'));
    const settings = SettingsSchema.parse({});
    const app = await buildServer({ store, settings, clock: systemClock, responder: new ResponseService({ store, settings: () => settings, pipeline: buildPipeline({ store, settings: () => settings, clock: systemClock, owner: 'bench' }) }) });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${address}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', password: 'bench-password' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const random = lcg(5);
    const day = (): string => new Date(now + 8 * 3600_000 - Math.floor(random() * 30) * DAY).toISOString().slice(0, 10);
    const incidentId = (): string => `INC-B${String(Math.floor(random() * incidents)).padStart(7, '0')}`;
    const activeIncidents = Math.floor(incidents / 4);
    // What the console sends: the dashboard page, a drill-down, the queue and an incident page.
    const queries: Record<string, () => string> = {
      'dashboard trend, 30 days': () => '/api/v1/dashboard?days=30',
      'dashboard trend, 60 days': () => '/api/v1/dashboard?days=60',
      'dashboard KPIs, 30 days': () => '/api/v1/dashboard/kpis?days=30',
      'drill-down: a bar (day × channel)': () => `/api/v1/dashboard/orders?days=30&day=${day()}&channel=${pick(random, CHANNELS)}&limit=500`,
      'drill-down: a slice (grade)': () => `/api/v1/dashboard/orders?days=30&grade=${pick(random, GRADES)}&limit=500`,
      'war room, top 20 of each split, 60 days': () => '/api/v1/dashboard?days=60&top=20',
      'drill-down: a war-room row (warehouse × carrier alias)': () => `/api/v1/dashboard/orders?days=30&warehouse=${pick(random, WAREHOUSES)}&carrier=${encodeURIComponent(pick(random, CARRIERS))}&limit=50`,
      'drill-down: a war-room row (SKU), page 2': () => `/api/v1/dashboard/orders?days=60&sku=SKU-${Math.floor(random() * 5000)}&limit=50&offset=50`,
      'drill-down: page 40 of 50 rows (all delays)': () => '/api/v1/dashboard/orders?days=60&limit=50&offset=1950',
      'incident queue, a page of 50 (random page)': () => `/api/v1/incidents?state=open,acknowledged,in_progress&limit=50&offset=${Math.floor(random() * Math.max(1, activeIncidents / 50)) * 50}`,
      'incident queue (active, 500 rows)': () => '/api/v1/incidents?state=open,acknowledged,in_progress&limit=500',
      'incident queue filtered (grade A)': () => '/api/v1/incidents?state=open,acknowledged,in_progress&grade=A&limit=500',
      'incident page': () => `/api/v1/incidents/${incidentId()}`,
      'queue as the console asks (tab, 50 rows, tab counts)': () => `/api/v1/incidents?tab=${pick(random, ['open', 'breached', 'mine', 'A', 'B', 'all'] as const)}&limit=50`,
      'queue page 100 (offset 4,950)': () => '/api/v1/incidents?tab=all&limit=50&offset=4950',
      'queue search (title text)': () => `/api/v1/incidents?tab=all&q=${encodeURIComponent(`${pick(random, CHANNELS)}:`)}&limit=50`,
      'incident script (delay)': () => `/api/v1/incidents/${incidentId()}/script?template=delay`,
    };
    const first = performance.now();
    const firstResponse = await fetch(`${address}/api/v1/dashboard?days=30`, { headers: { cookie } });
    await firstResponse.arrayBuffer();
    const firstRequestMs = performance.now() - first;
    process.stderr.write(`  first dashboard request (builds the read model): ${firstRequestMs.toFixed(0)} ms\n`);
    const p95Ms: Record<string, number> = {};
    for (const [name, url] of Object.entries(queries)) {
      const get = async (): Promise<number> => {
        const t = performance.now();
        const res = await fetch(`${address}${url()}`, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status}`);
        return performance.now() - t;
      };
      for (let i = 0; i < 10; i++) await get();
      const times: number[] = [];
      for (let i = 0; i < samples; i++) times.push(await get());
      p95Ms[name] = p95(times);
      process.stderr.write(`  ${name}: p95 ${p95Ms[name]!.toFixed(1)} ms\n`);
    }
    const page = await fetch(`${address}/api/v1/incidents?tab=all&limit=50`, { headers: { cookie } });
    const queuePageBytes = (await page.arrayBuffer()).byteLength;
    process.stderr.write(`  queue page of 50 rows: ${queuePageBytes.toLocaleString('en')} bytes\n`);
    await app.close();
    await store.close();
    return { orders: count, delayed, incidents, firstRequestMs, p95Ms, queuePageBytes };
  } finally {
    if (process.env.BENCH_KEEP) process.stderr.write(`kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('dashboard-bench.ts')) {
  const count = Number(process.argv[2] ?? 1_000_000);
  process.stdout.write(`${JSON.stringify(await runDashboardBench(count))}\n`);
}
