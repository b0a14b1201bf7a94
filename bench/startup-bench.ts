// Start-up: how long the `orderwatch` command takes to answer (`--help`, a
// lookup in a store of N orders, default 1,000,000) against `node -e 0`, its
// memory, and `serve --demo-if-empty` on an empty store until the console
// answers a sign-in, with /healthz polled while the demo loads behind it.
// Medians of several runs.
// Run alone: node bin/run-ts.mjs bench/startup-bench.ts [N]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../src/ingest/import-files.js';
import { openStore } from '../src/store/open-store.js';
import { ADMIN_PASSWORD, BIN, freePort, quantile, sleep } from './peak-tools.js';
import { writeSyntheticOrders } from './synthetic-orders.js';

export interface StartupFigures {
  readonly nodeBaselineMs: number;
  readonly helpMs: number;
  readonly helpRssMb: number;
  readonly lookupOrders: number;
  readonly lookupMs: number;
  readonly serveSignInMs: number;
  readonly healthzMaxMs: number;
  readonly healthzSamples: number;
}

/** time runs a command `runs` times and returns the median wall time and the median peak RSS (GNU time). */
function time(args: readonly string[], runs: number): { ms: number; rssMb: number } {
  const ms: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8' });
    ms.push(performance.now() - started);
    const kb = Number(r.stderr.trim().split('\n').pop());
    if (Number.isFinite(kb)) rss.push(kb / 1024);
  }
  return { ms: quantile(ms, 0.5), rssMb: rss.length ? quantile(rss, 0.5) : Number.NaN };
}

/** runStartupBench measures the figures with a lookup store of `orders`; `serveSeconds` bounds how long /healthz is watched while the demo loads. */
export async function runStartupBench(orders = 1_000_000, serveSeconds = 60): Promise<StartupFigures> {
  // The compiled build is what users run: make sure it is current.
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'build-server.mjs')], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'ow-startup-'));
  try {
    // The agent's lookup runs against a store the size of a real shop's year.
    const db = join(dir, 'lookup.db');
    const file = join(dir, 'orders.ndjson');
    await writeSyntheticOrders(file, orders);
    const store = await openStore(db);
    await importFiles([file], store, { channel: 'generic', receivedAt: Date.now() });
    await store.close();
    rmSync(file);
    const baseline = time(['-e', '0'], 7);
    const help = time([BIN, '--help'], 7);
    const lookup = time([BIN, 'lookup', '5678', '--db', db], 7);

    // serve on an empty store: the demo loads behind a console that already answers.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'serve', '--demo-if-empty', '--db', join(dir, 'serve.db'), '--port', String(port)], {
      env: { ...process.env, ORDERWATCH_ADMIN_PASSWORD: ADMIN_PASSWORD },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    let signedInAt: number | undefined;
    while (signedInAt === undefined) {
      if (child.exitCode !== null || performance.now() - started > 180_000) throw new Error(`serve did not answer a sign-in: ${log.slice(-2000)}`);
      const ok = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ name: 'admin', password: ADMIN_PASSWORD }) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) signedInAt = performance.now();
      else await sleep(50);
    }
    const health: number[] = [];
    while (performance.now() - signedInAt < serveSeconds * 1000) {
      const t = performance.now();
      await fetch(`${url}/healthz`).then((r) => r.arrayBuffer());
      health.push(performance.now() - t);
      await sleep(200);
    }
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    return {
      nodeBaselineMs: baseline.ms,
      helpMs: help.ms,
      helpRssMb: help.rssMb,
      lookupOrders: orders,
      lookupMs: lookup.ms,
      serveSignInMs: signedInAt - started,
      healthzMaxMs: Math.max(...health),
      healthzSamples: health.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** startupRows are the table rows of the figures against their targets (issue 11). */
export function startupRows(s: StartupFigures): Array<[string, string, string, boolean]> {
  return [
    ['`orderwatch --help`, median of 7', `${Math.round(s.helpMs)} ms`, '≤ 500 ms', s.helpMs <= 500],
    ['  … against `node -e 0`', `${(s.helpMs / s.nodeBaselineMs).toFixed(1)} × (${Math.round(s.nodeBaselineMs)} ms)`, '≤ 3 ×', s.helpMs <= 3 * s.nodeBaselineMs],
    ['  … its peak memory', `${Math.round(s.helpRssMb)} MiB`, '≤ 80 MiB', s.helpRssMb <= 80],
    [`\`orderwatch lookup 5678\` as a whole process, ${s.lookupOrders.toLocaleString('en')} orders stored, median of 7`, `${Math.round(s.lookupMs)} ms`, '≤ 800 ms', s.lookupMs <= 800],
    ['`serve --demo-if-empty` on an empty store until a sign-in answers', `${(s.serveSignInMs / 1000).toFixed(1)} s`, '≤ 60 s', s.serveSignInMs <= 60_000],
    [`  /healthz slowest while the demo loads behind it (${s.healthzSamples} polls)`, `${Math.round(s.healthzMaxMs)} ms`, '≤ 1,000 ms', s.healthzMaxMs <= 1000],
  ];
}

if (process.argv[1]?.endsWith('startup-bench.ts')) {
  console.log(JSON.stringify(await runStartupBench(Number(process.argv[2] ?? 1_000_000))));
}
