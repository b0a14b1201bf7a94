import type { InventoryChangeEvent, InventoryLevelEvent } from '../domain/event.js';
import type { OutboxState, RootCause } from '../domain/incident.js';
import type { OrderId } from '../domain/order.js';
import type { Instant } from '../domain/time.js';
import type { IncidentTiming } from './incident-timings.js';

/** CALLBACK_STATES: a satisfaction call waits, then is done (the customer answered) or the customer could not be reached. */
export const CALLBACK_STATES = ['pending', 'done', 'unreachable'] as const;
export type CallbackState = (typeof CALLBACK_STATES)[number];

/**
 * CallbackTask is a customer-satisfaction call (回访) made after an incident
 * closed: one per customer order it covered. `score` is the customer's
 * verdict, 1 (very unhappy) to 5 (very happy), once reached.
 */
export interface CallbackTask {
  readonly id: string;
  readonly incidentId: string;
  readonly orderId: OrderId;
  readonly createdAt: Instant;
  readonly dueAt: Instant;
  readonly state: CallbackState;
  readonly doneAt?: Instant;
  readonly doneBy?: string;
  readonly score?: number;
  readonly comment?: string;
}

/** CallbackResult is what the agent records after the call. */
export interface CallbackResult {
  readonly state: Exclude<CallbackState, 'pending'>;
  readonly score?: number;
  readonly comment?: string;
  readonly by: string;
  readonly at: Instant;
}

/** IMPROVEMENT_STATES: an improvement item is tracked from review to review until it is done (or dropped). */
export const IMPROVEMENT_STATES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ImprovementState = (typeof IMPROVEMENT_STATES)[number];

/** ImprovementNote is one line of an item's history: who changed what, when. */
export interface ImprovementNote {
  readonly at: Instant;
  readonly by: string;
  readonly text?: string;
  readonly state?: ImprovementState;
}

/** ImprovementItem is a corrective action decided in a post-incident review, with an owner and a due date. */
export interface ImprovementItem {
  readonly id: string;
  /** The incident whose review raised it. */
  readonly incidentId: string;
  readonly title: string;
  readonly owner: string;
  readonly dueAt: Instant;
  readonly state: ImprovementState;
  readonly createdAt: Instant;
  readonly createdBy: string;
  readonly updatedAt: Instant;
  readonly doneAt?: Instant;
  readonly notes: readonly ImprovementNote[];
}

/** ImprovementChange changes an item; every field but `by` and `at` is optional. */
export interface ImprovementChange {
  readonly state?: ImprovementState;
  readonly owner?: string;
  readonly dueAt?: Instant;
  readonly title?: string;
  readonly note?: string;
  readonly by: string;
  readonly at: Instant;
}

/** ReviewTrigger says how a review came about: by itself after a close, or asked for. */
export type ReviewTrigger = 'auto' | 'manual';

/**
 * StoredReview is one post-incident review as generated: for the close it
 * reviews (an incident reopened and closed again gets a new one), its data
 * as JSON and the PDF people read.
 */
export interface StoredReview {
  readonly incidentId: string;
  readonly closedAt: Instant;
  readonly generatedAt: Instant;
  readonly trigger: ReviewTrigger;
  readonly generatedBy: string;
  /** The review's figures, JSON (what the API shows). */
  readonly summary: Readonly<Record<string, unknown>>;
  readonly pdf: Uint8Array;
}

/** CloseRecord is the latest close of an incident, from its audit trail, with the state it is in now. */
export interface CloseRecord {
  readonly incidentId: string;
  readonly at: Instant;
  readonly state: string;
  readonly rootCause?: RootCause;
}

/** DayCount is a count per Asia/Shanghai calendar day (`2026-11-11`). */
export interface DayCount {
  readonly day: string;
  readonly count: number;
}

/** StockQuery names the stock movements an evidence report looks at: some SKUs, one warehouse (or all), a span of time. */
export interface StockQuery {
  readonly skus: readonly string[];
  /** The order's own warehouse; undefined reads every warehouse. */
  readonly warehouse?: string;
  readonly from: Instant;
  readonly to: Instant;
  readonly limit: number;
}

/** Delivery is what became of an outbox entry: its state and when it was sent (a merged entry names its digest). */
export interface Delivery {
  readonly state: OutboxState;
  readonly sentAt?: Instant;
  readonly mergedInto?: string;
}

/** Window is a span of time, [from, to). */
export interface ReportWindow {
  readonly from: Instant;
  readonly to: Instant;
}

/**
 * ReportStore keeps what reports add to the response record — satisfaction
 * callbacks, improvement items, generated reviews — and answers the
 * per-day questions of the KPI report in SQL, where the million orders are.
 */
export interface ReportStore {
  /** Adds callback tasks; a task whose id is there already is kept as it is. Returns how many were added. */
  addCallbacks(tasks: readonly CallbackTask[]): Promise<number>;
  callbacks(filter: { readonly incidentId?: string; readonly state?: CallbackState; readonly doneFrom?: Instant; readonly doneTo?: Instant; readonly limit?: number }): Promise<CallbackTask[]>;
  /** Records a call's result; undefined when there is no such task. A result may be corrected (recorded again). */
  recordCallback(id: string, result: CallbackResult): Promise<CallbackTask | undefined>;

  addImprovement(item: ImprovementItem): Promise<void>;
  /** Changes an item and appends the change to its history; undefined when there is no such item. */
  updateImprovement(id: string, change: ImprovementChange): Promise<ImprovementItem | undefined>;
  improvements(filter: { readonly incidentId?: string; readonly states?: readonly ImprovementState[]; readonly createdBefore?: Instant; readonly limit?: number }): Promise<ImprovementItem[]>;

  /**
   * saveReview stores a review. `replace` false (the automatic job) writes
   * it only when that close has none yet and tells whether it did, so two
   * instances generate and send it once; true (on demand) replaces it.
   */
  saveReview(review: StoredReview, replace: boolean): Promise<boolean>;
  /** The newest review of an incident (of its latest close). */
  review(incidentId: string): Promise<StoredReview | undefined>;
  /** Reviews generated in a window, newest first, without their PDF. */
  reviews(filter: { readonly from?: Instant; readonly to?: Instant; readonly limit?: number }): Promise<Array<Omit<StoredReview, 'pdf'>>>;

  /** The latest close of every incident whose latest close falls in the window, oldest first. */
  closesBetween(window: ReportWindow): Promise<CloseRecord[]>;
  /** The response clock of every incident opened in the window (see IncidentTiming), oldest first. */
  incidentTimings(window: ReportWindow): Promise<IncidentTiming[]>;
  /** Stock readings and movements of some SKUs in a warehouse and span, oldest first, at most `limit`. */
  stockMovements(query: StockQuery): Promise<Array<InventoryLevelEvent | InventoryChangeEvent>>;
  /** What became of these outbox entries (by id); ids not found are absent. */
  deliveries(ids: readonly string[]): Promise<Map<string, Delivery>>;
  /** Orders placed in the window, per day. */
  ordersPlacedByDay(window: ReportWindow): Promise<DayCount[]>;
  /** Orders placed in the window that drew a customer complaint (a `complaint` contact), per day placed. */
  complainedOrdersByDay(window: ReportWindow): Promise<DayCount[]>;
}
