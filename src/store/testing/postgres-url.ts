import pg from 'pg';

/** TEST_POSTGRES_URL is the local server the PostgreSQL tests use (override with ORDERWATCH_TEST_PG). */
export const TEST_POSTGRES_URL = process.env.ORDERWATCH_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * postgresAvailable answers whether the test server accepts connections, so
 * PostgreSQL tests can skip with a clear message on a machine without one.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** freshSchema names a schema no other test run uses. */
export function freshSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
}
