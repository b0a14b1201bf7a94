import { PeriodicJob } from './periodic-job.js';
import type { ShopSyncService } from '../app/shops/shop-sync-service.js';
import type { Clock } from '../domain/time.js';

/** SHOP_TICK_MS is how often the worker looks for a shop due for a sync. */
export const SHOP_TICK_MS = 5000;

export interface ShopSyncJobOptions {
  readonly service: ShopSyncService;
  readonly clock: Clock;
  readonly say: (line: string) => void;
  /** Called when a sync stored something: the pipeline judges it now rather than at its next rest's end. */
  readonly stored: () => void;
  readonly tickMs?: number;
}

/**
 * ShopSyncJob pulls each enabled shop every `interval` (default a minute),
 * one shop at a time, under the shop's lease so only one instance pulls
 * it. A failed run is said once per change of its words (an expired
 * session every minute would drown the log) and waits for the next interval.
 */
export class ShopSyncJob extends PeriodicJob {
  private readonly lastStart = new Map<string, number>();
  private readonly lastSaid = new Map<string, string>();

  constructor(private readonly options: ShopSyncJobOptions) {
    super(options.tickMs ?? SHOP_TICK_MS);
  }

  protected async run(): Promise<void> {
    const { service, clock, say } = this.options;
    for (const shop of service.shops()) {
      if (!shop.enabled || this.abort.signal.aborted) continue;
      const now = clock.now();
      if (now - (this.lastStart.get(shop.name) ?? -Infinity) < shop.interval) continue;
      this.lastStart.set(shop.name, now);
      try {
        const attempt = await service.sync(shop.name, { signal: this.abort.signal, onPage: (r) => r.accepted > 0 && this.options.stored() });
        if ('skipped' in attempt) continue;
        const run = attempt.run;
        if (run.accepted > 0) this.options.stored();
        const words = run.outcome === 'ok' ? undefined : `shop ${shop.name}: sync ${run.outcome}: ${run.error ?? ''}`;
        if (words !== undefined && this.lastSaid.get(shop.name) !== words) say(words);
        if (words === undefined && this.lastSaid.has(shop.name)) say(`shop ${shop.name}: syncing again`);
        if (words === undefined) this.lastSaid.delete(shop.name);
        else this.lastSaid.set(shop.name, words);
      } catch (error) {
        say(`shop ${shop.name}: sync failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
