import type { Finding, FindingCode } from '../domain/finding.js';
import type { OrderId } from '../domain/order.js';
import type { Instant } from '../domain/time.js';
import type { SqlDriver, SqlValue } from './sql/driver.js';
import { Where } from './sql/where.js';
import type { FixCase, FixCaseFilter, FixFiling, FixHandling, FixItem, FixListStore } from './fix-list-store.js';

interface CaseRow {
  id: string;
  cause: string;
  channel: string;
  shop: string | null;
  day: string;
  buyer: string | null;
  state: string;
  open_items: number | string;
  items: number | string;
  orders: number | string;
  first_at: number | string;
  last_at: number | string;
  alerted_at: number | string | null;
  updated_at: number | string;
  doc: string;
}

interface CaseDoc {
  codes: FindingCode[];
  sampleOrderIds: OrderId[];
}

const SAMPLE = 20;
const CHUNK = 300;

function caseOf(r: CaseRow): FixCase {
  const doc = JSON.parse(r.doc) as CaseDoc;
  return {
    id: r.id,
    cause: r.cause as FixCase['cause'],
    channel: r.channel,
    ...(r.shop !== null ? { shop: r.shop } : {}),
    day: r.day,
    ...(r.buyer !== null ? { buyer: r.buyer } : {}),
    state: r.state === 'done' ? 'done' : 'open',
    openItems: Number(r.open_items),
    items: Number(r.items),
    orders: Number(r.orders),
    firstAt: Number(r.first_at),
    lastAt: Number(r.last_at),
    ...(r.alerted_at !== null ? { alertedAt: Number(r.alerted_at) } : {}),
    updatedAt: Number(r.updated_at),
    codes: doc.codes,
    sampleOrderIds: doc.sampleOrderIds,
  };
}

function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

/** (order_id, code, fkey) IN (VALUES …): one statement for a chunk of findings, on both engines. */
function findingTuples(findings: ReadonlyArray<{ readonly orderId: string; readonly code: string; readonly key: string }>): { sql: string; params: SqlValue[] } {
  return {
    sql: `(order_id, code, fkey) IN (VALUES ${findings.map(() => '(?, ?, ?)').join(', ')})`,
    params: findings.flatMap((f) => [f.orderId, f.code, f.key]),
  };
}

/**
 * FixListRepository is the SQL FixListStore. Items are the findings rows
 * themselves (`fix_case`, `fix_state`), so filing costs one UPDATE per
 * finding; a case row carries the counts, recounted from the partial index
 * on its items after every change, never kept by hand.
 */
export class FixListRepository implements FixListStore {
  constructor(private readonly db: SqlDriver) {}

  async file(filings: readonly FixFiling[]): Promise<FixCase[]> {
    if (filings.length === 0) return [];
    const touched = new Map<string, FixFiling[]>();
    for (const f of filings) (touched.get(f.caseId) ?? touched.set(f.caseId, []).get(f.caseId)!).push(f);
    const at = filings.reduce((m, f) => Math.max(m, f.at), 0);
    return this.db.transaction(async (tx) => {
      for (const [caseId, group] of touched) {
        const first = group[0]!;
        const firstAt = group.reduce((m, f) => Math.min(m, f.at), Infinity);
        const lastAt = group.reduce((m, f) => Math.max(m, f.at), 0);
        await tx.run(
          `INSERT INTO fix_cases (id, cause, channel, shop, day, buyer, state, open_items, items, orders, first_at, last_at, updated_at, doc)
           VALUES (?, ?, ?, ?, ?, ?, 'open', 0, 0, 0, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET first_at = CASE WHEN excluded.first_at < fix_cases.first_at THEN excluded.first_at ELSE fix_cases.first_at END,
             last_at = CASE WHEN excluded.last_at > fix_cases.last_at THEN excluded.last_at ELSE fix_cases.last_at END`,
          [caseId, first.cause, first.channel, first.shop ?? null, first.day, first.buyer ?? null, firstAt, lastAt, lastAt, JSON.stringify({ codes: [], sampleOrderIds: [] } satisfies CaseDoc)],
        );
        for (const f of group) {
          await tx.run("UPDATE findings SET fix_case = ?, fix_state = COALESCE(fix_state, 'open') WHERE order_id = ? AND code = ? AND fkey = ?", [caseId, f.orderId, f.code, f.key]);
        }
      }
      return this.recountIn(tx, [...touched.keys()], at);
    });
  }

