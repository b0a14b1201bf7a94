import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BacktestOrder } from '../detect/backtest/backtest-order.js';
import { runBacktest } from '../detect/backtest/index.js';
import { loadOlistBacktestOrders, olistSampleWeights } from './olist-backtest-orders.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/olist');
const present = existsSync(join(DIR, 'olist_orders_dataset.csv'));
const local = (date: string): number => Date.parse(`${date}T03:00:00Z`);
const REPORT = { trainFrom: local('2016-01-01'), trainTo: local('2018-01-01'), testFrom: local('2018-01-01'), testTo: local('2018-09-01'), recalibrate: 'monthly' } as const;

describe('olistSampleWeights', () => {
  it("weighs each order back to the full data set's mix of delivered and other orders", () => {
    const sample = olistSampleWeights([...Array<string>(5172).fill('delivered'), ...Array<string>(2963).fill('canceled')]);
    expect(sample('delivered')).toBeCloseTo(18.654, 3);
    expect(sample('canceled')).toBe(1);
    const full = olistSampleWeights([...Array<string>(96478).fill('delivered'), ...Array<string>(2963).fill('shipped')]);
    expect([full('delivered'), full('shipped')]).toEqual([1, 1]);
  });
});

if (!present) console.log(`olist-backtest-orders: skipped, the Olist data set is not at ${DIR}`);

describe.skipIf(!present)('Olist backtest orders (real data, ../shared/data/olist)', () => {
  let orders: BacktestOrder[] = [];
  beforeAll(async () => {
    orders = await loadOlistBacktestOrders(DIR);
  });

  it('maps every order with its segment and sampling weight', () => {
    expect(orders).toHaveLength(8135);
    const delivered = orders.find((o) => o.status === 'delivered')!;
    expect(delivered.weight).toBeCloseTo(18.654, 3);
    expect(delivered.segment.customerState).toMatch(/^[A-Z]{2}$/);
    expect(delivered.segment.category).toBeTruthy();
  });

  it('reproduces the README baseline "not shipped 48 h after purchase" (≈ 89.6 % false alarms, 70.1 % recall)', () => {
    const result = runBacktest(orders, { ...REPORT, policy: { kind: 'fixed', hours: 48 } });
    expect(result.falseAlarmShare!).toBeGreaterThan(0.896 - 0.02);
    expect(result.falseAlarmShare!).toBeLessThan(0.896 + 0.02);
    expect(result.recall!).toBeGreaterThan(0.701 - 0.02);
    expect(result.recall!).toBeLessThan(0.701 + 0.02);
  });

  it('reproduces the ship-by baseline (≈ 75.3 % / 28.1 %)', () => {
    const result = runBacktest(orders, { ...REPORT, policy: { kind: 'ship-by' } });
    expect(result.falseAlarmShare!).toBeCloseTo(0.753, 2);
    expect(result.recall!).toBeCloseTo(0.281, 2);
  });
});
