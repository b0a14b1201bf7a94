import type { ShopCursor, ShopStatus, ShopSyncRun } from '../domain/shop-sync.js';
import type { Instant } from '../domain/time.js';

/**
 * ShopSyncStore keeps each connected shop's durable cursor and the record of
 * its sync runs (docs/connectors.md). The cursor is written after the page
 * it follows is stored, never before, so a crash repeats a page (dropped by
 * the idempotent ingest) and never skips one.
 */
export interface ShopSyncStore {
  cursor(shop: string): Promise<ShopCursor | undefined>;
  saveCursor(cursor: ShopCursor): Promise<void>;
  /** resetCursor forgets a shop's cursor (a sync `--since` starts over from there). */
  resetCursor(shop: string): Promise<void>;
  startRun(run: Pick<ShopSyncRun, 'id' | 'shop' | 'startedAt'>): Promise<void>;
  /** progressRun records a run's counts so far (a run killed midway still shows what it did). */
  progressRun(run: ShopSyncRun): Promise<void>;
  finishRun(run: ShopSyncRun & Required<Pick<ShopSyncRun, 'finishedAt' | 'outcome'>>): Promise<void>;
  /** recentRuns lists a shop's runs, newest first. */
  recentRuns(shop: string, limit: number): Promise<ShopSyncRun[]>;
  /** status sums up each named shop as of `now`. */
  status(shops: readonly string[], now: Instant): Promise<ShopStatus[]>;
}
