// The worker side of olistBacktester: runs one Olist backtest and posts the result.
import { parentPort, workerData } from 'node:worker_threads';
import { runOlistBacktest, type BacktestPolicyName } from './console-backtest.js';

const { dir, policy } = workerData as { dir: string; policy: BacktestPolicyName };
runOlistBacktest(dir, policy).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) => parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) }),
);
