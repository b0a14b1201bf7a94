import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Row, SqlDriver, SqlValue } from './driver.js';
import { Mutex } from './mutex.js';

type Statement = Database.Statement<unknown[], unknown>;

/**
 * openSqlite opens (creating if needed) an embedded SQLite database in WAL
 * mode: readers never wait for the writer, and a crash loses no committed
 * transaction.
 */
export function openSqlite(path: string, durability: SqliteDurability = 'normal'): SqlDriver {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  tuneSqlite(db, durability);
  return new SqliteDriver(db, new Mutex(), false);
}

/** SqliteDurability is `storage.durability`: when a commit reaches the disk. */
export type SqliteDurability = 'normal' | 'full';

/**
 * tuneSqlite applies the connection settings orderwatch runs with: WAL, a
 * sync per checkpoint rather than per commit by default (`normal`: a crash
 * loses no committed transaction in WAL mode, only the last ones on power
 * loss) or per commit (`full`: nothing committed is lost to a power loss,
 * at the price of an fsync per transaction), and a 64 MB page cache: big
 * enough for hot index pages, small enough that a bulk import of a million
 * orders stays well under 500 MB resident.
 */
export function tuneSqlite(db: Database.Database, durability: SqliteDurability = 'normal'): void {
  db.pragma('journal_mode = WAL');
  db.pragma(durability === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // A checkpoint every ~32 MB of WAL rather than 4 MB: at a peak each commit of a
  // request's orders no longer pays for copying pages it will touch again.
  db.pragma('wal_autocheckpoint = 8000');
  db.defaultSafeIntegers(false);
}

class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly mutex: Mutex,
    private readonly inTransaction: boolean,
    statements?: Map<string, Statement>,
  ) {
    if (statements) this.statements = statements;
  }

  private prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.statements.size > 2000) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private guarded<T>(work: () => T): Promise<T> {
    if (this.inTransaction) return Promise.resolve(work());
    return this.mutex.run(async () => work());
  }

  all<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.guarded(() => {
      const stmt = this.prepare(sql);
      return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
    });
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.guarded(() => this.prepare(sql).run(...params).changes);
  }

  insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], suffix = ''): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ${suffix}`;
    return this.guarded(() => {
      const stmt = this.prepare(sql);
      for (const row of rows) stmt.run(...row);
    });
  }

  insertNew(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], keyColumn: string): Promise<Set<string>> {
    const inserted = new Set<string>();
    if (rows.length === 0) return Promise.resolve(inserted);
    const key = columns.indexOf(keyColumn);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (${keyColumn}) DO NOTHING`;
    return this.guarded(() => {
      const stmt = this.prepare(sql);
      for (const row of rows) if (stmt.run(...row).changes > 0) inserted.add(String(row[key]));
      return inserted;
    });
  }

  exec(sql: string): Promise<void> {
    return this.guarded(() => void this.db.exec(sql));
  }

  transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.mutex.run(async () => {
      const tx = new SqliteDriver(this.db, this.mutex, true, this.statements);
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(tx);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.mutex.run(async () => void this.db.close());
  }
}
