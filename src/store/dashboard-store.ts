import type { FindingCode } from '../domain/finding.js';
import type { Grade, Incident } from '../domain/incident.js';
import type { OrderId } from '../domain/order.js';
import type { Instant } from '../domain/time.js';
import type { DurationStats } from './incident-timings.js';

/**
 * DELAY_CODES are the findings that make an order count as delayed on the
 * dashboard: it stalls in a stage, its platform promise is at risk or broken,
 * or its parcel is in trouble. Data-quality findings (phone, address …) are
 * not delays.
 */
export const DELAY_CODES: readonly FindingCode[] = ['stage.stalled', 'promise.at_risk', 'promise.breached', 'logistics.exception'];

/** NO_GRADE is the grade of a delayed order no incident covers (yet). */
export const NO_GRADE = 'none';

/** DelayWindow is a span of placing times, [from, to). */
export interface DelayWindow {
  readonly from: Instant;
  readonly to: Instant;
}

/** DELAY_SPLITS are the dimensions the dashboard splits delayed orders by. */
export const DELAY_SPLITS = ['channel', 'stage', 'grade', 'region'] as const;
export type DelaySplit = (typeof DELAY_SPLITS)[number];

/**
 * DelayedOrderCount counts the delayed orders placed on one Asia/Shanghai
 * day (`2026-11-11`) that share one value of one split: `channel`; `stage`,
 * the stage the order stalled in (its current stage when it did not stall);
 * `grade`, the most urgent grade of the incidents covering it, or NO_GRADE;
 * `region`, its province ('' when unknown). Each split counts every delayed
 * order once.
 */
export interface DelayedOrderCount {
  readonly split: DelaySplit;
  readonly day: string;
  readonly key: string;
  readonly orders: number;
}

/** DelayedOrderFilter narrows the drill-down list; every field is optional and narrows. */
export interface DelayedOrderFilter extends DelayWindow {
  readonly day?: string;
  readonly channel?: string;
  readonly stage?: string;
  readonly grade?: string;
  readonly region?: string;
  readonly limit?: number;
}

/** DelayedOrder is one row of the drill-down list: enough to pick the order, no phone number. */
export interface DelayedOrder {
  readonly id: OrderId;
  readonly channel: string;
  readonly channelOrderId: string;
  readonly placedAt: Instant;
  readonly stage: string;
  readonly delayStage: string;
  readonly grade: Grade | typeof NO_GRADE;
  readonly region: string;
  readonly city?: string;
  readonly receiverName?: string;
  readonly customerTier: string;
  readonly paidFen: number;
  readonly codes: readonly FindingCode[];
  /** When the earliest of its delay findings was raised. */
  readonly firstSeenAt: Instant;
}

/**
 * IncidentKpis are the response figures of a period. `open`, `openByGrade`
 * and `breached` (open past the response deadline) are as of now; the
 * times to acknowledge and resolve cover every incident opened in the
 * period, the ones still waiting counted as running (share within the
 * deadline, median, P90: see DurationStats), never a mean over the few that
 * finished; the false-alarm share is over the incidents whose latest close
 * falls in the period.
 */
export interface IncidentKpis {
  readonly openByGrade: Readonly<Record<string, number>>;
  readonly open: number;
  /** Incidents still unacknowledged after their response deadline. */
  readonly breached: number;
  readonly opened: number;
  readonly acknowledge: DurationStats;
  readonly resolve: DurationStats;
  readonly closed: number;
  /** Closed as a false alarm: root cause class `not_abnormal`, or a sub-cause the policy lists in `rootCauses.falseAlarm`. */
  readonly falseAlarms: number;
  /** falseAlarms ÷ closed; null when nothing closed. */
  readonly falseAlarmShare: number | null;
}

/**
 * DashboardStore is the read port of the console's dashboard: aggregates
 * written once in SQL for SQLite and PostgreSQL, so a million orders are
 * counted where they live instead of being shipped to the server.
 */
export interface DashboardStore {
  /** Delayed orders placed in the window, counted per day by channel, by stage, by grade and by region. */
  delayedOrderCounts(window: DelayWindow): Promise<DelayedOrderCount[]>;
  /** The delayed orders behind a bar or a slice, newest first. */
  delayedOrders(filter: DelayedOrderFilter): Promise<DelayedOrder[]>;
  /**
   * Response KPIs: open and breached as of `now`, the rest over the window
   * (by opening, resp. closing time). `falseAlarmSubCauses` are the policy's
   * `rootCauses.falseAlarm` sub-causes, false alarms beside `not_abnormal`.
   */
  incidentKpis(window: DelayWindow, now: Instant, falseAlarmSubCauses: readonly string[]): Promise<IncidentKpis>;
  /** Incidents changed after `since` (exclusive), oldest change first: what the live queue pushes. */
  incidentsUpdatedSince(since: Instant, limit: number): Promise<Incident[]>;
}
