import { describe, expect, it } from 'vitest';
import type { StageEvent } from '../../domain/event.js';
import type { StoredOrder } from '../../domain/order.js';
import { DAY_MS, HOUR_MS } from '../../domain/time.js';
import type { PromiseAssessment } from '../thresholds/index.js';
import type { PromiseCheckpoint } from '../thresholds/promise-features.js';
import { judgeDeliveryPromise, type PromiseRiskScorer } from './promise-warning.js';
import { fixedStallThresholds } from './stall-thresholds.js';
import { runTimeChecks } from './time-checks.js';

// Promised date 2018-03-15 in UTC-3 (Olist): 00:00 there is 03:00 UTC; the promise runs to the end of that day.
const DAY_START = Date.UTC(2018, 2, 15, 3);
const DEADLINE = DAY_START + DAY_MS - 1;
const PAID = DAY_START - 10 * DAY_MS;

function order(over: Partial<StoredOrder> = {}): StoredOrder {
  return {
    id: 'olist:1', channel: 'olist', channelOrderId: '1', placedAt: PAID, paidAt: PAID, modifiedAt: PAID, currency: 'BRL',
    itemsTotalFen: 100, shippingFen: 0, discountFen: 0, paidFen: 100, customer: { tier: 'regular' }, receiver: { province: 'RJ' },
    items: [{ sku: 'S', quantity: 1, unitPriceFen: 100, attributes: ['seller_state:SP'] }], tags: [], shipments: [],
    stage: 'paid', stageEnteredAt: PAID, ingestedAt: PAID, promisedDeliveryBy: DEADLINE, ...over,
  };
}

const shipped = (at: number): StageEvent => ({ kind: 'stage', id: `s${at}`, source: 'olist', occurredAt: at, orderId: 'olist:1', stage: 'shipped' });

/** A scorer that answers a fixed probability and records what it was asked. */
function scorer(probability: number, asked: PromiseCheckpoint[] = [], over: Partial<Pick<PromiseAssessment, 'contributions'>> & { network?: PromiseAssessment['facts']['network'] } = {}): PromiseRiskScorer {
  return {
    examples: 300,
    version: 7,
    assess(o) {
      asked.push(o);
      const a: PromiseAssessment = {
        probability,
        cut: 0.5,
        atRisk: probability >= 0.5,
        facts: {
          values: { notShipped: o.shippedAt === undefined ? 1 : 0, arrivalChance: 0.3, deliveryDays: 1.2, promiseStretch: 0.4, destinationLateShare: 0.1, warehouseLateShare: 0.1, networkLateShare: 0.08, promisedDays: 2.3 },
          hoursLeft: (o.deadline - o.at) / HOUR_MS,
          promisedDays: 10,
          usualDays: 6.5,
          ...(over.network ? { network: over.network } : {}),
        },
        contributions: over.contributions ?? { notShipped: 1.1, deliveryDays: 0.6, promiseStretch: -0.2 },
      };
      return a;
    },
  };
}

