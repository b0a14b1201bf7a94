import type { Grade, IncidentState, RootCause } from '../domain/incident.js';
import type { Instant } from '../domain/time.js';
import type { SqlDriver } from './sql/driver.js';

/**
 * IncidentTiming is one incident's response clock: when it opened, its
 * deadlines, when a person first acknowledged it (first moved it on to
 * acknowledged, in progress, resolved or closed) and when it was first
 * resolved or closed, all read from the audit trail.
 */
export interface IncidentTiming {
  readonly id: string;
  readonly openedAt: Instant;
  readonly grade: Grade;
  readonly state: IncidentState;
  readonly responseDeadline?: Instant;
  readonly resolutionTarget?: Instant;
  readonly acknowledgedAt?: Instant;
  readonly resolvedAt?: Instant;
}

/**
 * DurationStats describe how long incidents took to reach a state, over
 * every incident opened in a period: the ones still waiting are counted as
 * running until `asOf`, never left out. Quantiles are by nearest rank; a
 * still-running incident's elapsed time is only a lower bound, so a median
 * or P90 that such a time may hold up is marked `atLeast` ("> 3 天").
 */
export interface DurationStats {
  /** Incidents opened in the period that this figure covers. */
  readonly n: number;
  /** Reached the state. */
  readonly done: number;
  /** Not yet: counted as running until `asOf`. */
  readonly running: number;
  /** Ended (resolved or closed) without ever being acknowledged by a person: left out of the acknowledge figure, and counted here. */
  readonly excluded: number;
  /** With a deadline for this state. */
  readonly deadlines: number;
  /** Reached it by the deadline. */
  readonly onTime: number;
  /** Reached it late, or still running past the deadline. */
  readonly late: number;
  /** Still running, deadline not yet passed: not decided. */
  readonly undecided: number;
  /** onTime ÷ (onTime + late); null when none is decided. */
  readonly onTimeShare: number | null;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  readonly medianAtLeast: boolean;
  readonly p90AtLeast: boolean;
}

// The audit trail's states that say a person has taken the incident on.
const TAKEN_ON = ['acknowledged', 'in_progress', 'resolved', 'closed'];
const ENDED = ['resolved', 'closed'];

/**
 * readIncidentTimings reads the response clock of every incident opened in
 * [from, to): opened, response deadline, resolution target (a column since
 * migration 14), and the first acknowledge and resolve in its audit trail.
 */
export async function readIncidentTimings(db: SqlDriver, window: { readonly from: Instant; readonly to: Instant }): Promise<IncidentTiming[]> {
  const list = (states: readonly string[]): string => states.map((s) => `'${s}'`).join(',');
  const rows = await db.all<{ id: string; opened_at: number | string; grade: string; state: string; response_deadline: number | string | null; target: number | string | null; ack_at: number | string | null; res_at: number | string | null }>(
    `SELECT i.id, i.opened_at, i.grade, i.state, i.response_deadline, i.resolution_target AS target,
            (SELECT MIN(l.at) FROM incident_log l WHERE l.incident_id = i.id AND l.to_state IN (${list(TAKEN_ON)}) AND l.actor <> 'system') AS ack_at,
            (SELECT MIN(l.at) FROM incident_log l WHERE l.incident_id = i.id AND l.to_state IN (${list(ENDED)})) AS res_at
       FROM incidents i
      WHERE i.opened_at >= ? AND i.opened_at < ?
      ORDER BY i.opened_at, i.id`,
    [window.from, window.to],
  );
  const time = (v: number | string | null): Instant | undefined => (v === null || v === undefined ? undefined : Number(v));
  return rows.map((r) => {
    const responseDeadline = time(r.response_deadline);
    const resolutionTarget = time(r.target);
    const acknowledgedAt = time(r.ack_at);
    const resolvedAt = time(r.res_at);
    return {
      id: r.id,
      openedAt: Number(r.opened_at),
      grade: r.grade as Grade,
      state: r.state as IncidentState,
      ...(responseDeadline !== undefined ? { responseDeadline } : {}),
      ...(resolutionTarget !== undefined ? { resolutionTarget } : {}),
      ...(acknowledgedAt !== undefined ? { acknowledgedAt } : {}),
      ...(resolvedAt !== undefined ? { resolvedAt } : {}),
    };
  });
}

