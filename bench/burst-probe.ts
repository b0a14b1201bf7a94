// Probe (not part of run-all): the 20,000-order HTTP burst alone, for profiling.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { ADMIN_PASSWORD, BIN, INGEST_SECRET, signedIngest, sleep, startServe } from './peak-tools.js';
import { lcg, syntheticOrder } from './synthetic-orders.js';

const dir = mkdtempSync(join(tmpdir(), 'ow-probe-'));
const cfg = join(dir, 'p.yaml');
writeFileSync(cfg, `ingest:\n  secrets: { generic: ${INGEST_SECRET} }\n`);
const random = lcg(42);
const from = Date.now() - 600_000;
const orders = Array.from({ length: 20_000 }, (_, i) => {
  const o = syntheticOrder(i, random);
  const placed = new Date(from + i * 30).toISOString();
  return { ...o, orderNo: `P${String(i).padStart(7, '0')}`, placedAt: placed, paidAt: placed, shipments: [] };
});
const bodies: string[] = [];
for (let i = 0; i < orders.length; i += 100) bodies.push(JSON.stringify(orders.slice(i, i + 100)));
const args = ['serve', '--db', join(dir, 'p.db'), '--config', cfg, ...(process.env.PROBE_NO_WORKER ? ['--no-worker'] : [])];
const serve = process.env.PROBE_PROF ? await profiled(args, process.env.PROBE_PROF) : await startServe(args.slice(1));

async function profiled(a: string[], out: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = 18000 + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${out}`, BIN, ...a, '--port', String(port)], { env: { ...process.env, ORDERWATCH_ADMIN_PASSWORD: ADMIN_PASSWORD }, stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await sleep(50);
  }
  return { url, stop: async () => { child.kill('SIGINT'); await new Promise((r) => child.once('exit', r)); } };
}
// The worker thread loads and looks at the empty store first: the burst starts once it rests, as in the peak bench.
await sleep(5_000);
let next = 0;
const t = performance.now();
await Promise.all(Array.from({ length: 8 }, async () => {
  while (next < bodies.length) {
    const r = await signedIngest(serve.url, bodies[next++]!);
    if (r.status !== 200) throw new Error(`status ${r.status}`);
  }
}));
const s = (performance.now() - t) / 1000;
console.log(`burst: ${(orders.length / s).toFixed(0)} orders/s in ${s.toFixed(1)} s`);
await serve.stop();