  async recount(caseIds: readonly string[], at: Instant): Promise<FixCase[]> {
    if (caseIds.length === 0) return [];
    return this.db.transaction((tx) => this.recountIn(tx, caseIds, at));
  }

  private async recountIn(tx: SqlDriver, caseIds: readonly string[], at: Instant): Promise<FixCase[]> {
    const out: FixCase[] = [];
    for (const id of caseIds) {
      const counts = (
        await tx.all<{ items: number | string; open_items: number | string; orders: number | string }>(
          `SELECT COUNT(*) AS items, SUM(CASE WHEN status = 'open' AND fix_state = 'open' THEN 1 ELSE 0 END) AS open_items, COUNT(DISTINCT order_id) AS orders
             FROM findings WHERE fix_case = ?`,
          [id],
        )
      )[0];
      const codes = (await tx.all<{ code: string }>('SELECT DISTINCT code FROM findings WHERE fix_case = ? ORDER BY code', [id])).map((r) => r.code as FindingCode);
      const sample = (await tx.all<{ order_id: string }>('SELECT DISTINCT order_id FROM findings WHERE fix_case = ? ORDER BY order_id LIMIT ?', [id, SAMPLE])).map((r) => r.order_id);
      const open = Number(counts?.open_items ?? 0);
      await tx.run('UPDATE fix_cases SET items = ?, open_items = ?, orders = ?, state = ?, updated_at = ?, doc = ? WHERE id = ?', [
        Number(counts?.items ?? 0),
        open,
        Number(counts?.orders ?? 0),
        open > 0 ? 'open' : 'done',
        at,
        JSON.stringify({ codes, sampleOrderIds: sample } satisfies CaseDoc),
        id,
      ]);
      const row = (await tx.all<CaseRow>('SELECT * FROM fix_cases WHERE id = ?', [id]))[0];
      if (row) out.push(caseOf(row));
    }
    return out;
  }

  async casesOfFindings(findings: ReadonlyArray<{ readonly orderId: string; readonly code: string; readonly key: string }>): Promise<string[]> {
    const out = new Set<string>();
    for (let i = 0; i < findings.length; i += CHUNK) {
      const t = findingTuples(findings.slice(i, i + CHUNK));
      const rows = await this.db.all<{ fix_case: string }>(`SELECT DISTINCT fix_case FROM findings WHERE fix_case IS NOT NULL AND ${t.sql}`, t.params);
      for (const r of rows) out.add(r.fix_case);
    }
    return [...out];
  }

