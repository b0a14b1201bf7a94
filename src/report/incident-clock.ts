import type { Incident, IncidentLogEntry } from '../domain/incident.js';
import type { Instant } from '../domain/time.js';

// The audit trail's states that say a person has taken the incident on, and that it ended.
const TAKEN_ON = ['acknowledged', 'in_progress', 'resolved', 'closed'];
const ENDED = ['resolved', 'closed'];

/**
 * acknowledgedAtOf is when a person first took the incident on (moved it
 * to acknowledged, in progress, resolved or closed), by the KPIs'
 * definition (store/incident-timings): resolving an incident straight away
 * acknowledges it too. Undefined when nobody did.
 */
export function acknowledgedAtOf(incident: Incident, log: readonly IncidentLogEntry[]): Instant | undefined {
  return log.find((l) => l.actor !== 'system' && l.toState !== undefined && TAKEN_ON.includes(l.toState))?.at ?? incident.acknowledgedAt;
}

/** resolvedAtOf is when the incident first reached resolved or closed; undefined when it never did. */
export function resolvedAtOf(incident: Incident, log: readonly IncidentLogEntry[]): Instant | undefined {
  return log.find((l) => l.toState !== undefined && ENDED.includes(l.toState))?.at ?? incident.resolvedAt;
}
