// The agents of the peak bench, in a process of their own, as browsers are:
// a customer-service team looking orders up 20 times a second between them
// (idle first, then until stdin closes), each phase's latencies printed as one
// JSON line. Paced, not a tight loop: a loop that starts the next lookup the
// moment one answers is a load of its own that grows as lookups get faster
// (90 a second once they took 11 ms), and took its CPU from the very burst
// and detection it was meant to watch.
// Run by peak-bench.ts: node bin/run-ts.mjs bench/lookup-agent.ts URL COOKIE QUERIES_FILE IDLE_COUNT
import { readFileSync } from 'node:fs';

const [url, cookie, queriesFile, idleCount] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queriesFile!, 'utf8')) as string[];
const EVERY_MS = 50;
let i = 0;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** paced runs one lookup and waits out the rest of its 50 ms slot (none when it took longer). */
async function paced(): Promise<number> {
  const ms = await lookup();
  if (ms < EVERY_MS) await sleep(EVERY_MS - ms);
  return ms;
}
async function lookup(): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${url}/api/v1/orders?q=${encodeURIComponent(queries[i++ % queries.length]!)}`, { headers: { cookie: cookie! } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`lookup answered ${res.status}`);
  return performance.now() - t;
}
for (let w = 0; w < 50; w++) await lookup();
const idle: number[] = [];
for (let n = 0; n < Number(idleCount); n++) idle.push(await paced());
process.stdout.write(`${JSON.stringify({ phase: 'idle', ms: idle })}\n`);
// The burst: the bench says "go" on stdin and closes it when the burst is over.
let state: 'waiting' | 'burst' | 'done' = 'waiting';
process.stdin.on('data', () => (state = 'burst'));
process.stdin.on('end', () => (state = 'done'));
while (state === 'waiting') await new Promise((r) => setTimeout(r, 5));
const burst: number[] = [];
while (state === 'burst') burst.push(await paced());
process.stdout.write(`${JSON.stringify({ phase: 'burst', ms: burst })}\n`);
