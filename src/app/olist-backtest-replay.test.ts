import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { factsAsOf } from '../detect/as-of.js';
import { HOUR_MS } from '../domain/time.js';
import { OLIST_REPORT } from './olist-backtest.js';
import { olistDetectorReport } from './olist-backtest-report.js';
import { checkpointScores, detectorSchedule, loadOlistReplayOrders, replayOlistOrders, type OlistReplayOrder, type OlistReplaySet } from './olist-backtest-replay.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/olist');
const present = existsSync(join(DIR, 'olist_orders_dataset.csv'));

if (!present) console.log(`olist-backtest-replay: skipped, the Olist data set is not at ${DIR}`);

/** truncated is the data set as it stood at `at`: later orders unknown, later events not yet happened. */
function truncated(orders: readonly OlistReplayOrder[], at: number): OlistReplayOrder[] {
  return orders
    .filter((o) => o.outcome.purchasedAt < at)
    .map((o) => {
      const t = o.timeline;
      const known = (v: number | undefined) => (v !== undefined && v <= at ? v : undefined);
      const { approvedAt: _a, shippedAt: _s, deliveredAt: _d, ...rest } = t;
      const approvedAt = known(t.approvedAt);
      const shippedAt = known(t.shippedAt);
      const deliveredAt = known(t.deliveredAt);
      return {
        ...o,
        facts: factsAsOf(o.facts, at)!,
        timeline: { ...rest, ...(approvedAt !== undefined ? { approvedAt } : {}), ...(shippedAt !== undefined ? { shippedAt } : {}), ...(deliveredAt !== undefined ? { deliveredAt } : {}) },
      };
    });
}

