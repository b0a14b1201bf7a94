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
 * WAR_ROOM_SPLITS are the dimensions the ops manager asks "where?" by: the
 * warehouse that shipped (or holds) the order, its first SKU, its carrier
 * (one code per company, see domain/carrier) and its shop (`channel:shop`).
 */
export const WAR_ROOM_SPLITS = ['warehouse', 'sku', 'carrier', 'shop'] as const;
export type WarRoomSplit = (typeof WAR_ROOM_SPLITS)[number];

/** SplitTotal is one value of a war-room split over whole Shanghai days: its delays, today's and yesterday's, and all its orders. */
export interface SplitTotal {
  readonly key: string;
  /** The first SKU's title, for the sku split. */
  readonly title?: string;
  /** Delayed orders (every delay finding, at-risk warnings included). */
  readonly delayed: number;
  /** Of those, orders only warned of (promise.at_risk), not yet late. */
  readonly atRisk: number;
  /** All orders placed in the period with this value, delayed or not. */
  readonly orders: number;
  readonly today: number;
  readonly yesterday: number;
}

/** DayFigures are the KPI cards' figures of one Shanghai day (by placing time, incidents by opening time). */
export interface DayFigures {
  readonly day: string;
  readonly delayed: number;
  readonly atRisk: number;
  readonly orders: number;
  readonly incidentsOpened: number;
}

/** WarRoom is the top of each war-room split over a period, and today against yesterday. */
export interface WarRoom {
  /** Delayed orders in the period: the denominator of each value's share. */
  readonly delayed: number;
  readonly splits: Readonly<Record<WarRoomSplit, readonly SplitTotal[]>>;
  readonly compare: { readonly today: DayFigures; readonly yesterday: DayFigures };
}

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
  readonly warehouse?: string;
  readonly sku?: string;
  /** Any alias of the carrier (1499, 中通快递, ZTO). */
  readonly carrier?: string;
  /** `channel:shop`, as the shop split keys it. */
  readonly shop?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** DelayedOrderPage is a page of the drill-down list and how many rows the filter matches. */
export interface DelayedOrderPage {
  readonly orders: DelayedOrder[];
  readonly total: number;
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
  /** '' when unknown, as in the splits. */
  readonly warehouse: string;
  readonly sku: string;
  readonly skuTitle: string;
  /** One code per carrier (ZTO), '' before it shipped. */
  readonly carrier: string;
  /** `channel:shop`. */
  readonly shop: string;
  readonly shopName: string;
  /** Only warned of (promise.at_risk), not yet late. */
  readonly atRisk: boolean;
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
  /** A page of the drill-down list (limit ≤ 1000, offset) with the number of rows the filter matches. */
  delayedOrderPage(filter: DelayedOrderFilter): Promise<DelayedOrderPage>;
  /**
   * The top `top` values of each war-room split over the whole Shanghai days
   * of the window (the day of `window.to` is "today"), with all orders of each
   * value as the base, and today against yesterday for the KPI cards.
   */
  warRoom(window: DelayWindow, now: Instant, top: number): Promise<WarRoom>;
  /**
   * Response KPIs: open and breached as of `now`, the rest over the window
   * (by opening, resp. closing time). `falseAlarmSubCauses` are the policy's
   * `rootCauses.falseAlarm` sub-causes, false alarms beside `not_abnormal`.
   */
  incidentKpis(window: DelayWindow, now: Instant, falseAlarmSubCauses: readonly string[]): Promise<IncidentKpis>;
  /** Incidents changed after `since` (exclusive), oldest change first: what the live queue pushes. */
  incidentsUpdatedSince(since: Instant, limit: number): Promise<Incident[]>;
}
