// Detection speed: arrival checks per second on one core, a deadline sweep
// over N open orders with 1 % due, event → finding stored latency, and one
// Olist backtest. Run alone: node bin/run-ts.mjs bench/detection-bench.ts [N]
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DetectionService } from '../src/pipeline/detection-service.js';
import { olistDetectorReport } from '../src/app/olist-backtest-report.js';
import { loadOlistReplayOrders } from '../src/app/olist-backtest-replay.js';
import { runArrivalChecks } from '../src/detect/checks/index.js';
import { testContext, testOrder } from '../src/detect/checks/test-orders.js';
import { genericAdapter } from '../src/ingest/generic/index.js';
import { importRecords } from '../src/ingest/import-records.js';
import { openStore } from '../src/store/open-store.js';
import { lcg, syntheticOrder } from './synthetic-orders.js';

export interface DetectionFigures {
  readonly arrivalChecksPerSecond: number;
  readonly openOrders: number;
  readonly sweepDueMs: number;
  readonly eventToFindingP99Ms: number;
  readonly olistBacktestSeconds: number | null;
}

function arrivalThroughput(): number {
  const phones = ['13812345678', '1381234567', '138****5678', '13900000000-1234', '0571-88886666'];
  const details = ['文三路100号3幢501室', '阳光小区门口', '科技园南路8号2栋1201', '菜鸟驿站'];
  const facts = Array.from({ length: 10_000 }, (_, i) =>
    testOrder({ id: `taobao:${i}`, receiver: { name: '王小明', phoneRaw: phones[i % phones.length]!, province: '浙江省', city: '杭州市', district: '西湖区', detail: details[i % details.length]! } }),
  );
  const context = testContext();
  for (const f of facts) runArrivalChecks(f, context); // warm-up: JIT and the division table
  const rounds = 20;
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const f of facts) runArrivalChecks(f, context);
  return (rounds * facts.length) / ((performance.now() - started) / 1000);
}

async function sweepAndLatency(count: number): Promise<{ sweepDueMs: number; eventToFindingP99Ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-detect-'));
  try {
    const path = join(dir, 'detect.db');
    const now = Date.parse('2026-11-16T02:00:00Z');
    // N open orders straight into the table: only the deadline column matters for the sweep.
    (await openStore(path)).close();
    const db = new Database(path);
    const insert = db.prepare(
      "INSERT INTO orders (id, channel, channel_order_id, stage, stage_entered_at, placed_at, modified_at, paid_fen, customer_tier, is_open, ingested_at, doc) VALUES (?, 'generic', ?, 'paid', ?, ?, ?, 100, 'regular', 1, ?, '{}')",
    );
    const check = db.prepare('INSERT INTO order_checks (order_id, next_check_at) VALUES (?, ?)');
    const random = lcg(3);
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const due = random() < 0.01;
        insert.run(`bench:${i}`, String(i), now, now, now, now);
        check.run(`bench:${i}`, due ? now - 60_000 : now + 3_600_000 + Math.floor(random() * 86_400_000));
      }
    })();
    db.close();
    const store = await openStore(path);
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await store.detection.dueOrders(now, Math.ceil(count * 0.02));
      samples.push(performance.now() - t);
    }
    const sweepDueMs = samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

    // Event → finding: a real order arrives, then its pick event; the sweep judges it.
    const service = new DetectionService(store.detection);
    await store.detection.clearJudgements();
    const latencies: number[] = [];
    const rnd = lcg(9);
    for (let i = 0; i < 200; i++) {
      const order = { ...syntheticOrder(i, rnd), receiver: { name: '王小明', phone: '1381234567', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路1号' } };
      const t = performance.now();
      await importRecords([{ value: order }], genericAdapter, store, { receivedAt: now });
      const changes = await service.sweep(now, 100);
      latencies.push(performance.now() - t);
      if (!changes.opened.some((f) => f.code === 'phone.invalid')) throw new Error('bench: the invalid phone was not found');
    }
    await store.close();
    latencies.sort((a, b) => a - b);
    process.stderr.write(`event → finding: p50 ${latencies[100]!.toFixed(1)} ms, p99 ${latencies[198]!.toFixed(1)} ms, max ${latencies[199]!.toFixed(1)} ms\n`);
    return { sweepDueMs, eventToFindingP99Ms: latencies[Math.floor(latencies.length * 0.99)]! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** runDetectionBench measures detection with `count` open orders. */
export async function runDetectionBench(count: number, olistDir = '../shared/data/olist'): Promise<DetectionFigures> {
  const arrivalChecksPerSecond = arrivalThroughput();
  const { sweepDueMs, eventToFindingP99Ms } = await sweepAndLatency(count);
  let olistBacktestSeconds: number | null = null;
  if (existsSync(olistDir)) {
    // The live detector replayed over Olist 2018-01 … 08 (monthly recalibration, every time finding scored), data already read.
    const set = await loadOlistReplayOrders(olistDir);
    const started = performance.now();
    olistDetectorReport(set, { period: 'report' });
    olistBacktestSeconds = (performance.now() - started) / 1000;
  }
  return { arrivalChecksPerSecond, openOrders: count, sweepDueMs, eventToFindingP99Ms, olistBacktestSeconds };
}

if (process.argv[1]?.endsWith('detection-bench.ts')) {
  process.stdout.write(`${JSON.stringify(await runDetectionBench(Number(process.argv[2] ?? 1_000_000)))}\n`);
}
