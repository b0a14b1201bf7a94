// Lookup latency with N orders stored: in the store, and over HTTP against a
// real server on 127.0.0.1. Run alone: node bin/run-ts.mjs bench/lookup-bench.ts [N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsSchema } from '../src/config/settings.js';
import { systemClock } from '../src/domain/time.js';
import { importFiles } from '../src/ingest/import-files.js';
import { hashPassword } from '../src/server/auth/password.js';
import { buildServer } from '../src/server/server.js';
import { openStore } from '../src/store/open-store.js';
import { lcg, writeSyntheticOrders } from './synthetic-orders.js';

export interface LookupFigures {
  readonly orders: number;
  readonly storeP95Last4Ms: number;
  readonly storeP95OrderNoMs: number;
  readonly httpP95Last4Ms: number;
  readonly httpP95OrderNoMs: number;
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
}

async function timeEach(queries: readonly string[], run: (q: string) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await run(q);
    samples.push(performance.now() - t);
  }
  return p95(samples);
}

/** runLookupBench stores `count` orders and measures lookups by last 4 digits and by order number. */
export async function runLookupBench(count: number, queriesPerKind = 500): Promise<LookupFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-lookup-'));
  try {
    const file = join(dir, 'orders.ndjson');
    await writeSyntheticOrders(file, count);
    const store = await openStore(join(dir, 'store.db'));
    await importFiles([file], store, { channel: 'generic', receivedAt: Date.now() });
    const random = lcg(7);
    const last4 = Array.from({ length: queriesPerKind }, () => String(Math.floor(random() * 10_000)).padStart(4, '0'));
    const orderNos = Array.from({ length: queriesPerKind }, () => `B${String(Math.floor(random() * count)).padStart(9, '0')}`);
    // Warm the cache the way a running server is warm.
    for (const q of [...last4.slice(0, 50), ...orderNos.slice(0, 50)]) await store.lookup(q);
    const storeP95Last4Ms = await timeEach(last4, (q) => store.lookup(q));
    const storeP95OrderNoMs = await timeEach(orderNos, (q) => store.lookup(q));

    await store.addUser({ name: 'bench', role: 'agent', createdAt: Date.now(), disabled: false }, await hashPassword('bench-password'));
    const app = await buildServer({ store, settings: SettingsSchema.parse({}), clock: systemClock });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${address}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', password: 'bench-password' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const get = async (q: string): Promise<void> => {
      const res = await fetch(`${address}/api/v1/orders?q=${encodeURIComponent(q)}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`lookup ${q}: HTTP ${res.status}`);
      await res.arrayBuffer();
    };
    for (const q of last4.slice(0, 50)) await get(q);
    const httpP95Last4Ms = await timeEach(last4, get);
    const httpP95OrderNoMs = await timeEach(orderNos, get);
    await app.close();
    await store.close();
    return { orders: count, storeP95Last4Ms, storeP95OrderNoMs, httpP95Last4Ms, httpP95OrderNoMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('lookup-bench.ts')) {
  const count = Number(process.argv[2] ?? 1_000_000);
  process.stdout.write(`${JSON.stringify(await runLookupBench(count))}\n`);
}
