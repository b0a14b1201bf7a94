import type { FindingCode } from '../domain/finding.js';
import type { OrderId } from '../domain/order.js';
import type { Instant } from '../domain/time.js';
import type { StoredFinding } from './detection-store.js';

/** FixCause is what a fix-list case is about: one data-quality code, or one buyer's many orders (placeholder and duplicate findings together). */
export type FixCause = FindingCode | 'buyer';

/** FixHandling is what a person did with an item: fixed it at the source, or found it is not a problem. */
export type FixHandling = 'fixed' | 'dismissed';

/**
 * FixCase is one line of the fix list: the data-quality findings of one
 * cause, shop and (Shanghai) day — or of one buyer that day — to be worked
 * through in bulk. Counts are of findings (items) and orders; `openItems`
 * are the items still open and not yet handled.
 */
export interface FixCase {
  readonly id: string;
  readonly cause: FixCause;
  readonly channel: string;
  readonly shop?: string;
  readonly day: string;
  /** The buyer's phone (or name) of a buyer case. */
  readonly buyer?: string;
  readonly state: 'open' | 'done';
  readonly openItems: number;
  readonly items: number;
  readonly orders: number;
  readonly firstAt: Instant;
  readonly lastAt: Instant;
  /** When the people on the routes were told of it (a buyer's flood), once. */
  readonly alertedAt?: Instant;
  readonly updatedAt: Instant;
  /** Finding codes among its items. */
  readonly codes: readonly FindingCode[];
  /** A few of its orders, for lists and messages. */
  readonly sampleOrderIds: readonly OrderId[];
}

/** FixFiling puts one open finding on the fix list under a case. */
export interface FixFiling {
  readonly orderId: OrderId;
  readonly code: FindingCode;
  readonly key: string;
  readonly caseId: string;
  readonly cause: FixCause;
  readonly channel: string;
  readonly shop?: string;
  readonly day: string;
  readonly buyer?: string;
  readonly at: Instant;
}

/** FixItem is a finding on the fix list with what was done about it. */
export interface FixItem extends StoredFinding {
  readonly fixState: 'open' | FixHandling;
  readonly fixBy?: string;
  readonly fixAt?: Instant;
}

/** FixCaseFilter selects cases; every field narrows. */
export interface FixCaseFilter {
  readonly state?: 'open' | 'done';
  readonly cause?: string;
  readonly channel?: string;
  readonly shop?: string;
  readonly day?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * FixListStore keeps the fix list: data-quality findings (phone, address,
 * amount, placeholder, duplicate) filed under cases, and what people did
 * with them. A case's counts are recounted from its items whenever items
 * are filed, resolved or handled, so they never drift.
 */
export interface FixListStore {
  /** file puts findings on the list (each under its case, created when new) and returns the cases touched, recounted. */
  file(filings: readonly FixFiling[]): Promise<FixCase[]>;
  /** recount brings these cases' counts up to date (after findings on them were resolved). */
  recount(caseIds: readonly string[], at: Instant): Promise<FixCase[]>;
  /** The cases these findings are filed under. */
  casesOfFindings(findings: ReadonlyArray<{ readonly orderId: OrderId; readonly code: string; readonly key: string }>): Promise<string[]>;
  cases(filter: FixCaseFilter): Promise<{ readonly total: number; readonly items: FixCase[] }>;
  getCase(id: string): Promise<FixCase | undefined>;
  caseItems(id: string, options: { readonly state?: 'open' | FixHandling; readonly limit?: number; readonly offset?: number }): Promise<{ readonly total: number; readonly items: FixItem[] }>;
  /**
   * handle marks the open items of a case (all, or the listed orders') as
   * fixed or dismissed, or puts handled ones back ('reopen'); returns the
   * case recounted, with how many items changed.
   */
  handle(id: string, action: FixHandling | 'reopen', by: string, at: Instant, orderIds?: readonly OrderId[]): Promise<{ readonly fixCase: FixCase; readonly changed: number } | undefined>;
  /** unfiled lists open findings of these codes that are on no case yet (a store from before the fix list, or a code newly added to it). */
  unfiled(codes: readonly string[], limit: number): Promise<Array<{ readonly orderId: OrderId; readonly code: string; readonly key: string }>>;
  /** markAlerted records that a case was announced; false when it already was (once across instances). */
  markAlerted(id: string, at: Instant): Promise<boolean>;
}
