import { findingIdentity } from '../../domain/finding.js';
import type { Instant } from '../../domain/time.js';
import type { OrderFacts } from '../facts.js';
import { judgeOrder, type JudgeContext } from '../judge.js';

/** JudgeSchedule hands out the judge's context in force at a moment: the thresholds (and promise warning) calibrated last before it. */
export interface JudgeSchedule {
  contextAt(at: Instant): JudgeContext;
}

/** RaisedFinding is a finding as a replay saw it first: its code and key, and when it was first raised. */
export interface RaisedFinding {
  readonly code: string;
  readonly key: string;
  readonly firstAt: Instant;
}

/** DEADLINE_STEP_MS is how long after a deadline the order is judged again, as the live sweep does (src/pipeline/replay.ts). */
export const DEADLINE_STEP_MS = 1000;

/** MAX_JUDGEMENTS bounds one order's replay; an order's own deadlines and events are far fewer. */
const MAX_JUDGEMENTS = 1000;

/**
 * replayJudgements runs the live judge (`judgeOrder`) over one order's
 * history as it happened, up to `until`: when it is placed, whenever one of
 * its events happens, and a second after each deadline its last verdict
 * named, each time as of that moment (the judge sees only the events that
 * had happened) and with the context in force then. It returns every
 * finding ever raised, with the first moment it was.
 */
export function replayJudgements(facts: OrderFacts, schedule: JudgeSchedule, until: Instant): RaisedFinding[] {
  const eventTimes = [...new Set(facts.events.map((e) => e.occurredAt))].sort((a, b) => a - b);
  const raised = new Map<string, RaisedFinding>();
  let at = facts.order.placedAt;
  let nextEvent = 0;
  for (let n = 0; n < MAX_JUDGEMENTS && at <= until; n++) {
    const verdict = judgeOrder(facts, schedule.contextAt(at), at);
    for (const f of verdict.findings) {
      const id = findingIdentity(f);
      if (!raised.has(id)) raised.set(id, { code: f.code, key: f.key, firstAt: at });
    }
    while (nextEvent < eventTimes.length && eventTimes[nextEvent]! <= at) nextEvent++;
    const candidates: Instant[] = [];
    if (nextEvent < eventTimes.length) candidates.push(eventTimes[nextEvent]!);
    if (verdict.nextCheckAt !== undefined && verdict.nextCheckAt + DEADLINE_STEP_MS > at) candidates.push(verdict.nextCheckAt + DEADLINE_STEP_MS);
    if (candidates.length === 0) break;
    at = Math.min(...candidates);
  }
  return [...raised.values()];
}