  async cases(filter: FixCaseFilter): Promise<{ total: number; items: FixCase[] }> {
    const where = new Where()
      .when('state = ?', filter.state)
      .when('cause = ?', filter.cause)
      .when('channel = ?', filter.channel)
      .when('shop = ?', filter.shop)
      .when('day = ?', filter.day);
    const total = Number((await this.db.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM fix_cases${where}`, where.params))[0]?.n ?? 0);
    const rows = await this.db.all<CaseRow>(`SELECT * FROM fix_cases${where} ORDER BY day DESC, orders DESC, id LIMIT ? OFFSET ?`, [
      ...where.params,
      Math.min(filter.limit ?? 100, 1000),
      filter.offset ?? 0,
    ]);
    return { total, items: rows.map(caseOf) };
  }

  async getCase(id: string): Promise<FixCase | undefined> {
    const rows = await this.db.all<CaseRow>('SELECT * FROM fix_cases WHERE id = ?', [id]);
    return rows[0] ? caseOf(rows[0]) : undefined;
  }

  async caseItems(id: string, options: { state?: 'open' | FixHandling; limit?: number; offset?: number }): Promise<{ total: number; items: FixItem[] }> {
    const where = new Where().add('fix_case = ?', id).when('fix_state = ?', options.state);
    const total = Number((await this.db.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM findings${where}`, where.params))[0]?.n ?? 0);
    const rows = await this.db.all<{
      order_id: string;
      status: string;
      first_seen_at: number | string;
      last_seen_at: number | string;
      resolved_at: number | string | null;
      fix_state: string;
      fix_by: string | null;
      fix_at: number | string | null;
      doc: string;
    }>(`SELECT order_id, status, first_seen_at, last_seen_at, resolved_at, fix_state, fix_by, fix_at, doc FROM findings${where} ORDER BY first_seen_at, order_id, code, fkey LIMIT ? OFFSET ?`, [
      ...where.params,
      Math.min(options.limit ?? 100, 1000),
      options.offset ?? 0,
    ]);
    return {
      total,
      items: rows.map((r) => ({
        ...(JSON.parse(r.doc) as Finding),
        status: r.status === 'open' ? 'open' : 'resolved',
        firstSeenAt: Number(r.first_seen_at),
        lastSeenAt: Number(r.last_seen_at),
        ...(r.resolved_at !== null ? { resolvedAt: Number(r.resolved_at) } : {}),
        fixState: r.fix_state === 'fixed' || r.fix_state === 'dismissed' ? r.fix_state : 'open',
        ...(r.fix_by !== null ? { fixBy: r.fix_by } : {}),
        ...(r.fix_at !== null ? { fixAt: Number(r.fix_at) } : {}),
      })),
    };
  }

  async handle(id: string, action: FixHandling | 'reopen', by: string, at: Instant, orderIds?: readonly OrderId[]): Promise<{ fixCase: FixCase; changed: number } | undefined> {
    return this.db.transaction(async (tx) => {
      if ((await tx.all('SELECT id FROM fix_cases WHERE id = ?', [id])).length === 0) return undefined;
      const [set, from] = action === 'reopen' ? ["fix_state = 'open', fix_by = NULL, fix_at = NULL", "fix_state IN ('fixed', 'dismissed')"] : ['fix_state = ?, fix_by = ?, fix_at = ?', "fix_state = 'open' AND status = 'open'"];
      const setParams: SqlValue[] = action === 'reopen' ? [] : [action, by, at];
      let changed = 0;
      if (orderIds === undefined) {
        changed = await tx.run(`UPDATE findings SET ${set} WHERE fix_case = ? AND ${from}`, [...setParams, id]);
      } else {
        for (let i = 0; i < orderIds.length; i += CHUNK) {
          const part = orderIds.slice(i, i + CHUNK);
          changed += await tx.run(`UPDATE findings SET ${set} WHERE fix_case = ? AND ${from} AND order_id IN (${marks(part.length)})`, [...setParams, id, ...part]);
        }
      }
      const [fixCase] = await this.recountIn(tx, [id], at);
      return fixCase ? { fixCase, changed } : undefined;
    });
  }

  async unfiled(codes: readonly string[], limit: number): Promise<Array<{ orderId: string; code: string; key: string }>> {
    if (codes.length === 0) return [];
    const rows = await this.db.all<{ order_id: string; code: string; fkey: string }>(
      `SELECT order_id, code, fkey FROM findings WHERE status = 'open' AND code IN (${marks(codes.length)}) AND fix_case IS NULL LIMIT ?`,
      [...codes, limit],
    );
    return rows.map((r) => ({ orderId: r.order_id, code: r.code, key: r.fkey }));
  }

  async markAlerted(id: string, at: Instant): Promise<boolean> {
    return (await this.db.run('UPDATE fix_cases SET alerted_at = ? WHERE id = ? AND alerted_at IS NULL', [at, id])) > 0;
  }
}
