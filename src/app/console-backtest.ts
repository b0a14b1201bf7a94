import { Worker } from 'node:worker_threads';
import { backtestCurve, runBacktest } from '../detect/backtest/index.js';
import { FIXED_CURVE, OLIST_REPORT } from './olist-backtest.js';
import { loadOlistBacktestOrders } from './olist-backtest-orders.js';
import { olistDetectorReport } from './olist-backtest-report.js';
import { loadOlistReplayOrders } from './olist-backtest-replay.js';

/** DEFAULT_OLIST_DIR is where the Olist data set sits beside a clone (as the backtest command reads it). */
export const DEFAULT_OLIST_DIR = '../shared/data/olist';

/** BacktestPolicyName is what the console offers: the live detector, or the fixed 48 h rule for comparison. */
export type BacktestPolicyName = 'dynamic' | 'fixed';

/**
 * runOlistBacktest replays the Olist orders of 2018-01 … 08: `dynamic` is
 * the live detector (every time finding scored, the promise warning beside
 * its checkpoint baseline, its curve over probability cuts); `fixed` the
 * "not shipped 48 h after purchase" rule with its curve over hours. CPU
 * bound for several seconds: olistBacktester runs it in a worker thread.
 */
export async function runOlistBacktest(dir: string, policy: BacktestPolicyName): Promise<object> {
  const fail = (error: unknown): never => {
    throw new Error(`cannot read the Olist data set in ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  };
  if (policy === 'dynamic') {
    const set = await loadOlistReplayOrders(dir).catch(fail);
    return olistDetectorReport(set, { period: 'report' });
  }
  const orders = await loadOlistBacktestOrders(dir).catch(fail);
  const started = performance.now();
  const result = runBacktest(orders, { ...OLIST_REPORT, policy: { kind: 'fixed', hours: 48 } });
  const curve = backtestCurve(orders, OLIST_REPORT, FIXED_CURVE);
  const { alertList: _alerts, ...figures } = result;
  return { dataset: 'olist', detector: 'rule', period: { from: '2018-01-01', to: '2018-08-31' }, leadBasis: 'promised-date-00:00', ...figures, curve, seconds: (performance.now() - started) / 1000 };
}

/** inWorker runs runOlistBacktest in a worker thread (bin/backtest-worker.mjs loads the TypeScript), so the server keeps answering meanwhile. */
function inWorker(dir: string, policy: BacktestPolicyName): Promise<object> {
  return new Promise((resolve, reject) => {
    // Compiled (dist/), the thread runs its compiled sibling; from source (tsx), a shim that loads the TypeScript.
    const entry = import.meta.url.endsWith('.js') ? new URL('./olist-backtest-job.js', import.meta.url) : new URL('../../bin/backtest-worker.mjs', import.meta.url);
    const worker = new Worker(entry, { workerData: { dir, policy } });
    worker.once('message', (m: { ok: boolean; result?: object; error?: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.result!);
      else reject(new Error(m.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the backtest worker stopped (exit code ${code})`)));
  });
}

/**
 * olistBacktester is the backtest the console's rules page shows. Each
 * policy's result is computed once, off the main thread, and kept: the data
 * does not change while the server runs.
 */
export function olistBacktester(dir: string = process.env.ORDERWATCH_OLIST_DIR ?? DEFAULT_OLIST_DIR): { run(policy: BacktestPolicyName): Promise<object> } {
  const results = new Map<string, Promise<object>>();
  return {
    run(policy) {
      let result = results.get(policy);
      if (!result) {
        result = inWorker(dir, policy);
        results.set(policy, result);
        result.catch(() => results.delete(policy));
      }
      return result;
    },
  };
}