describe.skipIf(!present)('the live detector replayed over Olist (real data, ../shared/data/olist)', () => {
  let set: OlistReplaySet;
  beforeAll(async () => {
    set = await loadOlistReplayOrders(DIR);
  }, 60_000);

  it('reads every order through the Olist adapter, weighted back to the full data set', () => {
    expect(set.orders).toHaveLength(8135);
    expect(set.rejected).toEqual({});
    const delivered = set.orders.find((o) => o.outcome.status === 'delivered')!;
    expect(delivered.timeline.weight).toBeCloseTo(96478 / 5172, 6);
    expect(delivered.facts.trackingFeed).toBe('none');
  });

  it('answers the contract fields, and its baseline is the checkpoint rule counted from the raw data', () => {
    const r = olistDetectorReport(set, { period: 'report' }) as Record<string, unknown> & {
      baseline: { falseAlarmShare: number; recall: number };
      codes: Array<{ code: string; key?: string; against: string; alerts: number; alerted: number; falseAlarmShare: number | null; baseline: { leadHours: number; falseAlarmShare: number } | null; againstBaseline: { verdict: string } | null }>;
      codesWorseThanBaseline: Array<{ code: string; key?: string; against: string }>;
    };
    expect(r).toMatchObject({ leadBasis: 'promised-date-00:00', leadHours: 48, tunedOn: { from: '2017-01-01', to: '2017-12-31' }, period: { from: '2018-01-01', to: '2018-08-31' } });
    for (const field of ['alerts', 'precision', 'recall', 'falseAlarmShare', 'leadTimeHoursMedian']) expect(typeof r[field]).toBe('number');
    expect(r['leadTimeHoursMedian']).toBeCloseTo(48, 0);
    // Independently: delivered 2018-01 … 08 orders not delivered 48 h before 00:00 of the estimated date; late = after that date.
    let pending = 0;
    let late = 0;
    for (const { outcome: o } of set.orders) {
      if (o.status !== 'delivered' || o.purchasedAt < OLIST_REPORT.testFrom || o.purchasedAt >= OLIST_REPORT.testTo || o.deliveredAt === undefined || o.promisedDayStart === undefined) continue;
      if (o.deliveredAt <= Math.max(o.promisedDayStart - 48 * HOUR_MS, o.purchasedAt)) continue;
      pending += 1;
      if (o.deliveredAt > o.promisedBy!) late += 1;
    }
    expect(r.baseline.falseAlarmShare).toBeCloseTo(1 - late / pending, 4);
    expect(r.baseline.recall).toBe(1);
    expect(r.codes.map((c) => `${c.code}${c.key ? `:${c.key}` : ''} ${c.against}`)).toEqual([
      'promise.at_risk:delivery late-delivery',
      'promise.breached:delivery late-delivery',
      'stage.stalled late-delivery',
      'promise.at_risk:ship ship-by',
      'promise.at_risk:ship late-delivery',
      'promise.breached:ship ship-by',
      'promise.breached:ship late-delivery',
      'logistics.exception late-delivery',
    ]);
    // Every code that caught something stands beside its own checkpoint baseline; the warning's is the headline baseline.
    const warning = r.codes[0]!;
    // Its alerts come 48 h ahead, or when an order is placed later than that: its baseline, matched to each alert's
    // lead, is within a point of the headline one.
    expect(warning.baseline).toMatchObject({ leadHours: 48 });
    expect(Math.abs(warning.baseline!.falseAlarmShare - r.baseline.falseAlarmShare)).toBeLessThan(0.01);
    for (const c of r.codes) {
      expect(c.baseline === null, c.code).toBe(c.alerted === 0);
      if (!c.baseline || c.falseAlarmShare === null) continue;
      const verdict = c.falseAlarmShare < c.baseline.falseAlarmShare - 0.0005 ? 'better' : c.falseAlarmShare > c.baseline.falseAlarmShare + 0.0005 ? 'worse' : c.againstBaseline!.verdict;
      expect(c.againstBaseline!.verdict, `${c.code} ${c.against}`).toBe(verdict);
    }
    expect(r.codesWorseThanBaseline).toEqual(r.codes.filter((c) => c.againstBaseline?.verdict === 'worse').map((c) => ({ code: c.code, ...(c.key ? { key: c.key } : {}), against: c.against })));
  }, 120_000);

  it('warns in the replay exactly where the warning, asked at the checkpoint, says so', () => {
    const from = Date.UTC(2018, 2, 1);
    const to = Date.UTC(2018, 3, 1);
    const schedule = detectorSchedule(set.orders);
    const replayed = new Map(replayOlistOrders(set.orders, schedule, from, to).map((r) => [r.outcome.id, r.raised.find((f) => f.code === 'promise.at_risk' && f.key === 'delivery')]));
    const scores = checkpointScores(set.orders, schedule, from, to, 48);
    expect(scores.filter((s) => s.warn).length).toBeGreaterThan(20);
    for (const s of scores) {
      const raised = replayed.get(s.outcome.id);
      expect(raised !== undefined, s.outcome.id).toBe(s.warn);
      if (raised) expect(raised.firstAt - s.checkpoint).toBe(1000);
    }
  }, 120_000);

  it('decides nothing from what happened later (no look-ahead): cut the data after a day, and no verdict before it changes', () => {
    const cut = Date.UTC(2018, 4, 15);
    const from = Date.UTC(2018, 2, 1);
    const full = checkpointScores(set.orders, detectorSchedule(set.orders), from, cut, 48);
    const known = truncated(set.orders, cut);
    const asOfCut = new Map(checkpointScores(known, detectorSchedule(known), from, cut, 48).map((s) => [s.outcome.id, s]));
    const before = full.filter((s) => s.checkpoint + 1000 < cut);
    expect(before.length).toBeGreaterThan(300);
    for (const s of before) {
      const other = asOfCut.get(s.outcome.id)!;
      expect({ id: s.outcome.id, pending: other.pending, warn: other.warn, probability: other.probability }).toEqual({ id: s.outcome.id, pending: s.pending, warn: s.warn, probability: s.probability });
    }
  }, 120_000);
});
