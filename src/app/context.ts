import { loadSettings, type ConfigIssue } from '../config/load-settings.js';
import type { Settings } from '../config/settings.js';
import { systemClock, type Clock } from '../domain/time.js';
import { DEFAULT_DB, openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';

/** AppContext is what every command and the server run on: the store, the settings and the clock. */
export interface AppContext {
  readonly store: Store;
  readonly settings: Settings;
  readonly clock: Clock;
  readonly db: string;
  /** The policy file the settings came from, for reloads. */
  readonly configFile?: string;
}

/**
 * BackgroundHandle is serve's hold on its background work (detection,
 * grouping, grading, delivery): kicked when ingest stored something, stopped
 * on shutdown. The work itself runs off the request path (src/worker).
 */
export interface BackgroundHandle {
  readonly mode: 'thread' | 'in-process' | 'none';
  /** kick asks for a step now; `orders` is how many orders ingest just stored (the worker tells a peak by them). */
  kick(orders?: number): void;
  stop(): Promise<void>;
}

/** describeDb names a --db value for people without leaking a password in a URL. */
export function describeDb(db: string): string {
  return db.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * openContext opens the store a `--db` names (default ./data/orderwatch.db,
 * or ORDERWATCH_DB) and the settings a `--config` names.
 */
export async function openContext(options: { db?: string; config?: string; clock?: Clock }): Promise<AppContext> {
  const configFile = options.config ?? process.env.ORDERWATCH_CONFIG;
  const settings = loadSettings(configFile);
  const db = options.db ?? process.env.ORDERWATCH_DB ?? DEFAULT_DB;
  let store: Store;
  try {
    store = await openStore(db, { durability: settings.storage.durability });
  } catch (error) {
    throw new Error(`cannot open the database ${describeDb(db)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { store, settings, clock: options.clock ?? systemClock, db, ...(configFile ? { configFile } : {}) };
}

export type { ConfigIssue };
