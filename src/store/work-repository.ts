import type { SqlDriver } from './sql/driver.js';
import type { WorkerStatus, WorkRequest, WorkStore } from './work-store.js';

interface WorkRow {
  id: string;
  kind: string;
  requested_by: string;
  requested_at: number | string;
  state: string;
  params: string;
  progress: string | null;
  result: string | null;
  finished_at: number | string | null;
}

function requestOf(r: WorkRow): WorkRequest {
  return {
    id: r.id,
    kind: 'scan',
    requestedBy: r.requested_by,
    requestedAt: Number(r.requested_at),
    state: r.state as WorkRequest['state'],
    params: JSON.parse(r.params) as Record<string, unknown>,
    ...(r.progress !== null ? { progress: JSON.parse(r.progress) as Record<string, unknown> } : {}),
    ...(r.result !== null ? { result: JSON.parse(r.result) as Record<string, unknown> } : {}),
    ...(r.finished_at !== null ? { finishedAt: Number(r.finished_at) } : {}),
  };
}

/** WorkRepository is the SQL WorkStore. Claims lock the row (SKIP LOCKED on PostgreSQL), so one worker runs each request. */
export class WorkRepository implements WorkStore {
  constructor(private readonly db: SqlDriver) {}

  async requestWork(request: Omit<WorkRequest, 'state'>): Promise<void> {
    await this.db.run('INSERT INTO work_requests (id, kind, requested_by, requested_at, state, params) VALUES (?, ?, ?, ?, ?, ?)', [
      request.id,
      request.kind,
      request.requestedBy,
      request.requestedAt,
      'queued',
      JSON.stringify(request.params),
    ]);
  }

  async claimWork(owner: string, now: number, leaseMs: number): Promise<WorkRequest | undefined> {
    return this.db.transaction(async (tx) => {
      const lock = tx.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
      const rows = await tx.all<WorkRow>(
        `SELECT * FROM work_requests WHERE state = 'queued' OR (state = 'running' AND lease_until < ?) ORDER BY requested_at, id LIMIT 1${lock}`,
        [now],
      );
      const row = rows[0];
      if (!row) return undefined;
      await tx.run("UPDATE work_requests SET state = 'running', lease_owner = ?, lease_until = ? WHERE id = ?", [owner, now + leaseMs, row.id]);
      return { ...requestOf(row), state: 'running' };
    });
  }

  async progressWork(id: string, owner: string, progress: Readonly<Record<string, unknown>>, leaseUntil: number): Promise<boolean> {
    const n = await this.db.run("UPDATE work_requests SET progress = ?, lease_until = ? WHERE id = ? AND lease_owner = ? AND state = 'running'", [JSON.stringify(progress), leaseUntil, id, owner]);
    return n > 0;
  }

  async finishWork(id: string, owner: string, state: 'done' | 'failed', result: Readonly<Record<string, unknown>>, at: number): Promise<void> {
    await this.db.run('UPDATE work_requests SET state = ?, result = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?', [
      state,
      JSON.stringify(result),
      at,
      id,
      owner,
    ]);
  }

  async workRequest(id: string): Promise<WorkRequest | undefined> {
    const rows = await this.db.all<WorkRow>('SELECT * FROM work_requests WHERE id = ?', [id]);
    return rows[0] ? requestOf(rows[0]) : undefined;
  }

  async heartbeat(owner: string, at: number, doc: Readonly<Record<string, unknown>>): Promise<void> {
    await this.db.run('INSERT INTO worker_status (owner, seen_at, doc) VALUES (?, ?, ?) ON CONFLICT (owner) DO UPDATE SET seen_at = excluded.seen_at, doc = excluded.doc', [
      owner,
      at,
      JSON.stringify(doc),
    ]);
  }

  async workers(since: number): Promise<WorkerStatus[]> {
    const rows = await this.db.all<{ owner: string; seen_at: number | string; doc: string }>('SELECT owner, seen_at, doc FROM worker_status WHERE seen_at >= ? ORDER BY seen_at DESC', [since]);
    return rows.map((r) => ({ owner: r.owner, seenAt: Number(r.seen_at), doc: JSON.parse(r.doc) as Record<string, unknown> }));
  }
}