describe('the promise warning (promise.at_risk, delivery)', () => {
  const promise = { dayStart: DAY_START, deadline: DEADLINE, leadHours: 48 };

  it('decides at L hours before 00:00 of the promised date, from the order as it stood then', () => {
    const asked: PromiseCheckpoint[] = [];
    // Shipped after the checkpoint: the verdict still sees it unshipped, so every later judgement repeats it.
    const w = judgeDeliveryPromise({ order: order({ stage: 'shipped', stageEnteredAt: DAY_START - HOUR_MS }), events: [shipped(DAY_START - HOUR_MS)] }, promise, scorer(0.8, asked));
    expect(w.checkpoint).toBe(DAY_START - 48 * HOUR_MS);
    expect(asked[0]).toMatchObject({ at: DAY_START - 48 * HOUR_MS, promisedDayStart: DAY_START, deadline: DEADLINE, purchasedAt: PAID });
    expect(asked[0]!.shippedAt).toBeUndefined();
    expect(asked[0]!.segment).toMatchObject({ customerState: 'RJ', sellerState: 'SP' });
    expect(w.warn).toBe(true);
  });

  it('says why in words: where the order stood, then the strongest reasons, with the probability and the cut', () => {
    const w = judgeDeliveryPromise({ order: order(), events: [] }, promise, scorer(0.8));
    expect(w.explanation.zh).toBe('承诺日（2018-03-15）00:00 前 48 小时判断：逾期概率 80%（≥ 50% 预警）：尚未交给快递；剩余 72 小时按以往签收时段只相当于 1.2 个正常派送日');
    expect(w.explanation.en).toContain('80% likely late (warned at ≥ 50%): not yet handed to the carrier; the 72 h left hold 1.2 days of normal delivery activity');
    const withCarrier = judgeDeliveryPromise({ order: order({ stage: 'shipped', stageEnteredAt: DAY_START - 108 * HOUR_MS }), events: [shipped(DAY_START - 108 * HOUR_MS)] }, promise, scorer(0.8));
    expect(withCarrier.explanation.zh).toContain('80%（≥ 50% 预警）：已交快递 2.5 天仍未签收；剩余 72 小时');
    expect(withCarrier.explanation.en).toContain('with the carrier for 2.5 days, not delivered; the 72 h left');
    expect(w.evidence).toMatchObject({ rule: 'model', probability: 0.8, cut: 0.5, leadHours: 48, promisedDate: '2018-03-15' });
    expect(w.threshold).toMatchObject({ hours: 48, deadline: DEADLINE, policy: 'promise-model', sampleSize: 300, version: 7 });
  });

  it('names the network’s recent record and a long promise when they push towards late, strongest first', () => {
    const network = { lateShare: 0.21, parcels: 412, usualShare: 0.07 };
    const w = judgeDeliveryPromise({ order: order(), events: [] }, promise, scorer(0.8, [], { network, contributions: { notShipped: 1.1, networkLateShare: 0.9, promisedDays: 0.3, deliveryDays: -0.4 } }));
    expect(w.explanation.zh).toBe('承诺日（2018-03-15）00:00 前 48 小时判断：逾期概率 80%（≥ 50% 预警）：尚未交给快递；近 30 天承诺到期的 412 个已发货包裹中 21% 逾期（以往 7%）；承诺 10.0 天送达：路途远或慢的订单');
    expect(w.explanation.en).toContain('21% of the 412 parcels whose promise ended in the last 30 days were late (usually 7%); promised in 10.0 days: a far or slow route');
    // A reason that pushed towards on time (here the days left) is not named as a cause.
    expect(w.explanation.en).not.toContain('delivery activity');
  });

  it('names the promised days once when the stretch already says them', () => {
    const w = judgeDeliveryPromise({ order: order(), events: [] }, promise, scorer(0.8, [], { contributions: { notShipped: 1.1, promisedDays: 0.5, promiseStretch: 0.3 } }));
    expect(w.explanation.zh).toBe('承诺日（2018-03-15）00:00 前 48 小时判断：逾期概率 80%（≥ 50% 预警）：尚未交给快递；承诺 10.0 天送达，同类订单通常 6.5 天：至今未到，已落后于同类');
  });

  it('stays quiet below the cut', () => {
    expect(judgeDeliveryPromise({ order: order(), events: [] }, promise, scorer(0.2)).warn).toBe(false);
  });

  it('without a learned model warns every order not delivered at the checkpoint, and says so', () => {
    const w = judgeDeliveryPromise({ order: order(), events: [] }, promise, undefined);
    expect(w.warn).toBe(true);
    expect(w.evidence).toMatchObject({ rule: 'checkpoint' });
    expect(w.explanation.zh).toContain('按检查点规则预警');
    expect(w.threshold.policy).toBe('checkpoint');
  });

  it('judges an order placed after its checkpoint when it arrives', () => {
    const late = DAY_START - 10 * HOUR_MS;
    const w = judgeDeliveryPromise({ order: order({ placedAt: late, paidAt: late }), events: [] }, promise, undefined);
    expect(w.checkpoint).toBe(late);
    expect(w.evidence).toMatchObject({ leadHours: 10 });
  });
});

describe('runTimeChecks on the delivery promise', () => {
  const thresholds = { ...fixedStallThresholds({}), promiseRisk: scorer(0.8) };

  it('waits for the checkpoint, warns from it until the deadline, then flags the breach', () => {
    const facts = { order: order(), events: [] };
    const before = runTimeChecks(facts, [], thresholds, DAY_START - 50 * HOUR_MS);
    expect(before.findings).toEqual([]);
    expect(before.nextCheckAt).toBe(DAY_START - 48 * HOUR_MS);
    const at = runTimeChecks(facts, [], thresholds, DAY_START - 48 * HOUR_MS + 1000);
    expect(at.findings.map((f) => `${f.code}:${f.key}`)).toEqual(['promise.at_risk:delivery']);
    expect(at.nextCheckAt).toBe(DEADLINE);
    expect(at.findings[0]!.evidence).toMatchObject({ promise: 'delivery', deadline: DEADLINE, checkpoint: DAY_START - 48 * HOUR_MS });
    const after = runTimeChecks(facts, [], thresholds, DEADLINE + HOUR_MS);
    expect(after.findings.map((f) => `${f.code}:${f.key}`)).toEqual(['promise.breached:delivery']);
  });

  it('takes the lead per channel from the settings', () => {
    const settings = { shipLeadHours: 12, deliveryLeadHours: 48, channels: { olist: { deliveryLeadHours: 72 } } };
    const r = runTimeChecks({ order: order(), events: [] }, [], thresholds, DAY_START - 80 * HOUR_MS, settings);
    expect(r.nextCheckAt).toBe(DAY_START - 72 * HOUR_MS);
    const other = runTimeChecks({ order: order({ channel: 'jd', id: 'jd:1' }), events: [] }, [], thresholds, DAY_START - 80 * HOUR_MS, settings);
    expect(other.nextCheckAt).toBe(DAY_START - 48 * HOUR_MS);
  });

  it('is quiet once delivered', () => {
    const r = runTimeChecks({ order: order({ stage: 'delivered', stageEnteredAt: DAY_START - 30 * HOUR_MS }), events: [] }, [], thresholds, DAY_START);
    expect(r.findings).toEqual([]);
  });
});
