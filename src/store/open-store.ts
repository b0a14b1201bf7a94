import { SqlStore } from './sql-store.js';
import { openPostgres } from './sql/postgres-driver.js';
import { openSqlite, type SqliteDurability } from './sql/sqlite-driver.js';
import type { Store } from './store.js';

/** DEFAULT_DB is where the embedded database lives when no --db is given. */
export const DEFAULT_DB = './data/orderwatch.db';

/**
 * openStore opens the store a `--db` value names: a `postgres://` URL or a
 * SQLite file path (`:memory:` for a throwaway one), migrated and ready.
 * `durability` is SQLite's storage.durability (PostgreSQL keeps its own).
 */
export async function openStore(db: string = DEFAULT_DB, options: { schema?: string; durability?: SqliteDurability } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(db)) return SqlStore.open(await openPostgres(db, options.schema));
  return SqlStore.open(openSqlite(db, options.durability));
}
