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
export const TAKEN_ON: readonly string[] = ['acknowledged', 'in_progress', 'resolved', 'closed'];
export const ENDED: readonly string[] = ['resolved', 'closed'];

/**
 * ClockMarks are what one append to an incident's audit trail says about its
 * response clock: the earliest taking-on by a person, the earliest end, and
 * the latest close with its root cause. The repository folds them into the
 * incident's columns (migration 15) in the same transaction as the log.
 */
export interface ClockMarks {
  readonly acknowledgedAt?: Instant;
  readonly resolvedAt?: Instant;
  readonly lastClose?: { readonly at: Instant; readonly rootCause?: RootCause };
}

/** clockMarks reads the marks of log entries in the order they are appended. */
export function clockMarks(log: ReadonlyArray<{ readonly at: Instant; readonly actor: string; readonly toState?: string; readonly detail?: unknown }>): ClockMarks {
  let acknowledgedAt: Instant | undefined;
  let resolvedAt: Instant | undefined;
  let lastClose: ClockMarks['lastClose'];
  for (const l of log) {
    if (!l.toState) continue;
    if (TAKEN_ON.includes(l.toState) && l.actor !== 'system') acknowledgedAt = Math.min(acknowledgedAt ?? l.at, l.at);
    if (ENDED.includes(l.toState)) resolvedAt = Math.min(resolvedAt ?? l.at, l.at);
    if (l.toState === 'closed') {
      const rootCause = (l.detail as { rootCause?: RootCause } | undefined)?.rootCause;
      lastClose = { at: l.at, ...(rootCause ? { rootCause } : {}) };
    }
  }
  return { ...(acknowledgedAt !== undefined ? { acknowledgedAt } : {}), ...(resolvedAt !== undefined ? { resolvedAt } : {}), ...(lastClose ? { lastClose } : {}) };
}

/**
 * readIncidentTimings reads the response clock of every incident opened in
 * [from, to): opened, response deadline, resolution target, first
 * acknowledge and first end — columns of the incident (migrations 14, 15),
 * so a period of 10,000 incidents is one range read.
 */
export async function readIncidentTimings(db: SqlDriver, window: { readonly from: Instant; readonly to: Instant }): Promise<IncidentTiming[]> {
  const rows = await db.all<{ id: string; opened_at: number | string; grade: string; state: string; response_deadline: number | string | null; target: number | string | null; ack_at: number | string | null; res_at: number | string | null }>(
    `SELECT id, opened_at, grade, state, response_deadline, resolution_target AS target, acknowledged_at AS ack_at, resolved_at AS res_at
       FROM incidents
      WHERE opened_at >= ? AND opened_at < ?
      ORDER BY opened_at, id`,
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
  const rows = await db.all<{ id: string; at: number | string; state: string; cause: string | null }>(
    `SELECT id, last_closed_at AS at, state, close_root_cause AS cause
       FROM incidents
      WHERE last_closed_at >= ? AND last_closed_at < ?
      ORDER BY last_closed_at, id`,
    [window.from, window.to],
  );
  return rows.map((r) => {
    const rootCause = r.cause ? (JSON.parse(r.cause) as RootCause | null) : null;
    return { incidentId: r.id, at: Number(r.at), state: r.state, ...(rootCause ? { rootCause } : {}) };
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
