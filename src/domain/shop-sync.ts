import type { Instant } from './time.js';

/**
 * ShopCursor is how far a shop's sync has got: the `modified` window being
 * pulled and the next page in it (a page number or the platform's cursor).
 * It is saved after each page is stored, so a restart resumes at the page
 * after the last one stored; absent `to` means the window is not chosen yet.
 */
export interface ShopCursor {
  readonly shop: string;
  readonly platform: string;
  readonly from: Instant;
  readonly to?: Instant;
  readonly page?: string;
  readonly updatedAt: Instant;
}

/** SyncOutcome: ok; throttled (gave up waiting this run); setup (a person must fix credentials); error (try again next run). */
export type SyncOutcome = 'ok' | 'throttled' | 'setup' | 'error';

/** ShopSyncRun is one run of a shop's sync, for the status page and the CLI. */
export interface ShopSyncRun {
  readonly id: string;
  readonly shop: string;
  readonly startedAt: Instant;
  readonly finishedAt?: Instant;
  readonly outcome?: SyncOutcome;
  readonly pages: number;
  /** Orders new or changed in the store. */
  readonly accepted: number;
  /** Orders already stored as they were (repeats of a window's overlap or a page pulled twice). */
  readonly duplicates: number;
  readonly rejected: number;
  /** What went wrong, in words (and the platform's code). */
  readonly error?: string;
}

/** ShopStatus is what the admin sees of one shop: cursor, last run, last success, last error and the last hour's orders. */
export interface ShopStatus {
  readonly shop: string;
  readonly cursor?: ShopCursor;
  readonly lastRun?: ShopSyncRun;
  readonly lastSuccessAt?: Instant;
  readonly lastError?: { readonly at: Instant; readonly outcome: SyncOutcome; readonly message: string };
  /** Orders accepted (new or changed) by runs started in the last hour. */
  readonly ordersLastHour: number;
}
