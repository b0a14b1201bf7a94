import type { FindingCode } from '../domain/finding.js';
import type { Grade, Incident } from '../domain/incident.js';
import type { Order } from '../domain/order.js';
import { BUSINESS_UTC_OFFSET_MS, type Instant } from '../domain/time.js';
import type { SqlDriver, SqlValue } from './sql/driver.js';
import { DELAY_CODES, NO_GRADE, type DashboardStore, type DelayedOrder, type DelayedOrderCell, type DelayedOrderFilter, type DelayWindow, type IncidentKpis } from './dashboard-store.js';

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

/**
 * DELAYED is one row per delayed order placed in a window: its finding
 * codes are read through the (code, first_seen_at, order_id) index, since a
 * finding is never raised before its order was placed, and joined to the
 * order by key. The grade is the most urgent ('A' < 'B' …) of the incidents
 * that ever covered the order. Parameters: the delay codes, from (twice), to.
 */
const DELAYED = `
  SELECT d.order_id AS order_id, (o.placed_at + ${BUSINESS_UTC_OFFSET_MS}) / ${DAY_MS} AS day_no, o.placed_at AS placed_at, o.channel AS channel,
         COALESCE(d.stalled_stage, o.stage) AS stage, COALESCE(o.province, '') AS region, d.first_seen_at AS first_seen_at,
         (SELECT MIN(i.grade) FROM incident_members m JOIN incidents i ON i.id = m.incident_id WHERE m.order_id = d.order_id) AS grade
    FROM (SELECT order_id, MIN(CASE WHEN code = 'stage.stalled' THEN fkey END) AS stalled_stage, MIN(first_seen_at) AS first_seen_at
            FROM findings WHERE code IN (${marks(DELAY_CODES.length)}) AND first_seen_at >= ? GROUP BY order_id) d
    JOIN orders o ON o.id = d.order_id
   WHERE o.placed_at >= ? AND o.placed_at < ?`;

function delayedParams(window: DelayWindow): SqlValue[] {
  return [...DELAY_CODES, window.from, window.from, window.to];
}

/**
 * DashboardRepository is the SQL implementation of DashboardStore, one text
 * for both engines: integer division of epoch milliseconds gives the
 * Shanghai day (UTC+8 has no daylight saving), and the false-alarm test reads
 * the root cause the close action wrote to the audit log.
 */
export class DashboardRepository implements DashboardStore {
  constructor(private readonly db: SqlDriver) {}

  async delayedOrderCells(window: DelayWindow): Promise<DelayedOrderCell[]> {
    const rows = await this.db.all<{ day_no: number | string; channel: string; stage: string; grade: string | null; region: string; orders: number | string }>(
      `SELECT day_no, channel, stage, grade, region, COUNT(*) AS orders FROM (${DELAYED}) x
        GROUP BY day_no, channel, stage, grade, region ORDER BY day_no, channel, stage, grade, region`,
      delayedParams(window),
    );
    return rows.map((r) => ({ day: dayOf(Number(r.day_no)), channel: r.channel, stage: r.stage, grade: gradeOf(r.grade), region: r.region, orders: Number(r.orders) }));
  }

  async delayedOrders(filter: DelayedOrderFilter): Promise<DelayedOrder[]> {
    const window = filter.day === undefined ? filter : dayWindow(filter.day, filter);
    if (window.from >= window.to) return [];
    const where: string[] = [];
    const params: SqlValue[] = delayedParams(window);
    for (const [column, value] of [['channel', filter.channel], ['stage', filter.stage], ['region', filter.region]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    if (filter.grade !== undefined) {
      where.push(filter.grade === NO_GRADE ? 'grade IS NULL' : 'grade = ?');
      if (filter.grade !== NO_GRADE) params.push(filter.grade);
    }
    const rows = await this.db.all<{ order_id: string; stage: string; grade: string | null; region: string; first_seen_at: number | string }>(
      `SELECT order_id, placed_at, stage, grade, region, first_seen_at FROM (${DELAYED}) x${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
        ORDER BY placed_at DESC, order_id LIMIT ?`,
      [...params, Math.min(Math.max(1, Math.trunc(filter.limit ?? 100)), 1000)],
    );
    if (rows.length === 0) return [];
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
      });
    }
    return out;
  }

  async incidentKpis(window: DelayWindow, now: Instant): Promise<IncidentKpis> {
    const [byGrade, breached, ack, resolve, closing] = await Promise.all([
      this.db.all<{ grade: string; n: number | string }>(`SELECT grade, COUNT(*) AS n FROM incidents WHERE state IN (${marks(ACTIVE_STATES.length)}) GROUP BY grade`, ACTIVE_STATES),
      this.db.all<{ n: number | string }>("SELECT COUNT(*) AS n FROM incidents WHERE state = 'open' AND response_deadline < ?", [now]),
      this.timeTo(['acknowledged'], window),
      this.timeTo(['resolved', 'closed'], window),
      // The latest close of each incident closed in the window: a reopened and
      // re-closed incident counts once, with its final root cause.
      this.db.all<{ closed: number | string; false_alarms: number | string | null }>(
        `SELECT COUNT(*) AS closed, SUM(CASE WHEN l.detail LIKE '%"class":"not_abnormal"%' THEN 1 ELSE 0 END) AS false_alarms
           FROM incident_log l
          WHERE l.to_state = 'closed' AND l.at >= ? AND l.at < ?
            AND l.seq = (SELECT MAX(l2.seq) FROM incident_log l2 WHERE l2.incident_id = l.incident_id AND l2.to_state = 'closed')`,
        [window.from, window.to],
      ),
    ]);
    const openByGrade: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
    for (const r of byGrade) openByGrade[r.grade] = Number(r.n);
    const opened = await this.db.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM incidents WHERE opened_at >= ? AND opened_at < ?', [window.from, window.to]);
    return {
      openByGrade,
      open: Object.values(openByGrade).reduce((a, b) => a + b, 0),
      breached: Number(breached[0]?.n ?? 0),
      opened: Number(opened[0]?.n ?? 0),
      acknowledged: ack.count,
      mttaMs: ack.meanMs,
      resolved: resolve.count,
      mttrMs: resolve.meanMs,
      closed: Number(closing[0]?.closed ?? 0),
      falseAlarms: Number(closing[0]?.false_alarms ?? 0),
    };
  }

  /** timeTo is how long incidents opened in the window took to first reach one of `states`, from the audit log. */
  private async timeTo(states: readonly string[], window: DelayWindow): Promise<{ count: number; meanMs: number | null }> {
    const rows = await this.db.all<{ n: number | string; total: number | string | null }>(
      `SELECT COUNT(*) AS n, SUM(t.first_at - i.opened_at) AS total
         FROM (SELECT incident_id, MIN(at) AS first_at FROM incident_log WHERE to_state IN (${marks(states.length)}) AND at >= ? GROUP BY incident_id) t
         JOIN incidents i ON i.id = t.incident_id
        WHERE i.opened_at >= ? AND i.opened_at < ?`,
      [...states, window.from, window.from, window.to],
    );
    const count = Number(rows[0]?.n ?? 0);
    return { count, meanMs: count > 0 ? Number(rows[0]?.total ?? 0) / count : null };
  }

  async incidentsUpdatedSince(since: Instant, limit: number): Promise<Incident[]> {
    const rows = await this.db.all<{ doc: string }>('SELECT doc FROM incidents WHERE updated_at > ? ORDER BY updated_at, id LIMIT ?', [since, Math.min(Math.max(1, limit), 1000)]);
    return rows.map((r) => JSON.parse(r.doc) as Incident);
  }
}
