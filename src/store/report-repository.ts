import type { InventoryChangeEvent, InventoryLevelEvent } from '../domain/event.js';
import type { OutboxState } from '../domain/incident.js';
import { BUSINESS_UTC_OFFSET_MS, type Instant } from '../domain/time.js';
import { readIncidentTimings, readLatestCloses, type IncidentTiming } from './incident-timings.js';
import { Where } from './sql/where.js';
import type { SqlDriver, SqlValue } from './sql/driver.js';
import type {
  CallbackResult,
  CallbackState,
  CallbackTask,
  CloseRecord,
  DayCount,
  Delivery,
  ImprovementChange,
  ImprovementItem,
  ImprovementState,
  ReportStore,
  ReportWindow,
  StockQuery,
  StoredReview,
} from './report-store.js';

const DAY_MS = 86_400_000;
/** The Shanghai day number of an epoch-ms column: UTC+8 has no daylight saving, so integer division is exact. */
const dayNo = (column: string): string => `(${column} + ${BUSINESS_UTC_OFFSET_MS}) / ${DAY_MS}`;
const dayOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
const marks = (n: number): string => Array.from({ length: n }, () => '?').join(',');
const num = (v: unknown): number => Number(v);

const CALLBACK_COLUMNS = ['id', 'incident_id', 'order_id', 'state', 'created_at', 'due_at', 'done_at', 'doc'];

function callbackRow(t: CallbackTask): SqlValue[] {
  return [t.id, t.incidentId, t.orderId, t.state, t.createdAt, t.dueAt, t.doneAt ?? null, JSON.stringify(t)];
}

const IMPROVEMENT_COLUMNS = ['id', 'incident_id', 'state', 'due_at', 'created_at', 'updated_at', 'doc'];

function improvementRow(i: ImprovementItem): SqlValue[] {
  return [i.id, i.incidentId, i.state, i.dueAt, i.createdAt, i.updatedAt, JSON.stringify(i)];
}

interface ReviewRow {
  incident_id: string;
  closed_at: number | string;
  generated_at: number | string;
  trigger_kind: string;
  generated_by: string;
  doc: string;
  pdf?: Uint8Array;
}

function reviewOf(r: ReviewRow): Omit<StoredReview, 'pdf'> & { pdf?: Uint8Array } {
  return {
    incidentId: r.incident_id,
    closedAt: num(r.closed_at),
    generatedAt: num(r.generated_at),
    trigger: r.trigger_kind === 'manual' ? 'manual' : 'auto',
    generatedBy: r.generated_by,
    summary: JSON.parse(r.doc) as Record<string, unknown>,
    ...(r.pdf !== undefined ? { pdf: r.pdf } : {}),
  };
}

/**
 * ReportRepository is the SQL implementation of ReportStore, one text for
 * SQLite and PostgreSQL. Callbacks and improvement items are documents with
 * the columns they are selected by; a change reads the row under a lock
 * (FOR UPDATE on PostgreSQL) so two people recording at once do not lose one
 * another's note.
 */
export class ReportRepository implements ReportStore {
  constructor(private readonly db: SqlDriver) {}

  async addCallbacks(tasks: readonly CallbackTask[]): Promise<number> {
    if (tasks.length === 0) return 0;
    const added = await this.db.transaction((tx) => tx.insertNew('callbacks', CALLBACK_COLUMNS, tasks.map(callbackRow), 'id'));
    return added.size;
  }

  async callbacks(filter: { incidentId?: string; state?: CallbackState; doneFrom?: Instant; doneTo?: Instant; limit?: number }): Promise<CallbackTask[]> {
    const where = new Where().when('incident_id = ?', filter.incidentId).when('state = ?', filter.state).when('done_at >= ?', filter.doneFrom).when('done_at < ?', filter.doneTo);
    const rows = await this.db.all<{ doc: string }>(`SELECT doc FROM callbacks${where} ORDER BY due_at, id LIMIT ?`, [...where.params, Math.min(Math.max(1, filter.limit ?? 500), 10_000)]);
    return rows.map((r) => JSON.parse(r.doc) as CallbackTask);
  }

