import { carrierCode } from '../domain/carrier.js';
import type { FindingCode } from '../domain/finding.js';
import type { Grade, Incident } from '../domain/incident.js';
import type { Order } from '../domain/order.js';
import { BUSINESS_UTC_OFFSET_MS, type Instant } from '../domain/time.js';
import { durationStats, readIncidentTimings, readLatestCloses } from './incident-timings.js';
import type { SqlDriver, SqlValue } from './sql/driver.js';
import {
  DELAY_CODES,
  DELAY_SPLITS,
  NO_GRADE,
  WAR_ROOM_SPLITS,
  type DashboardStore,
  type DayFigures,
  type DelayedOrder,
  type DelayedOrderCount,
  type DelayedOrderFilter,
  type DelayedOrderPage,
  type DelaySplit,
  type DelayWindow,
  type IncidentKpis,
  type SplitTotal,
  type WarRoom,
  type WarRoomSplit,
} from './dashboard-store.js';

const DAY_MS = 86_400_000;
const ACTIVE_STATES = ['open', 'acknowledged', 'in_progress'];

function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

/** dayOf names the Asia/Shanghai day of a day number (days since the epoch, local). */
function dayOf(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

/** dayWindow is the span of placing times of one Shanghai day, cut to `window`. */
function dayWindow(day: string, window: DelayWindow): DelayWindow {
  const start = Date.parse(`${day}T00:00:00Z`) - BUSINESS_UTC_OFFSET_MS;
  if (!Number.isFinite(start)) return { from: window.to, to: window.to };
  return { from: Math.max(window.from, start), to: Math.min(window.to, start + DAY_MS) };
}

function gradeOf(value: unknown): Grade | typeof NO_GRADE {
  return value === 'A' || value === 'B' || value === 'C' || value === 'D' ? value : NO_GRADE;
}

/** docField reads a text field of an order's JSON document in either engine (`items,0,sku`). */
function docField(dialect: SqlDriver['dialect'], path: readonly (string | number)[]): string {
  return dialect === 'sqlite'
    ? `json_extract(o.doc, '$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}')`
    : `(o.doc::jsonb #>> '{${path.join(',')}}')`;
}

/** The war-room keys of an order row `o`: warehouse, first SKU and its title, first parcel's carrier (as sent), `channel:shop`. */
function orderKeys(dialect: SqlDriver['dialect']): Record<'warehouse' | 'sku' | 'title' | 'carrier' | 'shop', string> {
  return {
    warehouse: "COALESCE(o.warehouse, '')",
    sku: `COALESCE(${docField(dialect, ['items', 0, 'sku'])}, '')`,
    title: `COALESCE(${docField(dialect, ['items', 0, 'title'])}, '')`,
    carrier: `COALESCE(${docField(dialect, ['shipments', 0, 'carrier'])}, '')`,
    shop: "o.channel || ':' || COALESCE(o.shop, '')",
  };
}

function warRoomKeys(dialect: SqlDriver['dialect']): string {
  const k = orderKeys(dialect);
  return `${k.warehouse}, ${k.sku}, ${k.title}, ${k.carrier}, ${k.shop}`;
}

/**
 * DELAYED_FACTS computes the read model's row of each delayed order: the
 * stage it stalled in (else its current stage), its placing time, channel
 * and province, the earliest of its delay findings, the most urgent grade
 * ('A' < 'B' …) of the incidents that ever covered it, its war-room keys,
 * and whether it was only warned of (promise.at_risk alone). `scope`
 * narrows the findings read (a list of orders, or nothing for a rebuild).
 */
function delayedFacts(scope: string, dialect: SqlDriver['dialect']): string {
  return `
  SELECT d.order_id, o.placed_at, o.channel, COALESCE(d.stalled_stage, o.stage), COALESCE(o.province, ''),
         (SELECT MIN(i.grade) FROM incident_members m JOIN incidents i ON i.id = m.incident_id WHERE m.order_id = d.order_id),
         d.first_seen_at, ${warRoomKeys(dialect)}, d.at_risk
    FROM (SELECT order_id, MIN(CASE WHEN code = 'stage.stalled' THEN fkey END) AS stalled_stage, MIN(first_seen_at) AS first_seen_at,
                 CASE WHEN MIN(code) = 'promise.at_risk' AND MAX(code) = 'promise.at_risk' THEN 1 ELSE 0 END AS at_risk
            FROM findings WHERE code IN (${marks(DELAY_CODES.length)})${scope} GROUP BY order_id) d
    JOIN orders o ON o.id = d.order_id`;
}

const FACT_COLUMNS = '(order_id, placed_at, channel, stage, region, grade, first_seen_at, warehouse, sku, sku_title, carrier, shop, at_risk)';
/** Every split the daily counts keep: the trend's and the war room's. */
const ALL_SPLITS = [...DELAY_SPLITS, ...WAR_ROOM_SPLITS] as const;
type AnySplit = (typeof ALL_SPLITS)[number];
const MINUTE_MS = 60_000;
/** A day's order counts are recounted (at most every 10 minutes) until this long after it ended: its orders still ship and get carriers. */
const ORDER_DAY_SETTLES_MS = 3 * DAY_MS;

/**
 * canonicalCarriers folds the carriers the channels sent (1499, 中通快递)
 * into one code each (ZTO) in the read-model rows `where` selects.
 */
async function canonicalCarriers(tx: SqlDriver, where: string, params: readonly SqlValue[]): Promise<void> {
  const raw = await tx.all<{ carrier: string }>(`SELECT DISTINCT carrier FROM dashboard_delays WHERE carrier <> ''${where}`, params);
  for (const { carrier } of raw) {
    const code = carrierCode(carrier);
    if (code !== carrier) await tx.run(`UPDATE dashboard_delays SET carrier = ? WHERE carrier = ?${where}`, [code, carrier, ...params]);
  }
}
const DAY_NO = `(placed_at + ${BUSINESS_UTC_OFFSET_MS}) / ${DAY_MS}`;

/** FactRow is a read-model row as the daily counts need it. */
interface FactRow {
  placed_at: number | string;
  channel: string;
  stage: string;
  grade: string | null;
  region: string;
  warehouse: string;
  sku: string;
  carrier: string;
  shop: string;
  at_risk: number | string;
}

const FACT_READ = 'placed_at, channel, stage, grade, region, warehouse, sku, carrier, shop, at_risk';

/**
 * adjustDaily adds `sign` × each fact to the per-day counts of every split,
 * summed first so each (day, split, key) is written once.
 */
async function adjustDaily(tx: SqlDriver, facts: readonly FactRow[], sign: 1 | -1): Promise<void> {
  const sums = new Map<string, { day: number; split: AnySplit; key: string; n: number; risk: number }>();
  for (const f of facts) {
    const day = Math.floor((Number(f.placed_at) + BUSINESS_UTC_OFFSET_MS) / DAY_MS);
    for (const split of ALL_SPLITS) {
      const key = split === 'grade' ? (f.grade ?? NO_GRADE) : f[split];
      const id = `${day}|${split}|${key}`;
      const entry = sums.get(id) ?? { day, split, key, n: 0, risk: 0 };
      entry.n += sign;
      entry.risk += sign * Number(f.at_risk);
      sums.set(id, entry);
    }
  }
  for (const e of sums.values()) {
    await tx.run(
      'INSERT INTO dashboard_daily (day_no, split, split_key, orders, at_risk) VALUES (?, ?, ?, ?, ?) ON CONFLICT (day_no, split, split_key) DO UPDATE SET orders = dashboard_daily.orders + excluded.orders, at_risk = dashboard_daily.at_risk + excluded.at_risk',
      [e.day, e.split, e.key, e.n, e.risk],
    );
  }
}
const CHUNK = 500;

interface Marks {
  findingsFrom: number;
  findingsBefore: number;
  incidentsFrom: number;
  incidents: number;
}

/**
 * DashboardRepository is the SQL implementation of DashboardStore, one text
 * for both engines. The delayed-order counts come from a read model,
 * `dashboard_delays` (one row per delayed order), brought up to date before
 * every read from what changed since the last one: delay findings first
 * seen since a watermark, incidents updated since another. Counting a
 * million orders' delays is then an index scan of a few ten thousand rows
 * instead of as many joins. A change the watermarks cannot explain (a
 * replay clears the findings, older rows appear) rebuilds it whole.
 * Integer division of epoch milliseconds gives the Shanghai day (UTC+8 has
 * no daylight saving). The response KPIs read the audit trail
 * (incident-timings): the false-alarm test reads the root cause the close
 * action wrote to the audit log.
 */
export class DashboardRepository implements DashboardStore {
  constructor(private readonly db: SqlDriver) {}

  /** refresh brings the read model up to date (see the class comment). */
  async refresh(): Promise<void> {
    await this.db.transaction(async (tx) => {
      const stored = new Map((await tx.all<{ name: string; value: number | string }>('SELECT name, value FROM dashboard_marks')).map((r) => [r.name, Number(r.value)]));
      const was: Marks | undefined = stored.size === 4 ? { findingsFrom: stored.get('findings_from')!, findingsBefore: stored.get('findings_before')!, incidentsFrom: stored.get('incidents_from')!, incidents: stored.get('incidents')! } : undefined;
      const count = async (sql: string, params: SqlValue[]): Promise<number> => Number((await tx.all<{ n: number | string }>(sql, params))[0]?.n ?? 0);
      const incidents = await count('SELECT COUNT(*) AS n FROM incidents', []);
      const before = was ? await count(`SELECT COUNT(*) AS n FROM findings WHERE code IN (${marks(DELAY_CODES.length)}) AND first_seen_at < ?`, [...DELAY_CODES, was.findingsFrom]) : -1;
      let next: Marks;
      if (!was || before !== was.findingsBefore || incidents < was.incidents) {
        await tx.run('DELETE FROM dashboard_delays');
        await tx.run('DELETE FROM dashboard_daily');
        await tx.run(`INSERT INTO dashboard_delays ${FACT_COLUMNS} ${delayedFacts('', tx.dialect)}`, [...DELAY_CODES]);
        await canonicalCarriers(tx, '', []);
        for (const split of ALL_SPLITS) {
          const key = split === 'grade' ? `COALESCE(grade, '${NO_GRADE}')` : split;
          await tx.run(`INSERT INTO dashboard_daily (day_no, split, split_key, orders, at_risk) SELECT ${DAY_NO}, '${split}', ${key}, COUNT(*), SUM(at_risk) FROM dashboard_delays GROUP BY ${DAY_NO}, ${key}`);
        }
        const latest = await tx.all<{ f: number | string | null; i: number | string | null }>(
          `SELECT (SELECT MAX(first_seen_at) FROM findings WHERE code IN (${marks(DELAY_CODES.length)})) AS f, (SELECT MAX(updated_at) FROM incidents) AS i`,
          [...DELAY_CODES],
        );
        const findingsFrom = Number(latest[0]?.f ?? 0);
        next = { findingsFrom, findingsBefore: await count(`SELECT COUNT(*) AS n FROM findings WHERE code IN (${marks(DELAY_CODES.length)}) AND first_seen_at < ?`, [...DELAY_CODES, findingsFrom]), incidentsFrom: Number(latest[0]?.i ?? 0), incidents };
      } else {
        // Rows at a watermark itself are read again: the next change may share its millisecond.
        const found = await tx.all<{ order_id: string; first_seen_at: number | string }>(
          `SELECT order_id, first_seen_at FROM findings WHERE code IN (${marks(DELAY_CODES.length)}) AND first_seen_at >= ?`,
          [...DELAY_CODES, was.findingsFrom],
        );
        const changed = await tx.all<{ id: string; updated_at: number | string }>('SELECT id, updated_at FROM incidents WHERE updated_at >= ?', [was.incidentsFrom]);
        const orders = new Set(found.map((r) => r.order_id));
        for (let i = 0; i < changed.length; i += CHUNK) {
          const ids = changed.slice(i, i + CHUNK).map((r) => r.id);
          for (const m of await tx.all<{ order_id: string }>(`SELECT DISTINCT order_id FROM incident_members WHERE incident_id IN (${marks(ids.length)})`, ids)) orders.add(m.order_id);
        }
        const list = [...orders];
        for (let i = 0; i < list.length; i += CHUNK) {
          const ids = list.slice(i, i + CHUNK);
          const factsOf = () => tx.all<FactRow>(`SELECT ${FACT_READ} FROM dashboard_delays WHERE order_id IN (${marks(ids.length)})`, ids);
          await adjustDaily(tx, await factsOf(), -1);
          await tx.run(`DELETE FROM dashboard_delays WHERE order_id IN (${marks(ids.length)})`, ids);
          await tx.run(`INSERT INTO dashboard_delays ${FACT_COLUMNS} ${delayedFacts(` AND order_id IN (${marks(ids.length)})`, tx.dialect)}`, [...DELAY_CODES, ...ids]);
          await canonicalCarriers(tx, ` AND order_id IN (${marks(ids.length)})`, ids);
          await adjustDaily(tx, await factsOf(), 1);
        }
        const findingsFrom = found.reduce((m, r) => Math.max(m, Number(r.first_seen_at)), was.findingsFrom);
        const newBefore = before + found.filter((r) => Number(r.first_seen_at) < findingsFrom).length;
        next = { findingsFrom, findingsBefore: newBefore, incidentsFrom: changed.reduce((m, r) => Math.max(m, Number(r.updated_at)), was.incidentsFrom), incidents };
      }
      if (was && was.findingsFrom === next.findingsFrom && was.findingsBefore === next.findingsBefore && was.incidentsFrom === next.incidentsFrom && was.incidents === next.incidents) return;
      for (const [name, value] of [['findings_from', next.findingsFrom], ['findings_before', next.findingsBefore], ['incidents_from', next.incidentsFrom], ['incidents', next.incidents]] as const) {
        await tx.run('INSERT INTO dashboard_marks (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [name, value]);
      }
    });
  }

  async delayedOrderCounts(window: DelayWindow): Promise<DelayedOrderCount[]> {
    await this.refresh();
    // The counts are kept per whole Shanghai day: a window that starts or
    // ends inside a day is read from the per-order rows at its edges.
    const firstDay = Math.ceil((window.from + BUSINESS_UTC_OFFSET_MS) / DAY_MS);
    const endDay = Math.floor((window.to + BUSINESS_UTC_OFFSET_MS) / DAY_MS);
    const out: DelayedOrderCount[] = [];
    if (firstDay < endDay) {
      const rows = await this.db.all<{ day_no: number | string; split: string; split_key: string; orders: number | string }>(
        `SELECT day_no, split, split_key, orders FROM dashboard_daily WHERE day_no >= ? AND day_no < ? AND orders > 0 AND split IN (${marks(DELAY_SPLITS.length)})`,
        [firstDay, endDay, ...DELAY_SPLITS],
      );
      for (const r of rows) out.push({ split: r.split as DelaySplit, day: dayOf(Number(r.day_no)), key: r.split_key, orders: Number(r.orders) });
    }
    const edges: Array<[number, number]> =
      firstDay < endDay
        ? [
            [window.from, firstDay * DAY_MS - BUSINESS_UTC_OFFSET_MS],
            [endDay * DAY_MS - BUSINESS_UTC_OFFSET_MS, window.to],
          ]
        : [[window.from, window.to]];
    for (const [from, to] of edges) {
      if (from >= to) continue;
      const facts = await this.db.all<FactRow>(`SELECT ${FACT_READ} FROM dashboard_delays WHERE placed_at >= ? AND placed_at < ?`, [from, to]);
      const sums = new Map<string, DelayedOrderCount>();
      for (const f of facts) {
        const day = dayOf(Math.floor((Number(f.placed_at) + BUSINESS_UTC_OFFSET_MS) / DAY_MS));
        for (const split of DELAY_SPLITS) {
          const key = split === 'grade' ? (f.grade ?? NO_GRADE) : f[split];
          const id = `${day}|${split}|${key}`;
          const c = sums.get(id);
          sums.set(id, { split, day, key, orders: (c?.orders ?? 0) + 1 });
        }
      }
      out.push(...sums.values());
    }
    return out.sort((a, b) => DELAY_SPLITS.indexOf(a.split) - DELAY_SPLITS.indexOf(b.split) || a.day.localeCompare(b.day) || a.key.localeCompare(b.key));
  }

  async delayedOrders(filter: DelayedOrderFilter): Promise<DelayedOrder[]> {
    return (await this.delayedOrderPage(filter)).orders;
  }

  async delayedOrderPage(filter: DelayedOrderFilter): Promise<DelayedOrderPage> {
    const window = filter.day === undefined ? filter : dayWindow(filter.day, filter);
    if (window.from >= window.to) return { orders: [], total: 0 };
    await this.refresh();
    const where: string[] = ['placed_at >= ?', 'placed_at < ?'];
    const params: SqlValue[] = [window.from, window.to];
    const carrier = filter.carrier === undefined ? undefined : filter.carrier === '' ? '' : carrierCode(filter.carrier);
    const equal = [['channel', filter.channel], ['stage', filter.stage], ['region', filter.region], ['warehouse', filter.warehouse], ['sku', filter.sku], ['carrier', carrier], ['shop', filter.shop]] as const;
    for (const [column, value] of equal) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    if (filter.grade !== undefined) {
      where.push(filter.grade === NO_GRADE ? 'grade IS NULL' : 'grade = ?');
      if (filter.grade !== NO_GRADE) params.push(filter.grade);
    }
    const limit = Math.min(Math.max(1, Math.trunc(filter.limit ?? 100)), 1000);
    const offset = Math.max(0, Math.trunc(filter.offset ?? 0));
    const [rows, counted] = await Promise.all([
      this.db.all<{ order_id: string; stage: string; grade: string | null; region: string; first_seen_at: number | string; warehouse: string; sku: string; sku_title: string; carrier: string; shop: string; at_risk: number | string }>(
        `SELECT order_id, stage, grade, region, first_seen_at, warehouse, sku, sku_title, carrier, shop, at_risk FROM dashboard_delays WHERE ${where.join(' AND ')} ORDER BY placed_at DESC, order_id LIMIT ? OFFSET ?`,
        [...params, limit, offset],
      ),
      this.db.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM dashboard_delays WHERE ${where.join(' AND ')}`, params),
    ]);
    const total = Number(counted[0]?.n ?? 0);
    if (rows.length === 0) return { orders: [], total };
    const ids = rows.map((r) => r.order_id);
    const [orders, findings] = await Promise.all([
      this.db.all<{ id: string; stage: string; doc: string }>(`SELECT id, stage, doc FROM orders WHERE id IN (${marks(ids.length)})`, ids),
      this.db.all<{ order_id: string; code: string }>(
        `SELECT order_id, code FROM findings WHERE order_id IN (${marks(ids.length)}) AND code IN (${marks(DELAY_CODES.length)}) ORDER BY order_id, code`,
        [...ids, ...DELAY_CODES],
      ),
    ]);
    const byId = new Map(orders.map((o) => [o.id, o]));
    const codes = new Map<string, FindingCode[]>();
    for (const f of findings) {
      const list = codes.get(f.order_id) ?? [];
      if (!list.includes(f.code as FindingCode)) list.push(f.code as FindingCode);
      codes.set(f.order_id, list);
    }
    const out: DelayedOrder[] = [];
    for (const r of rows) {
      const row = byId.get(r.order_id);
      if (!row) continue;
      const order = JSON.parse(row.doc) as Order;
      out.push({
        id: order.id,
        channel: order.channel,
        channelOrderId: order.channelOrderId,
        placedAt: order.placedAt,
        stage: row.stage,
        delayStage: r.stage,
        grade: gradeOf(r.grade),
        region: r.region,
        ...(order.receiver.city !== undefined ? { city: order.receiver.city } : {}),
        ...(order.receiver.name !== undefined ? { receiverName: order.receiver.name } : {}),
        customerTier: order.customer.tier,
        paidFen: order.paidFen,
        codes: codes.get(r.order_id) ?? [],
        firstSeenAt: Number(r.first_seen_at),
        warehouse: r.warehouse,
        sku: r.sku,
        skuTitle: r.sku_title,
        carrier: r.carrier,
        shop: r.shop,
        shopName: order.shop ?? '',
        atRisk: Number(r.at_risk) === 1,
      });
    }
    return { orders: out, total };
  }

  /**
   * countOrderDays keeps all orders' counts per day and war-room split
   * (dashboard_order_daily) for the days asked: a day is counted once, and
   * again at most every 10 minutes while it is young (its orders still ship
   * and get their carrier), one young day per request, so the work is a day's
   * orders now and then, never the whole history per request.
   */
  private async countOrderDays(firstDay: number, lastDay: number, now: Instant): Promise<void> {
    const known = new Map(
      (await this.db.all<{ day_no: number | string; computed_at: number | string }>('SELECT day_no, computed_at FROM dashboard_order_days WHERE day_no >= ? AND day_no <= ?', [firstDay, lastDay])).map((r) => [Number(r.day_no), Number(r.computed_at)]),
    );
    // Days never counted are counted now; of the young days due a recount,
    // only the stalest is recounted per request, so no request pays for
    // several (a day of a million-order business is ~150 ms of CPU).
    const missing: number[] = [];
    let stale: { day: number; at: number } | undefined;
    for (let day = firstDay; day <= lastDay; day++) {
      const start = day * DAY_MS - BUSINESS_UTC_OFFSET_MS;
      const at = known.get(day);
      if (at === undefined) missing.push(day);
      else if (at < start + DAY_MS + ORDER_DAY_SETTLES_MS && at <= now - 10 * MINUTE_MS && (stale === undefined || at <= stale.at)) stale = { day, at }; // on a tie the later day: it changes most
    }
    for (const day of stale ? [...missing, stale.day] : missing) {
      const start = day * DAY_MS - BUSINESS_UTC_OFFSET_MS;
      await this.db.transaction(async (tx) => {
        const k = orderKeys(tx.dialect);
        const rows = await tx.all<{ w: string; s: string; c: string; p: string; n: number | string }>(
          `SELECT w, s, c, p, COUNT(*) AS n FROM (SELECT ${k.warehouse} AS w, ${k.sku} AS s, ${k.carrier} AS c, ${k.shop} AS p FROM orders o WHERE o.placed_at >= ? AND o.placed_at < ?) keyed GROUP BY w, s, c, p`,
          [start, start + DAY_MS],
        );
        const sums = new Map<string, { split: WarRoomSplit; key: string; n: number }>();
        for (const r of rows) {
          const keys: Record<WarRoomSplit, string> = { warehouse: r.w, sku: r.s, carrier: r.c === '' ? '' : carrierCode(r.c), shop: r.p };
          for (const split of WAR_ROOM_SPLITS) {
            const id = `${split}|${keys[split]}`;
            const entry = sums.get(id) ?? { split, key: keys[split], n: 0 };
            entry.n += Number(r.n);
            sums.set(id, entry);
          }
        }
        await tx.run('DELETE FROM dashboard_order_daily WHERE day_no = ?', [day]);
        await tx.insertMany('dashboard_order_daily', ['day_no', 'split', 'split_key', 'orders'], [...sums.values()].map((e) => [day, e.split, e.key, e.n]));
        await tx.run('INSERT INTO dashboard_order_days (day_no, computed_at) VALUES (?, ?) ON CONFLICT (day_no) DO UPDATE SET computed_at = excluded.computed_at', [day, now]);
      });
    }
  }

  async warRoom(window: DelayWindow, now: Instant, top: number): Promise<WarRoom> {
    const firstDay = Math.floor((window.from + BUSINESS_UTC_OFFSET_MS) / DAY_MS);
    const today = Math.floor((window.to - 1 + BUSINESS_UTC_OFFSET_MS) / DAY_MS);
    const yesterday = today - 1;
    const n = Math.min(Math.max(1, Math.trunc(top)), 100);
    await this.refresh();
    await this.countOrderDays(Math.min(firstDay, yesterday), today, now);
    const delayedIn = async (from: number, to: number): Promise<{ delayed: number; atRisk: number }> => {
      const r = await this.db.all<{ d: number | string | null; r: number | string | null }>("SELECT SUM(orders) AS d, SUM(at_risk) AS r FROM dashboard_daily WHERE split = 'channel' AND day_no >= ? AND day_no <= ?", [from, to]);
      return { delayed: Number(r[0]?.d ?? 0), atRisk: Number(r[0]?.r ?? 0) };
    };
    const ordersIn = async (from: number, to: number): Promise<number> =>
      Number((await this.db.all<{ n: number | string | null }>("SELECT SUM(orders) AS n FROM dashboard_order_daily WHERE split = 'shop' AND day_no >= ? AND day_no <= ?", [from, to]))[0]?.n ?? 0);
    const dayFigures = async (day: number): Promise<DayFigures> => {
      const start = day * DAY_MS - BUSINESS_UTC_OFFSET_MS;
      const opened = await this.db.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM incidents WHERE opened_at >= ? AND opened_at < ?', [start, start + DAY_MS]);
      return { day: dayOf(day), ...(await delayedIn(day, day)), orders: await ordersIn(day, day), incidentsOpened: Number(opened[0]?.n ?? 0) };
    };
    const splits = {} as Record<WarRoomSplit, SplitTotal[]>;
    for (const split of WAR_ROOM_SPLITS) {
      const tops = await this.db.all<{ k: string; d: number | string; r: number | string; t: number | string | null; y: number | string | null }>(
        `SELECT split_key AS k, SUM(orders) AS d, SUM(at_risk) AS r, SUM(CASE WHEN day_no = ? THEN orders END) AS t, SUM(CASE WHEN day_no = ? THEN orders END) AS y
           FROM dashboard_daily WHERE split = ? AND day_no >= ? AND day_no <= ? GROUP BY split_key HAVING SUM(orders) > 0 ORDER BY SUM(orders) DESC, split_key LIMIT ?`,
        [today, yesterday, split, firstDay, today, n],
      );
      const keys = tops.map((t) => t.k);
      const base = new Map<string, number>();
      const titles = new Map<string, string>();
      if (keys.length > 0) {
        const counted = await this.db.all<{ k: string; n: number | string }>(
          `SELECT split_key AS k, SUM(orders) AS n FROM dashboard_order_daily WHERE split = ? AND day_no >= ? AND day_no <= ? AND split_key IN (${marks(keys.length)}) GROUP BY split_key`,
          [split, firstDay, today, ...keys],
        );
        for (const c of counted) base.set(c.k, Number(c.n));
        if (split === 'sku') {
          const named = await this.db.all<{ k: string; t: string }>(`SELECT sku AS k, MAX(sku_title) AS t FROM dashboard_delays WHERE sku IN (${marks(keys.length)}) GROUP BY sku`, keys);
          for (const t of named) if (t.t) titles.set(t.k, t.t);
        }
      }
      splits[split] = tops.map((t) => ({
        key: t.k,
        ...(titles.has(t.k) ? { title: titles.get(t.k)! } : {}),
        delayed: Number(t.d),
        atRisk: Number(t.r),
        // Orders are counted from the orders table and delays from findings: never show fewer orders than delays.
        orders: Math.max(base.get(t.k) ?? 0, Number(t.d)),
        today: Number(t.t ?? 0),
        yesterday: Number(t.y ?? 0),
      }));
    }
    const total = await delayedIn(firstDay, today);
    return { delayed: total.delayed, splits, compare: { today: await dayFigures(today), yesterday: await dayFigures(yesterday) } };
  }

  async incidentKpis(window: DelayWindow, now: Instant, falseAlarmSubCauses: readonly string[]): Promise<IncidentKpis> {
    const [byGrade, breached, timings, closes] = await Promise.all([
      this.db.all<{ grade: string; n: number | string }>(`SELECT grade, COUNT(*) AS n FROM incidents WHERE state IN (${marks(ACTIVE_STATES.length)}) GROUP BY grade`, ACTIVE_STATES),
      this.db.all<{ n: number | string }>("SELECT COUNT(*) AS n FROM incidents WHERE state = 'open' AND response_deadline < ?", [now]),
      readIncidentTimings(this.db, window),
      readLatestCloses(this.db, window),
    ]);
    const openByGrade: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
    for (const r of byGrade) openByGrade[r.grade] = Number(r.n);
    const falseAlarms = closes.filter((c) => c.rootCause !== undefined && (c.rootCause.class === 'not_abnormal' || falseAlarmSubCauses.includes(c.rootCause.subCause))).length;
    return {
      openByGrade,
      open: Object.values(openByGrade).reduce((a, b) => a + b, 0),
      breached: Number(breached[0]?.n ?? 0),
      opened: timings.length,
      acknowledge: durationStats(timings, 'acknowledge', now),
      resolve: durationStats(timings, 'resolve', now),
      closed: closes.length,
      falseAlarms,
      falseAlarmShare: closes.length > 0 ? falseAlarms / closes.length : null,
    };
  }

  async incidentsUpdatedSince(since: Instant, limit: number): Promise<Incident[]> {
    const rows = await this.db.all<{ doc: string }>('SELECT doc FROM incidents WHERE updated_at > ? ORDER BY updated_at, id LIMIT ?', [since, Math.min(Math.max(1, limit), 1000)]);
    return rows.map((r) => JSON.parse(r.doc) as Incident);
  }
}
