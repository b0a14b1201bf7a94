import { describe, expect, it } from 'vitest';
import { clockMarks } from './incident-timings.js';
import { migrate } from './migrations.js';
import type { SqlDriver } from './sql/driver.js';
import { openPostgres } from './sql/postgres-driver.js';
import { openSqlite } from './sql/sqlite-driver.js';
import { freshSchema, postgresAvailable, TEST_POSTGRES_URL } from './testing/postgres-url.js';

const H = 3_600_000;

// The audit trails of three incidents written before migration 15, as the repository appended them.
const LOG: ReadonlyArray<{ incidentId: string; at: number; actor: string; action: string; fromState?: string; toState?: string; detail?: unknown }> = [
  // Taken on by a person, resolved, closed, reopened by a new finding, closed again with another cause.
  { incidentId: 'INC-1', at: 0, actor: 'system', action: 'open', toState: 'open' },
  { incidentId: 'INC-1', at: 1 * H, actor: 'kefu', action: 'acknowledge', fromState: 'open', toState: 'acknowledged' },
  { incidentId: 'INC-1', at: 2 * H, actor: 'kefu', action: 'resolve', fromState: 'acknowledged', toState: 'resolved' },
  { incidentId: 'INC-1', at: 3 * H, actor: 'kefu', action: 'close', fromState: 'resolved', toState: 'closed', detail: { rootCause: { class: 'external', subCause: 'courier_delay' } } },
  { incidentId: 'INC-1', at: 4 * H, actor: 'system', action: 'reopen', fromState: 'closed', toState: 'open' },
  { incidentId: 'INC-1', at: 5 * H, actor: 'zhuguan', action: 'close', fromState: 'open', toState: 'closed', detail: { rootCause: { class: 'not_abnormal', subCause: 'legitimate_delay' } } },
  // Resolved by the system when its finding went away: nobody took it on.
  { incidentId: 'INC-2', at: 0, actor: 'system', action: 'open', toState: 'open' },
  { incidentId: 'INC-2', at: 6 * H, actor: 'system', action: 'resolve', fromState: 'open', toState: 'resolved' },
  // Still open, only notified.
  { incidentId: 'INC-3', at: 0, actor: 'system', action: 'open', toState: 'open' },
  { incidentId: 'INC-3', at: 0, actor: 'system', action: 'notify' },
];

async function backfillCase(db: SqlDriver): Promise<void> {
  await migrate(db, 14);
  for (const id of ['INC-1', 'INC-2', 'INC-3']) {
    await db.run(
      `INSERT INTO incidents (id, group_key, active_key, state, level, grade, owner_role, assignee, opened_at, response_deadline, next_action_at, updated_at, doc)
       VALUES (?, ?, NULL, 'open', 1, 'B', 'supervisor', NULL, 0, ?, NULL, 0, '{}')`,
      [id, `order:${id}`, H / 2],
    );
  }
  await db.insertMany(
    'incident_log',
    ['incident_id', 'at', 'actor', 'action', 'from_state', 'to_state', 'reason', 'detail'],
    LOG.map((l) => [l.incidentId, l.at, l.actor, l.action, l.fromState ?? null, l.toState ?? null, null, l.detail ? JSON.stringify(l.detail) : null]),
  );
  expect(await migrate(db)).toContain(15);
  const rows = await db.all<{ id: string; acknowledged_at: number | string | null; resolved_at: number | string | null; last_closed_at: number | string | null; close_root_cause: string | null }>(
    'SELECT id, acknowledged_at, resolved_at, last_closed_at, close_root_cause FROM incidents ORDER BY id',
  );
  const read = rows.map((r) => ({
    id: r.id,
    acknowledgedAt: r.acknowledged_at === null ? null : Number(r.acknowledged_at),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
    lastClosedAt: r.last_closed_at === null ? null : Number(r.last_closed_at),
    rootCause: r.close_root_cause === null ? null : (JSON.parse(r.close_root_cause) as unknown),
  }));
  expect(read).toEqual([
    { id: 'INC-1', acknowledgedAt: 1 * H, resolvedAt: 2 * H, lastClosedAt: 5 * H, rootCause: { class: 'not_abnormal', subCause: 'legitimate_delay' } },
    { id: 'INC-2', acknowledgedAt: null, resolvedAt: 6 * H, lastClosedAt: null, rootCause: null },
    { id: 'INC-3', acknowledgedAt: null, resolvedAt: null, lastClosedAt: null, rootCause: null },
  ]);
  // The backfill says what the repository's own fold of the same log says.
  for (const r of read) {
    const marks = clockMarks(LOG.filter((l) => l.incidentId === r.id));
    expect({ acknowledgedAt: marks.acknowledgedAt ?? null, resolvedAt: marks.resolvedAt ?? null, lastClosedAt: marks.lastClose?.at ?? null, rootCause: marks.lastClose?.rootCause ?? null }).toEqual({
      acknowledgedAt: r.acknowledgedAt,
      resolvedAt: r.resolvedAt,
      lastClosedAt: r.lastClosedAt,
      rootCause: r.rootCause,
    });
  }
}

const pg = await postgresAvailable();

describe('migration 15 fills the response clock of incidents already stored from their audit trail', () => {
  it('SQLite', async () => {
    const db = openSqlite(':memory:');
    try {
      await backfillCase(db);
    } finally {
      await db.close();
    }
  });

  it.runIf(pg)('PostgreSQL', async () => {
    const db = await openPostgres(TEST_POSTGRES_URL, freshSchema('ow_migrate'));
    try {
      await backfillCase(db);
    } finally {
      await db.close();
    }
  });
  it.skipIf(pg)(`PostgreSQL skipped: no server answers at ${TEST_POSTGRES_URL}`, () => undefined);
});
