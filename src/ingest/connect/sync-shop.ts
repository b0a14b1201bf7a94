import { randomUUID } from 'node:crypto';
import type { ShopCursor, ShopSyncRun, SyncOutcome } from '../../domain/shop-sync.js';
import type { Clock, Instant } from '../../domain/time.js';
import { CHANNEL_ADAPTERS } from '../channels.js';
import { importRecords, type IngestSink } from '../import-records.js';
import { asConnectorError, SessionExpiredError, type Connector, type ConnectorError, type PulledPage, type PullWindow } from './connector.js';

/** SyncLedger is where a sync keeps its cursor and run record (the store's ShopSyncStore). */
export interface SyncLedger {
  cursor(shop: string): Promise<ShopCursor | undefined>;
  saveCursor(cursor: ShopCursor): Promise<void>;
  startRun(run: Pick<ShopSyncRun, 'id' | 'shop' | 'startedAt'>): Promise<void>;
  progressRun(run: ShopSyncRun): Promise<void>;
  finishRun(run: ShopSyncRun & Required<Pick<ShopSyncRun, 'finishedAt' | 'outcome'>>): Promise<void>;
}

export interface SyncShopOptions {
  readonly shop: string;
  readonly platform: string;
  readonly connector: Connector;
  readonly ledger: SyncLedger;
  readonly sink: IngestSink;
  readonly clock: Clock;
  /** How far back a shop without a cursor starts. */
  readonly backfillMs: number;
  /** Start over from this time whatever the cursor says (`shops sync --since`). */
  readonly since?: Instant;
  /**
   * How much of the last window is pulled again by the next run: a change
   * the platform indexes a little late is still found; the repeats are
   * dropped by the idempotent ingest. Default one minute.
   */
  readonly overlapMs?: number;
  /** Throttled answers waited out in one run before it gives up until the next (default 5). */
  readonly maxThrottleWaits?: number;
  /** Transient failures retried in one run (default 2). */
  readonly maxRetries?: number;
  /** Waits (injected so tests run on a fake clock). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each wait (throttled, retrying) with its length: the holder of a lease renews it for the wait. */
  readonly beforeWait?: (ms: number) => Promise<unknown>;
  /** Called after each stored page; false stops the run (its lease was lost). */
  readonly onPage?: (run: ShopSyncRun) => Promise<boolean> | boolean;
  /**
   * renewSession refreshes an expired session (once a run) and gives the
   * connector to go on with; it throws (a ConnectorError) when the refresh
   * fails. Absent: an expired session ends the run as a set-up problem.
   */
  readonly renewSession?: () => Promise<Connector>;
  readonly signal?: AbortSignal;
}

const WAIT_CEILING_MS = 60_000;

/**
 * syncShop pulls one shop from its durable cursor up to now, window by
 * window (each at most the platform's widest) and page by page, and streams
 * every page through the one import pipeline (importRecords with the
 * channel's own adapter). The cursor is saved after a page is stored: a
 * crash between the two pulls that page again, and the idempotent ingest
 * drops the repeats. Window bounds are inclusive and the next window starts
 * at the last one's end, so an order changed exactly at a boundary is in
 * both, never in neither. Throttling is waited out (up to a limit), a
 * set-up problem (expired session, wrong secret) ends the run with words
 * for the admin, anything else ends it to be tried on the next run.
 */
