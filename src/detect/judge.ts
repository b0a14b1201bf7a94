import type { Exemption, Finding } from '../domain/finding.js';
import { HOUR_MS, type Instant } from '../domain/time.js';
import type { BusinessCalendar } from './calendar/index.js';
import { runArrivalChecks } from './checks/index.js';
import { recogniseExemptions } from './exemptions/index.js';
import type { ArrivalContext, OrderFacts } from './facts.js';
import { factsAsOf } from './as-of.js';
import type { StallThresholds } from './time/stall-thresholds.js';
import { DEFAULT_TIME_CHECK_SETTINGS, runTimeChecks, type TimeCheckSettings } from './time/time-checks.js';

/** JudgeContext is everything judging an order needs besides the order. */
export interface JudgeContext {
  readonly arrival: ArrivalContext;
  readonly thresholds: StallThresholds;
  readonly calendar: BusinessCalendar;
  readonly timeSettings?: TimeCheckSettings;
  /** Hours after payment an order without a platform promise should ship by: the base deadline exemptions move. */
  readonly defaultShipHours?: number;
}

/** OrderJudgement is the verdict on one order at one time. */
export interface OrderJudgement {
  readonly findings: Finding[];
  readonly exemptions: Exemption[];
  readonly nextCheckAt: Instant | undefined;
}

/**
 * judgeOrder is detection for one order, as a pure function of its facts,
 * its context and the time: the arrival checks, the legitimate delays that
 * move its deadlines, and the time checks against those deadlines. The
 * result says when to look again (the next deadline), so nothing has to scan
 * every order on every tick.
 */
export function judgeOrder(facts: OrderFacts, context: JudgeContext, now: Instant): OrderJudgement {
  const asOf = factsAsOf(facts, now);
  if (!asOf) return { findings: [], exemptions: [], nextCheckAt: facts.order.placedAt };
  const { order } = asOf;
  // The usual ship deadline, not the platform's: a pre-sale's platform date
  // is itself the moved deadline the exemption must record.
  const baseDeadline = (order.paidAt ?? order.placedAt) + (context.defaultShipHours ?? 48) * HOUR_MS;
  const notes = asOf.events.flatMap((e) => (e.kind === 'note' ? [{ at: e.occurredAt, text: e.text, ...(e.author ? { author: e.author } : {}) }] : []));
  const exemptions = recogniseExemptions(order, context.calendar, baseDeadline, now, notes);
  const arrival = runArrivalChecks(asOf, context.arrival);
  const timeFacts = context.arrival.trackingFeed === undefined ? asOf : { ...asOf, trackingFeed: context.arrival.trackingFeed };
  const time = runTimeChecks(timeFacts, exemptions, context.thresholds, now, context.timeSettings ?? DEFAULT_TIME_CHECK_SETTINGS);
  return { findings: [...arrival, ...time.findings], exemptions, nextCheckAt: time.nextCheckAt };
}
