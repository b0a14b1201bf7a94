import { SqlStore } from './sql-store.js';
import { openPostgres } from './sql/postgres-driver.js';
import { openSqlite } from './sql/sqlite-driver.js';
import type { Store } from './store.js';

/** DEFAULT_DB is where the embedded database lives when no --db is given. */
export const DEFAULT_DB = './data/orderwatch.db';

/**
 * openStore opens the store a `--db` value names: a `postgres://` URL or a
 * SQLite file path (`:memory:` for a throwaway one), migrated and ready.
 */
export async function openStore(db: string = DEFAULT_DB, options: { schema?: string } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(db)) return SqlStore.open(await openPostgres(db, options.schema));
  return SqlStore.open(openSqlite(db));
}
