import { backtestCurve, runBacktest, type BacktestOrder } from '../detect/backtest/index.js';
import { DEFAULT_POLICY } from '../detect/thresholds/index.js';
import { OLIST_REPORT, PROMISE_GRID } from './olist-backtest.js';
import { loadOlistBacktestOrders } from './olist-backtest-orders.js';

/** DEFAULT_OLIST_DIR is where the Olist data set sits beside a clone (as the backtest command reads it). */
export const DEFAULT_OLIST_DIR = '../shared/data/olist';

const FIXED_CURVE = [24, 36, 48, 72, 96, 120].map((hours) => ({ kind: 'fixed', hours }) as const);

/**
 * olistBacktester is the backtest the console's rules page shows: the
 * shipped policy (`dynamic`) or the fixed 48 h rule replayed on the Olist
 * orders of 2018-01 … 08, with the false-alarm-vs-recall curve over the
 * policy's settings. The orders are read once and each result is kept: the
 * data does not change while the server runs (a run takes about a second).
 */
export function olistBacktester(dir: string = process.env.ORDERWATCH_OLIST_DIR ?? DEFAULT_OLIST_DIR): { run(policy: 'dynamic' | 'fixed'): Promise<object> } {
  let orders: Promise<BacktestOrder[]> | undefined;
  const results = new Map<string, Promise<object>>();
  const compute = async (policy: 'dynamic' | 'fixed'): Promise<object> => {
    orders ??= loadOlistBacktestOrders(dir);
    const all = await orders.catch((error: unknown) => {
      orders = undefined;
      throw new Error(`cannot read the Olist data set in ${dir}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const started = performance.now();
    const result = runBacktest(all, { ...OLIST_REPORT, policy: policy === 'fixed' ? { kind: 'fixed', hours: 48 } : DEFAULT_POLICY });
    const curve = backtestCurve(all, OLIST_REPORT, policy === 'fixed' ? FIXED_CURVE : PROMISE_GRID);
    const { alertList: _alerts, ...figures } = result;
    return { dataset: 'olist', period: { from: '2018-01-01', to: '2018-08-31' }, ...figures, curve, seconds: (performance.now() - started) / 1000 };
  };
  return {
    run(policy) {
      let result = results.get(policy);
      if (!result) {
        result = compute(policy);
        results.set(policy, result);
        result.catch(() => results.delete(policy));
      }
      return result;
    },
  };
}
