import { describe, expect, it } from 'vitest';
import type { StageEvent } from '../../domain/event.js';
import type { StoredOrder } from '../../domain/order.js';
import { DAY_MS, HOUR_MS } from '../../domain/time.js';
import { chineseBusinessCalendar } from '../calendar/index.js';
import { testContext } from '../checks/test-orders.js';
import type { OrderFacts } from '../facts.js';
import type { JudgeContext } from '../judge.js';
import { fixedStallThresholds } from '../time/stall-thresholds.js';
import { DEADLINE_STEP_MS, replayJudgements, type JudgeSchedule } from './judge-replay.js';

const PAID = Date.UTC(2018, 2, 1, 12);
const DAY_START = Date.UTC(2018, 2, 11, 3);
const DEADLINE = DAY_START + DAY_MS - 1;

const stage = (s: StageEvent['stage'], at: number): StageEvent => ({ kind: 'stage', id: `${s}@${at}`, source: 'olist', occurredAt: at, orderId: 'olist:1', stage: s });

/** An order paid, shipped after 30 h, delivered a day after its promised date; the store's view: its final stage. */
function facts(): OrderFacts {
  const events = [stage('paid', PAID), stage('shipped', PAID + 30 * HOUR_MS), stage('delivered', DEADLINE + DAY_MS)];
  const order: StoredOrder = {
    id: 'olist:1', channel: 'olist', channelOrderId: '1', placedAt: PAID, paidAt: PAID, modifiedAt: PAID, currency: 'BRL',
    itemsTotalFen: 100, shippingFen: 0, discountFen: 0, paidFen: 100, customer: { tier: 'regular' }, receiver: { province: 'RJ', city: 'rio de janeiro' },
    items: [{ sku: 'S', quantity: 1, unitPriceFen: 100 }], tags: [], shipments: [], promisedDeliveryBy: DEADLINE,
    stage: 'delivered', stageEnteredAt: DEADLINE + DAY_MS, ingestedAt: PAID,
  };
  return { order, events, trackingFeed: 'none' };
}

/** The fixed allowances (paid: 24 h) and no learned warning: the checkpoint rule. */
function schedule(asked: number[] = []): JudgeSchedule {
  const calendar = chineseBusinessCalendar();
  return {
    contextAt(at): JudgeContext {
      asked.push(at);
      return { arrival: testContext({ now: at }), thresholds: fixedStallThresholds({ paid: 24 }), calendar };
    },
  };
}

describe('replayJudgements', () => {
  it('raises each live finding at the moment the live judge would have, as of that moment', () => {
    const raised = replayJudgements(facts(), schedule(), DEADLINE + 30 * DAY_MS);
    const first = Object.fromEntries(raised.filter((f) => f.code !== 'phone.invalid' && !f.code.startsWith('address.')).map((f) => [`${f.code}:${f.key}`, f.firstAt]));
    expect(first).toEqual({
      // Paid, not shipped 24 h later: judged a second after the allowance ran out.
      'stage.stalled:paid': PAID + 24 * HOUR_MS + DEADLINE_STEP_MS,
      // Not delivered 48 h before 00:00 of the promised date (no learned model: the checkpoint rule).
      'promise.at_risk:delivery': DAY_START - 48 * HOUR_MS + DEADLINE_STEP_MS,
      'promise.breached:delivery': DEADLINE + DEADLINE_STEP_MS,
    });
  });

  it('asks for the context in force at each moment and judges nothing after `until`', () => {
    const asked: number[] = [];
    replayJudgements(facts(), schedule(asked), DAY_START);
    expect(asked[0]).toBe(PAID);
    expect(asked).toContain(PAID + 30 * HOUR_MS);
    expect(Math.max(...asked)).toBeLessThanOrEqual(DAY_START);
    expect([...asked].sort((a, b) => a - b)).toEqual(asked);
  });
});