export async function syncShop(options: SyncShopOptions): Promise<ShopSyncRun> {
  const { shop, ledger, clock } = options;
  let connector = options.connector;
  let renewed = false;
  const overlap = options.overlapMs ?? connector.overlapMs ?? 60_000;
  const sleep = options.sleep ?? defaultSleep;
  const adapter = CHANNEL_ADAPTERS[connector.channel];
  const startedAt = clock.now();
  let run: ShopSyncRun = { id: randomUUID(), shop, startedAt, pages: 0, accepted: 0, duplicates: 0, rejected: 0 };
  await ledger.startRun(run);

  const finish = async (outcome: SyncOutcome, error?: string): Promise<ShopSyncRun> => {
    const done = { ...run, finishedAt: clock.now(), outcome, ...(error !== undefined ? { error } : {}) };
    await ledger.finishRun(done);
    return done;
  };

  const stored = options.since === undefined ? await ledger.cursor(shop) : undefined;
  const cursor: ShopCursor = stored ?? { shop, platform: options.platform, from: wholeSecond(options.since ?? startedAt - options.backfillMs), updatedAt: startedAt };
  const now = wholeSecond(startedAt);
  const windowOf = (c: ShopCursor): PullWindow | undefined => {
    const to = c.to ?? Math.min(c.from + connector.maxWindowMs, now);
    return to <= c.from ? undefined : { from: c.from, to, ...(c.page !== undefined ? { page: c.page } : {}) };
  };
  const pull = (w: PullWindow): Promise<Pulled> => pullPatiently(connector, w, { ...options, sleep }).catch((error: unknown) => ({ failed: asConnectorError(error) }));
  let window = windowOf(cursor);
  let pulling = window === undefined ? undefined : pull(window);
  while (window !== undefined && pulling !== undefined) {
    const pulled = await pulling;
    if ('failed' in pulled && pulled.failed instanceof SessionExpiredError && options.renewSession !== undefined && !renewed) {
      // Refreshed once a run, then the same page asked for again: a refresh that does not cure it is the set-up problem it was.
      renewed = true;
      try {
        connector = await options.renewSession();
      } catch (error) {
        return finish('setup', `${describe(pulled.failed)}; refreshing the session failed: ${describe(asConnectorError(error))}`);
      }
      pulling = pull(window);
      continue;
    }
    if ('failed' in pulled) return finish(pulled.failed.kind === 'setup' ? 'setup' : pulled.failed.kind === 'throttled' ? 'throttled' : 'error', describe(pulled.failed));
    const page = pulled.page;
    const atLiveEdge = page.next === undefined && window.to >= now - overlap;
    const next: ShopCursor =
      page.next !== undefined
        ? { shop, platform: options.platform, from: window.from, to: window.to, page: page.next, updatedAt: clock.now() }
        : { shop, platform: options.platform, from: atLiveEdge ? Math.max(window.from, window.to - overlap) : window.to, updatedAt: clock.now() };
    const nextWindow = atLiveEdge ? undefined : windowOf(next);
    // The next page is asked for while this one is stored: the platform's answer time and ours overlap.
    pulling = nextWindow === undefined ? undefined : pull(nextWindow);
    const summary = await importRecords([{ value: page.document }], adapter, options.sink, { receivedAt: clock.now(), shop });
    run = {
      ...run,
      pages: run.pages + 1,
      accepted: run.accepted + summary.accepted,
      duplicates: run.duplicates + summary.duplicates,
      rejected: run.rejected + summary.rejected,
      ...(summary.errors[0] !== undefined ? { error: `record ${summary.errors[0].record}: ${summary.errors[0].field}: ${summary.errors[0].message}` } : {}),
    };
    // Saved only once the page is stored: a crash before this line pulls the page again.
    await ledger.saveCursor(next);
    await ledger.progressRun(run);
    if (options.onPage && !(await options.onPage(run))) return finish('error', 'stopped: this worker lost the shop’s lease to another');
    if (options.signal?.aborted) return finish('error', 'stopped before the end (shutting down)');
    window = nextWindow;
  }
  return finish('ok', run.error);
}

type Pulled = { readonly page: PulledPage } | { readonly failed: ConnectorError };

async function pullPatiently(connector: Connector, window: PullWindow, options: SyncShopOptions & { sleep: NonNullable<SyncShopOptions['sleep']> }): Promise<Pulled> {
  let waits = 0;
  let retries = 0;
  for (;;) {
    try {
      return { page: await connector.pull(window, options.signal) };
    } catch (thrown) {
      const error = asConnectorError(thrown);
      if (options.signal?.aborted) return { failed: error };
      if (error.kind === 'throttled' && waits < (options.maxThrottleWaits ?? 5) && (error.retryAfterMs ?? 1000) <= WAIT_CEILING_MS) {
        waits += 1;
        await options.beforeWait?.(error.retryAfterMs ?? 1000);
        await options.sleep(error.retryAfterMs ?? 1000, options.signal);
        continue;
      }
      if (error.kind === 'transient' && retries < (options.maxRetries ?? 2)) {
        retries += 1;
        await options.beforeWait?.(1000 * 2 ** (retries - 1));
        await options.sleep(1000 * 2 ** (retries - 1), options.signal);
        continue;
      }
      return { failed: error };
    }
  }
}

function describe(error: ConnectorError): string {
  return error.code !== undefined && !error.message.includes(error.code) ? `${error.message} [${error.code}]` : error.message;
}

function wholeSecond(at: Instant): Instant {
  return Math.floor(at / 1000) * 1000;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
