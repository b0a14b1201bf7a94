import { Worker } from 'node:worker_threads';
import { backtestCurve, runBacktest } from '../detect/backtest/index.js';
import { DEFAULT_POLICY } from '../detect/thresholds/index.js';
import { OLIST_REPORT, PROMISE_GRID } from './olist-backtest.js';
import { loadOlistBacktestOrders } from './olist-backtest-orders.js';

/** DEFAULT_OLIST_DIR is where the Olist data set sits beside a clone (as the backtest command reads it). */
export const DEFAULT_OLIST_DIR = '../shared/data/olist';

/** BacktestPolicyName is what the console offers: the shipped policy, or the fixed 48 h rule. */
export type BacktestPolicyName = 'dynamic' | 'fixed';

const FIXED_CURVE = [24, 36, 48, 72, 96, 120].map((hours) => ({ kind: 'fixed', hours }) as const);

/**
 * runOlistBacktest replays the Olist orders of 2018-01 … 08 under a policy,
 * with the false-alarm-vs-recall curve over the policy's settings. CPU bound
 * for half a minute (the curve is 40 replays): olistBacktester runs it in a
 * worker thread.
 */
export async function runOlistBacktest(dir: string, policy: BacktestPolicyName): Promise<object> {
  let orders;
  try {
    orders = await loadOlistBacktestOrders(dir);
  } catch (error) {
    throw new Error(`cannot read the Olist data set in ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const started = performance.now();
  const result = runBacktest(orders, { ...OLIST_REPORT, policy: policy === 'fixed' ? { kind: 'fixed', hours: 48 } : DEFAULT_POLICY });
  const curve = backtestCurve(orders, OLIST_REPORT, policy === 'fixed' ? FIXED_CURVE : PROMISE_GRID);
  const { alertList: _alerts, ...figures } = result;
  return { dataset: 'olist', period: { from: '2018-01-01', to: '2018-08-31' }, ...figures, curve, seconds: (performance.now() - started) / 1000 };
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
