// The agent of the peak bench in a process of its own, as a browser is: it
// signs in, then looks orders up one after another (idle first, then until
// its stdin closes) and prints each phase's latencies as one JSON line.
// Run by peak-bench.ts: node bin/run-ts.mjs bench/lookup-agent.ts URL COOKIE QUERIES_FILE IDLE_COUNT
import { readFileSync } from 'node:fs';

const [url, cookie, queriesFile, idleCount] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queriesFile!, 'utf8')) as string[];
let i = 0;
async function lookup(): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${url}/api/v1/orders?q=${encodeURIComponent(queries[i++ % queries.length]!)}`, { headers: { cookie: cookie! } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`lookup answered ${res.status}`);
  return performance.now() - t;
}
for (let w = 0; w < 50; w++) await lookup();
const idle: number[] = [];
for (let n = 0; n < Number(idleCount); n++) idle.push(await lookup());
process.stdout.write(`${JSON.stringify({ phase: 'idle', ms: idle })}\n`);
// The burst: the bench says "go" on stdin and closes it when the burst is over.
let state: 'waiting' | 'burst' | 'done' = 'waiting';
process.stdin.on('data', () => (state = 'burst'));
process.stdin.on('end', () => (state = 'done'));
while (state === 'waiting') await new Promise((r) => setTimeout(r, 5));
const burst: number[] = [];
while (state === 'burst') burst.push(await lookup());
process.stdout.write(`${JSON.stringify({ phase: 'burst', ms: burst })}\n`);
