import { describe, expect, it } from 'vitest';
import type { LogisticsEvent } from '../../domain/event.js';
import type { Exemption } from '../../domain/finding.js';
import type { StoredOrder } from '../../domain/order.js';
import { HOUR_MS, parseInstant } from '../../domain/time.js';
import { fixedStallThresholds } from './stall-thresholds.js';
import { runTimeChecks } from './time-checks.js';

const t = (s: string): number => parseInstant(s)!;
const T0 = t('2026-11-11T10:00:00+08:00');

function order(over: Partial<StoredOrder> = {}): StoredOrder {
  return {
    id: 'douyin:1', channel: 'douyin', channelOrderId: '1', placedAt: T0, paidAt: T0, modifiedAt: T0, currency: 'CNY',
    itemsTotalFen: 100, shippingFen: 0, discountFen: 0, paidFen: 100, customer: { tier: 'regular' }, receiver: {},
    items: [{ sku: 'S', quantity: 1, unitPriceFen: 100 }], tags: [], shipments: [],
    stage: 'paid', stageEnteredAt: T0, ingestedAt: T0, ...over,
  };
}

const thresholds = fixedStallThresholds({ paid: 24, picked: 24 });
const codes = (r: ReturnType<typeof runTimeChecks>) => r.findings.map((f) => `${f.code}:${f.key}`);

describe('runTimeChecks', () => {
  it('is quiet inside the allowance and asks to be checked again at the deadline', () => {
    const r = runTimeChecks({ order: order(), events: [] }, [], thresholds, T0 + 10 * HOUR_MS);
    expect(codes(r)).toEqual([]);
    expect(r.nextCheckAt).toBe(T0 + 24 * HOUR_MS);
  });

  it('flags a stage held past its allowance, with the threshold and its derivation', () => {
    const r = runTimeChecks({ order: order({ stage: 'picked', stageEnteredAt: T0 }), events: [] }, [], thresholds, T0 + 40 * HOUR_MS);
    expect(codes(r)).toEqual(['stage.stalled:picked']);
    const f = r.findings[0]!;
    expect(f.threshold).toMatchObject({ hours: 24, deadline: T0 + 24 * HOUR_MS, policy: 'fixed', segment: 'global' });
    expect(f.explanation.zh).toContain('已拣货');
    expect(f.evidence).toMatchObject({ hoursInStage: 40 });
    expect(f.severity).toBe('warning');
  });

  it('moves the deadline to an exemption and keeps watching against it', () => {
    const exemption: Exemption = {
      orderId: 'douyin:1', code: 'exempt.customer_request', source: 'buyer_note', matched: '下周再发',
      reason: { zh: '买家要求下周再发', en: 'buyer asked to ship next week' }, newDeadline: T0 + 7 * 24 * HOUR_MS,
    };
    const quiet = runTimeChecks({ order: order(), events: [] }, [exemption], thresholds, T0 + 5 * 24 * HOUR_MS);
    expect(codes(quiet)).toEqual([]);
    expect(quiet.nextCheckAt).toBe(T0 + 7 * 24 * HOUR_MS);
    const late = runTimeChecks({ order: order(), events: [] }, [exemption], thresholds, T0 + 8 * 24 * HOUR_MS);
    expect(codes(late)).toEqual(['stage.stalled:paid']);
  });

  it('warns before the platform ship promise and flags the breach after it', () => {
    const o = order({ promisedShipBy: T0 + 48 * HOUR_MS });
    const early = runTimeChecks({ order: o, events: [] }, [], fixedStallThresholds({}), T0 + 20 * HOUR_MS);
    expect(codes(early)).toEqual([]);
    expect(early.nextCheckAt).toBe(T0 + 36 * HOUR_MS);
    const risk = runTimeChecks({ order: o, events: [] }, [], fixedStallThresholds({}), T0 + 40 * HOUR_MS);
    expect(codes(risk)).toEqual(['promise.at_risk:ship']);
    expect(risk.findings[0]!.evidence).toMatchObject({ leadHours: 8 });
    const breached = runTimeChecks({ order: o, events: [] }, [], fixedStallThresholds({}), T0 + 50 * HOUR_MS);
    expect(codes(breached)).toEqual(['promise.breached:ship']);
    const shipped = runTimeChecks({ order: { ...o, stage: 'shipped' }, events: [] }, [], fixedStallThresholds({}), T0 + 50 * HOUR_MS);
    expect(codes(shipped)).toEqual([]);
  });

  it("keeps a platform promise through the shop's own delays (a holiday, a supplier's schedule); what the buyer agreed moves it", () => {
    const o = order({ promisedShipBy: T0 + 48 * HOUR_MS });
    const holiday: Exemption = {
      orderId: 'douyin:1', code: 'exempt.holiday_prestock', source: 'calendar', matched: '国庆节',
      reason: { zh: '原发货期限落在国庆节假期', en: 'the original deadline falls in the National Day holiday' }, newDeadline: T0 + 8 * 24 * HOUR_MS,
    };
    expect(codes(runTimeChecks({ order: o, events: [] }, [holiday], fixedStallThresholds({}), T0 + 40 * HOUR_MS))).toEqual(['promise.at_risk:ship']);
    expect(codes(runTimeChecks({ order: o, events: [] }, [holiday], fixedStallThresholds({}), T0 + 50 * HOUR_MS))).toEqual(['promise.breached:ship']);
    const supplier: Exemption = { ...holiday, code: 'exempt.dropship', source: 'seller_note', matched: '厂家直发' };
    expect(codes(runTimeChecks({ order: o, events: [] }, [supplier], fixedStallThresholds({}), T0 + 50 * HOUR_MS))).toEqual(['promise.breached:ship']);
    const asked: Exemption = { ...holiday, code: 'exempt.customer_request', source: 'buyer_note', matched: '晚点发' };
    expect(codes(runTimeChecks({ order: o, events: [] }, [asked], fixedStallThresholds({}), T0 + 50 * HOUR_MS))).toEqual([]);
  });

  it("reports the carrier's latest trouble per parcel, and not once the parcel moves on", () => {
    const track = (state: LogisticsEvent['state'], h: number): LogisticsEvent => ({
      kind: 'logistics', id: `k${h}`, source: 'kuaidi100', occurredAt: T0 + h * HOUR_MS, trackingNo: 'ZT1', carrier: 'ZTO', state, detail: state,
    });
    const o = order({ stage: 'shipped', stageEnteredAt: T0 });
    const failed = runTimeChecks({ order: o, events: [track('pickup_failed', 2)] }, [], fixedStallThresholds({}), T0 + 3 * HOUR_MS);
    expect(codes(failed)).toEqual(['logistics.exception:ZT1']);
    expect(failed.findings[0]!.explanation.zh).toContain('揽收失败');
    const moved = runTimeChecks({ order: o, events: [track('pickup_failed', 2), track('picked_up', 5)] }, [], fixedStallThresholds({}), T0 + 6 * HOUR_MS);
    expect(codes(moved)).toEqual([]);
    // A track line from after "now" is not known yet when replaying history.
    const asOf = runTimeChecks({ order: o, events: [track('pickup_failed', 2), track('picked_up', 5)] }, [], fixedStallThresholds({}), T0 + 3 * HOUR_MS);
    expect(codes(asOf)).toEqual(['logistics.exception:ZT1']);
  });

  it('leaves closed orders alone', () => {
    const r = runTimeChecks({ order: order({ stage: 'delivered', promisedShipBy: T0 }), events: [] }, [], thresholds, T0 + 100 * HOUR_MS);
    expect(r).toEqual({ findings: [], nextCheckAt: undefined });
  });
});
