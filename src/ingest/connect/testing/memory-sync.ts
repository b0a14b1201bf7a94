import type { IngestBatch, IngestOutcome, IngestResult } from '../../../domain/ingest-result.js';
import type { Order } from '../../../domain/order.js';
import type { ShopCursor, ShopSyncRun } from '../../../domain/shop-sync.js';
import type { IngestSink } from '../../import-records.js';
import type { SyncLedger } from '../sync-shop.js';

/**
 * MemorySink keeps orders by id the way the store's ingest does for the
 * connector contract: a new order is accepted, a newer version of one
 * (later modifiedAt) updates it, the same version again is a duplicate.
 * The real store's idempotence is its own contract's business.
 */
export class MemorySink implements IngestSink {
  readonly orders = new Map<string, Order>();

  async ingest(batch: IngestBatch): Promise<IngestResult> {
    const orders: IngestOutcome[] = batch.orders.map((o) => {
      const had = this.orders.get(o.id);
      if (had !== undefined && had.modifiedAt >= o.modifiedAt) return 'duplicate';
      this.orders.set(o.id, o);
      return had === undefined ? 'accepted' : 'updated';
    });
    return { orders, events: batch.events.map(() => 'accepted' as const) };
  }
}

/** MemoryLedger is a SyncLedger in memory: the cursor and the runs. */
export class MemoryLedger implements SyncLedger {
  readonly cursors = new Map<string, ShopCursor>();
  readonly runs = new Map<string, ShopSyncRun>();

  async cursor(shop: string): Promise<ShopCursor | undefined> {
    return this.cursors.get(shop);
  }
  async saveCursor(cursor: ShopCursor): Promise<void> {
    this.cursors.set(cursor.shop, cursor);
  }
  async startRun(run: Pick<ShopSyncRun, 'id' | 'shop' | 'startedAt'>): Promise<void> {
    this.runs.set(run.id, { ...run, pages: 0, accepted: 0, duplicates: 0, rejected: 0 });
  }
  async progressRun(run: ShopSyncRun): Promise<void> {
    this.runs.set(run.id, run);
  }
  async finishRun(run: ShopSyncRun): Promise<void> {
    this.runs.set(run.id, run);
  }
}
