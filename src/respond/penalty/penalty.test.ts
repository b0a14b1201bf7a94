import { describe, expect, it } from 'vitest';
import { incidentPenalty, orderPenalty, penaltyRuleOf, TAOBAO_LATE_SHIPMENT } from './index.js';

const HOUR = 3_600_000;
const PAID = Date.parse('2026-11-11T10:00:00+08:00');
const order = (over: Partial<Parameters<typeof orderPenalty>[0]> = {}): Parameters<typeof orderPenalty>[0] => ({ channel: 'taobao', paidFen: 19_900, paidAt: PAID, placedAt: PAID, stage: 'paid', ...over });

describe('Taobao late shipment: 5 % of paid, at least ¥5, at most ¥30', () => {
  it.each([
    [19_900, 995],
    [5_000, 500],
    [9_999, 500],
    [10_000, 500],
    [10_020, 501],
    [60_000, 3000],
    [1_000_000, 3000],
  ])('paid %i fen → %i fen', (paid, owed) => {
    expect(TAOBAO_LATE_SHIPMENT.amount(paid)).toBe(owed);
  });
});

describe('orderPenalty', () => {
  it('is at stake until the promised ship time, then owed', () => {
    const promised = PAID + 24 * HOUR;
    const before = orderPenalty(order({ promisedShipBy: promised }), PAID + HOUR);
    expect(before).toEqual({ amountFen: 995, deadlineAt: promised, incurred: false, rule: { id: 'taobao.late_shipment', label: TAOBAO_LATE_SHIPMENT.label, source: TAOBAO_LATE_SHIPMENT.source } });
    expect(orderPenalty(order({ promisedShipBy: promised }), promised + 1)?.incurred).toBe(true);
  });

  it('without a promise, counts the usual 48 h from payment', () => {
    expect(orderPenalty(order(), PAID)?.deadlineAt).toBe(PAID + 48 * HOUR);
  });

  it('costs nothing more once shipped, or for a channel with no rule', () => {
    expect(orderPenalty(order({ stage: 'shipped' }), PAID)).toBeUndefined();
    expect(orderPenalty(order({ stage: 'delivered' }), PAID)).toBeUndefined();
    expect(orderPenalty(order({ channel: 'shopify' }), PAID)).toBeUndefined();
  });

  it('says JD, Douyin and Pinduoduo have no verified rule rather than invent one', () => {
    for (const channel of ['jd', 'douyin', 'pdd']) {
      const p = orderPenalty(order({ channel: channel as never }), PAID);
      expect(p?.amountFen).toBeNull();
      expect(p?.rule.label.zh).toContain('未找到官方规则');
    }
  });

  it('takes a shop’s own terms from the policy over the built-in rule', () => {
    const settings = { rules: { jd: { percent: 10, minFen: 300, maxFen: 5000 } } };
    expect(orderPenalty(order({ channel: 'jd' }), PAID, settings)?.amountFen).toBe(1990);
    expect(penaltyRuleOf('jd', settings)?.id).toBe('jd.configured');
  });
});

describe('incidentPenalty', () => {
  it('sums the money at stake, says what is owed, and the time left before the next deadline', () => {
    const now = PAID + 30 * HOUR;
    const p = incidentPenalty(
      [
        order({ promisedShipBy: PAID + 24 * HOUR }), // owed: 995
        order({ paidFen: 100_000, promisedShipBy: PAID + 36 * HOUR }), // at stake: 3000, 6 h left
        order({ channel: 'jd' }), // unknown rule
        order({ stage: 'shipped' }), // nothing
      ],
      now,
    );
    expect(p).toEqual({ amountFen: 3995, orders: 2, unknownOrders: 1, incurredFen: 995, nextDeadlineAt: PAID + 36 * HOUR, msLeft: 6 * HOUR });
  });
});