  async recordCallback(id: string, result: CallbackResult): Promise<CallbackTask | undefined> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.all<{ doc: string }>(`SELECT doc FROM callbacks WHERE id = ?${tx.dialect === 'postgres' ? ' FOR UPDATE' : ''}`, [id]);
      if (!rows[0]) return undefined;
      const { score: _s, comment: _c, ...cur } = JSON.parse(rows[0].doc) as CallbackTask;
      const next: CallbackTask = {
        ...cur,
        state: result.state,
        doneAt: result.at,
        doneBy: result.by,
        ...(result.score !== undefined ? { score: result.score } : {}),
        ...(result.comment !== undefined ? { comment: result.comment } : {}),
      };
      await tx.run('UPDATE callbacks SET state = ?, done_at = ?, doc = ? WHERE id = ?', [next.state, result.at, JSON.stringify(next), id]);
      return next;
    });
  }

  async addImprovement(item: ImprovementItem): Promise<void> {
    await this.db.transaction((tx) => tx.insertMany('improvements', IMPROVEMENT_COLUMNS, [improvementRow(item)]));
  }

  async updateImprovement(id: string, change: ImprovementChange): Promise<ImprovementItem | undefined> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.all<{ doc: string }>(`SELECT doc FROM improvements WHERE id = ?${tx.dialect === 'postgres' ? ' FOR UPDATE' : ''}`, [id]);
      if (!rows[0]) return undefined;
      const cur = JSON.parse(rows[0].doc) as ImprovementItem;
      const state = change.state ?? cur.state;
      const { doneAt: _d, ...base } = cur;
      const finished = state === 'done' || state === 'dropped';
      const next: ImprovementItem = {
        ...base,
        state,
        owner: change.owner ?? cur.owner,
        dueAt: change.dueAt ?? cur.dueAt,
        title: change.title ?? cur.title,
        updatedAt: change.at,
        ...(finished ? { doneAt: cur.doneAt !== undefined && cur.state === state ? cur.doneAt : change.at } : {}),
        notes: [
          ...cur.notes,
          {
            at: change.at,
            by: change.by,
            ...(change.note !== undefined ? { text: change.note } : {}),
            ...(change.state !== undefined && change.state !== cur.state ? { state: change.state } : {}),
          },
        ],
      };
      await tx.run('UPDATE improvements SET state = ?, due_at = ?, updated_at = ?, doc = ? WHERE id = ?', [next.state, next.dueAt, next.updatedAt, JSON.stringify(next), id]);
      return next;
    });
  }

  async improvements(filter: { incidentId?: string; states?: readonly ImprovementState[]; createdBefore?: Instant; limit?: number }): Promise<ImprovementItem[]> {
    const where = new Where().when('incident_id = ?', filter.incidentId).anyOf('state', filter.states).when('created_at < ?', filter.createdBefore);
    const rows = await this.db.all<{ doc: string }>(`SELECT doc FROM improvements${where} ORDER BY due_at, id LIMIT ?`, [...where.params, Math.min(Math.max(1, filter.limit ?? 500), 10_000)]);
    return rows.map((r) => JSON.parse(r.doc) as ImprovementItem);
  }

  async saveReview(review: StoredReview, replace: boolean): Promise<boolean> {
    const values: SqlValue[] = [review.incidentId, review.closedAt, review.generatedAt, review.trigger, review.generatedBy, JSON.stringify(review.summary), review.pdf];
    const sql = `INSERT INTO reviews (incident_id, closed_at, generated_at, trigger_kind, generated_by, doc, pdf) VALUES (${marks(values.length)})
      ON CONFLICT (incident_id, closed_at) ${
        replace
          ? 'DO UPDATE SET generated_at = excluded.generated_at, trigger_kind = excluded.trigger_kind, generated_by = excluded.generated_by, doc = excluded.doc, pdf = excluded.pdf'
          : 'DO NOTHING'
      }`;
    return (await this.db.transaction((tx) => tx.run(sql, values))) > 0;
  }

  async review(incidentId: string): Promise<StoredReview | undefined> {
    const rows = await this.db.all<ReviewRow>('SELECT * FROM reviews WHERE incident_id = ? ORDER BY closed_at DESC LIMIT 1', [incidentId]);
    const r = rows[0];
    if (!r || r.pdf === undefined) return undefined;
    return { ...reviewOf(r), pdf: r.pdf };
  }

  async reviews(filter: { from?: Instant; to?: Instant; limit?: number }): Promise<Array<Omit<StoredReview, 'pdf'>>> {
    const rows = await this.db.all<ReviewRow>(
      'SELECT incident_id, closed_at, generated_at, trigger_kind, generated_by, doc FROM reviews WHERE generated_at >= ? AND generated_at < ? ORDER BY generated_at DESC, incident_id LIMIT ?',
      [filter.from ?? 0, filter.to ?? Number.MAX_SAFE_INTEGER, Math.min(Math.max(1, filter.limit ?? 100), 1000)],
    );
    return rows.map(reviewOf);
  }

  closesBetween(window: ReportWindow): Promise<CloseRecord[]> {
    return readLatestCloses(this.db, window);
  }

  incidentTimings(window: ReportWindow): Promise<IncidentTiming[]> {
    return readIncidentTimings(this.db, window);
  }

  async stockMovements(query: StockQuery): Promise<Array<InventoryLevelEvent | InventoryChangeEvent>> {
    if (query.skus.length === 0 || !(query.from < query.to)) return [];
    // Read through the (sku, occurred_at) index; the warehouse is a column of the event row.
    const where = new Where()
      .anyOf('sku', query.skus)
      .add("kind IN ('inventory_level', 'inventory_change')")
      .add('occurred_at >= ?', query.from)
      .add('occurred_at < ?', query.to)
      .when('warehouse = ?', query.warehouse);
    const rows = await this.db.all<{ doc: string }>(`SELECT doc FROM events${where} ORDER BY occurred_at, id LIMIT ?`, [...where.params, Math.min(Math.max(1, query.limit), 20_000)]);
    return rows.map((r) => JSON.parse(r.doc) as InventoryLevelEvent | InventoryChangeEvent);
  }

  async deliveries(ids: readonly string[]): Promise<Map<string, Delivery>> {
    const out = new Map<string, Delivery>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const rows = await this.db.all<{ id: string; state: string; sent_at: number | string | null; merged_into: string | null }>(`SELECT id, state, sent_at, merged_into FROM outbox WHERE id IN (${marks(chunk.length)})`, chunk);
      for (const r of rows) {
        out.set(r.id, { state: r.state as OutboxState, ...(r.sent_at !== null ? { sentAt: num(r.sent_at) } : {}), ...(r.merged_into !== null ? { mergedInto: r.merged_into } : {}) });
      }
    }
    return out;
  }

  async ordersPlacedByDay(window: ReportWindow): Promise<DayCount[]> {
    const rows = await this.db.all<{ day_no: number | string; n: number | string }>(
      `SELECT ${dayNo('placed_at')} AS day_no, COUNT(*) AS n FROM orders WHERE placed_at >= ? AND placed_at < ? GROUP BY ${dayNo('placed_at')} ORDER BY 1`,
      [window.from, window.to],
    );
    return rows.map((r) => ({ day: dayOf(num(r.day_no)), count: num(r.n) }));
  }

  async complainedOrdersByDay(window: ReportWindow): Promise<DayCount[]> {
    // Contacts are read through their partial index (migration 7); the
    // channel is inside the event document, written by JSON.stringify.
    const rows = await this.db.all<{ day_no: number | string; n: number | string }>(
      `SELECT ${dayNo('o.placed_at')} AS day_no, COUNT(*) AS n
         FROM orders o
         JOIN (SELECT DISTINCT order_id FROM events WHERE kind = 'contact' AND doc LIKE '%"channel":"complaint"%') c ON c.order_id = o.id
        WHERE o.placed_at >= ? AND o.placed_at < ?
        GROUP BY ${dayNo('o.placed_at')} ORDER BY 1`,
      [window.from, window.to],
    );
    return rows.map((r) => ({ day: dayOf(num(r.day_no)), count: num(r.n) }));
  }
}
