import pg from 'pg';
import type { Row, SqlDriver, SqlValue } from './driver.js';

// int8 (bigint) columns hold epoch milliseconds and fen: both fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** toPositional rewrites `?` placeholders to PostgreSQL's `$1, $2 …` (no `?` appears in our SQL text otherwise). */
export function toPositional(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

// PostgreSQL accepts at most 65535 parameters per statement.
const MAX_PARAMS = 60_000;

type Queryable = pg.Pool | pg.PoolClient;

/**
 * openPostgres connects a pool to a PostgreSQL server. `schema` (optional)
 * puts every table in its own schema, which the contract tests use to run in
 * parallel against one database.
 */
export async function openPostgres(url: string, schema?: string): Promise<SqlDriver> {
  if (schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const setup = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    connectionTimeoutMillis: 5000,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const probe = await pool.connect();
  probe.release();
  return new PostgresDriver(pool, pool);
}

class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;

  constructor(
    private readonly pool: pg.Pool,
    private readonly target: Queryable,
  ) {}

  async all<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const result = await this.target.query(toPositional(sql), params as unknown[]);
    return result.rows as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.target.query(toPositional(sql), params as unknown[]);
    return result.rowCount ?? 0;
  }

  async insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], suffix = ''): Promise<void> {
    const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
    for (let start = 0; start < rows.length; start += perChunk) {
      const chunk = rows.slice(start, start + perChunk);
      const params: SqlValue[] = [];
      const tuples = chunk.map((row) => {
        const marks = row.map((value) => {
          params.push(value);
          return `$${params.length}`;
        });
        return `(${marks.join(', ')})`;
      });
      await this.target.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`, params as unknown[]);
    }
  }

  async insertNew(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], keyColumn: string): Promise<Set<string>> {
    const inserted = new Set<string>();
    const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
    for (let start = 0; start < rows.length; start += perChunk) {
      const chunk = rows.slice(start, start + perChunk);
      const params: SqlValue[] = [];
      const tuples = chunk.map((row) => `(${row.map((value) => (params.push(value), `$${params.length}`)).join(', ')})`);
      const result = await this.target.query(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (${keyColumn}) DO NOTHING RETURNING ${keyColumn}`,
        params as unknown[],
      );
      for (const row of result.rows as Array<Record<string, unknown>>) inserted.add(String(row[keyColumn]));
    }
    return inserted;
  }

  async exec(sql: string): Promise<void> {
    await this.target.query(sql);
  }

  async transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T> {
    if (this.target !== this.pool) return work(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(new PostgresDriver(this.pool, client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
