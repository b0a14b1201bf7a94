import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/domain/time.js';
import { OrderBook } from '../src/ingest/connect/stand-in/order-book.js';
import { StandIn } from '../src/ingest/connect/stand-in/stand-in-server.js';
import { taobaoStandIn } from '../src/ingest/connect/stand-in/taobao-stand-in.js';
import { openSqlite } from '../src/store/sql/sqlite-driver.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'orderwatch.mjs');
const CREDENTIALS = { appKey: '12345678', appSecret: 'kill-test-secret-0123456789', session: 'kill-test-session' };
const ORDERS = 20_000;

/** sync runs `orderwatch shops sync` in a child process; `killAtRequest` SIGKILLs it when the stand-in sees that request. */
function sync(standIn: StandIn, db: string, config: string, killAtRequest?: number, takeOver = false): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'shops', 'sync', 'tb', '--db', db, '--config', config, '--json', ...(takeOver ? ['--take-over'] : [])], {
      env: { ...process.env, KILL_TEST_SECRET: CREDENTIALS.appSecret, KILL_TEST_SESSION: CREDENTIALS.session },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    let watch: NodeJS.Timeout | undefined;
    if (killAtRequest !== undefined) {
      const target = standIn.stats.requests + killAtRequest;
      watch = setInterval(() => {
        if (standIn.stats.requests >= target) child.kill('SIGKILL');
      }, 2);
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (watch) clearInterval(watch);
      resolve({ code, signal });
    });
  });
}

async function counts(db: string): Promise<Record<string, number>> {
  const driver = openSqlite(db);
  try {
    const one = async (sql: string) => Number((await driver.all<{ n: number }>(sql))[0]?.n);
    return {
      orders: await one('SELECT COUNT(*) AS n FROM orders'),
      distinctOrders: await one('SELECT COUNT(DISTINCT channel_order_id) AS n FROM orders'),
      items: await one('SELECT COUNT(*) AS n FROM order_items'),
      events: await one('SELECT COUNT(*) AS n FROM events'),
    };
  } finally {
    await driver.close();
  }
}

describe('kill -9 in the middle of a shop sync, then a restart', () => {
  let standIn: StandIn;
  let dir: string;
  let config: string;

  beforeAll(async () => {
    const now = systemClock.now();
    standIn = new StandIn(taobaoStandIn(CREDENTIALS), OrderBook.filled(ORDERS, now - 2 * 86_400_000, now - 120_000), systemClock);
    const baseUrl = await standIn.listen();
    dir = mkdtempSync(join(tmpdir(), 'ow-kill-'));
    config = join(dir, 'settings.yaml');
    writeFileSync(config, ['shops:', '  - name: tb', '    platform: taobao', `    appKey: "${CREDENTIALS.appKey}"`, '    appSecret: env:KILL_TEST_SECRET', '    accessToken: env:KILL_TEST_SESSION', `    baseUrl: ${baseUrl}`, '    backfill: 3d', ''].join('\n'));
  });

  afterAll(async () => {
    await standIn.close();
  });

  it('loses no order and duplicates none: the same rows as one clean sync', async () => {
    const killed = join(dir, 'killed.db');
    const first = await sync(standIn, killed, config, 40);
    expect(first.signal).toBe('SIGKILL');
    const second = await sync(standIn, killed, config, 60, true);
    expect(second.signal).toBe('SIGKILL');
    const last = await sync(standIn, killed, config, undefined, true);
    expect(last.code).toBe(0);

    const clean = join(dir, 'clean.db');
    expect((await sync(standIn, clean, config)).code).toBe(0);

    const expected = await counts(clean);
    expect(expected.orders).toBe(ORDERS);
    expect(await counts(killed)).toEqual(expected);
    expect(standIn.stats.badSignatures).toBe(0);
  }, 120_000);
});