/** CloseRow is the latest close of an incident, with its root cause as the close recorded it. */
export interface CloseRow {
  readonly incidentId: string;
  readonly at: Instant;
  readonly state: string;
  readonly rootCause?: RootCause;
}

/**
 * readLatestCloses reads the latest close of every incident whose latest
 * close falls in the window: one reopened and closed again counts once,
 * with its final root cause.
 */
export async function readLatestCloses(db: SqlDriver, window: { readonly from: Instant; readonly to: Instant }): Promise<CloseRow[]> {
  const rows = await db.all<{ incident_id: string; at: number | string; state: string; detail: string | null }>(
    `SELECT l.incident_id, l.at, i.state, l.detail
       FROM incident_log l JOIN incidents i ON i.id = l.incident_id
      WHERE l.to_state = 'closed' AND l.at >= ? AND l.at < ?
        AND l.seq = (SELECT MAX(l2.seq) FROM incident_log l2 WHERE l2.incident_id = l.incident_id AND l2.to_state = 'closed')
      ORDER BY l.at, l.incident_id`,
    [window.from, window.to],
  );
  return rows.map((r) => {
    const rootCause = r.detail ? ((JSON.parse(r.detail) as { rootCause?: RootCause }).rootCause ?? undefined) : undefined;
    return { incidentId: r.incident_id, at: Number(r.at), state: r.state, ...(rootCause ? { rootCause } : {}) };
  });
}

/** quantile is the nearest-rank q-quantile of sorted samples, with whether a running (lower-bound) sample may hold it up. */
function quantile(sorted: ReadonlyArray<{ readonly ms: number; readonly running: boolean }>, q: number): { readonly ms: number | null; readonly atLeast: boolean } {
  if (sorted.length === 0) return { ms: null, atLeast: false };
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  // The true k-th value is at least the observed one; it is exact only if no running sample sits at or below it.
  return { ms: sorted[rank - 1]!.ms, atLeast: sorted.slice(0, rank).some((s) => s.running) };
}

/**
 * durationStats measures time to acknowledge or to resolve over all the
 * incidents given, as of `asOf` (see DurationStats).
 */
export function durationStats(timings: readonly IncidentTiming[], to: 'acknowledge' | 'resolve', asOf: Instant): DurationStats {
  const samples: Array<{ ms: number; running: boolean }> = [];
  let excluded = 0;
  let deadlines = 0;
  let onTime = 0;
  let late = 0;
  let undecided = 0;
  for (const t of timings) {
    const reached = to === 'acknowledge' ? t.acknowledgedAt : t.resolvedAt;
    const deadline = to === 'acknowledge' ? t.responseDeadline : t.resolutionTarget;
    if (to === 'acknowledge' && reached === undefined && t.resolvedAt !== undefined) {
      // It went away (resolved by itself, or closed) before anybody took it on: no time to acknowledge exists.
      excluded++;
      continue;
    }
    const running = reached === undefined;
    const end = reached ?? Math.max(asOf, t.openedAt);
    samples.push({ ms: end - t.openedAt, running });
    if (deadline !== undefined) {
      deadlines++;
      if (!running && reached! <= deadline) onTime++;
      else if (!running || asOf > deadline) late++;
      else undecided++;
    }
  }
  samples.sort((a, b) => a.ms - b.ms || Number(a.running) - Number(b.running));
  const median = quantile(samples, 0.5);
  const p90 = quantile(samples, 0.9);
  const done = samples.filter((s) => !s.running).length;
  return {
    n: samples.length,
    done,
    running: samples.length - done,
    excluded,
    deadlines,
    onTime,
    late,
    undecided,
    onTimeShare: onTime + late > 0 ? onTime / (onTime + late) : null,
    medianMs: median.ms,
    p90Ms: p90.ms,
    medianAtLeast: median.atLeast,
    p90AtLeast: p90.atLeast,
  };
}
