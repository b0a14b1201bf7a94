/** SqlValue is what a query parameter or a column can be. */
export type SqlValue = string | number | bigint | null | Uint8Array;

/** Row is one result row, keyed by column name. */
export type Row = Record<string, unknown>;

/**
 * SqlDriver is the one seam between the store and a database engine. SQL is
 * written once, with `?` placeholders, in the subset SQLite and PostgreSQL
 * share (ON CONFLICT … DO UPDATE, RETURNING); the driver adapts placeholders
 * and runs it. Like Kysely's Dialect, but only as big as this store needs.
 */
export interface SqlDriver {
  readonly dialect: 'sqlite' | 'postgres';
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * insertMany inserts rows of the same shape: SQLite runs one prepared
   * statement per row (fast in-process), PostgreSQL sends multi-row VALUES.
   * `suffix` is appended after VALUES (an ON CONFLICT clause).
   */
  insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], suffix?: string): Promise<void>;
  /**
   * insertNew inserts rows whose key is not there yet (ON CONFLICT DO
   * NOTHING) and returns the keys of the rows it inserted: one statement per
   * row and no prior lookup, so the common case of a bulk import of new
   * records costs one write each.
   */
  insertNew(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], keyColumn: string): Promise<Set<string>>;
  /** exec runs a script of statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** transaction runs `work` atomically; concurrent transactions are serialised. */
  transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
