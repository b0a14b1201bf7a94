import { shanghaiText } from './local-time.js';
import { HOUR_MS, type Instant } from '../domain/time.js';
import type { DemoLabel, DemoOrder } from './model.js';
import { STALE_AFTER_HOURS, type TroublePlan } from './scenarios.js';

/** AT_RISK_LEAD is how close to its promise an unshipped order counts as at risk. */
export const AT_RISK_LEAD = 12 * HOUR_MS;

/**
 * WAREHOUSE_STALL is how long an order of ordinary goods may wait between
 * review and leaving the warehouse before it is stuck: the slowest normal
 * order, ready just after the 19:30 wave, joins the 08:30 wave and is out
 * 15 h 44 min after its review (label ≤ 10 min, pick ≤ 60, hand-over ≤ 90);
 * a stall is a quarter past that. Fresh goods have waves every two hours
 * until 21:00: their slowest normal wait is 12 h 39 min.
 */
export const WAREHOUSE_STALL = 1.25 * (15 * 60 + 44) * 60_000;
export const FRESH_WAREHOUSE_STALL = 1.25 * (12 * 60 + 39) * 60_000;

/**
 * PICKUP_STALL is how long a handed-over parcel may wait for the carrier:
 * carriers collect twice a day, so the longest normal wait is the night's
 * (18:30 to noon); a stall is a quarter past that.
 */
export const PICKUP_STALL = 22 * HOUR_MS;

/**
 * truthLabels lists an order's ground truth once its timeline is planned:
 * the labels its trouble put on it, plus what follows from its facts — a VIP
 * buyer, the customs, drop-ship and made-to-order exemptions of its category, a stock check
 * against the stale warehouse's old sync, its platform promise broken, or
 * near (at some moment up to `end`, unshipped within AT_RISK_LEAD of it),
 * and a stall: stuck in the warehouse or waiting for pickup past the
 * longest normal wait by `end`, without an agreed later date.
 */
export function truthLabels(order: DemoOrder, plan: TroublePlan, end: Instant): DemoLabel[] {
  const labels: DemoLabel[] = order.labels.map((l) => ({ orderId: order.orderId, ...l }));
  const add = (code: string, note: string): void => {
    if (!labels.some((l) => l.code === code)) labels.push({ orderId: order.orderId, code, note });
  };
  if (order.customer.tier === 'vip') add('customer.vip', `VIP 客户 ${order.customer.id}`);
  if (order.category === 'cross_border') add('exempt.customs', '跨境保税仓订单，需海关清关后出库');
  if (order.category === 'home') add('exempt.dropship', '厂家直发，按厂家排期发货');
  // Made to order (定制 in the title, and the ERP's note): its later ship date is legitimate, as the notes say.
  if (order.category === 'furniture') add('exempt.dropship', '定制家具，完工（7-15天）后发货');
  // A pre-sale's goods are made or bought for it: it is never checked against the stock reading.
  if (order.warehouse === plan.staleWarehouse && order.presale === undefined && order.placedAt >= plan.staleFrom && order.placedAt < plan.staleUntil) {
    add('stock.sync_stale', `${plan.staleWarehouse} 的 ERP 库存同步自 ${shanghaiText(plan.staleFrom - STALE_AFTER_HOURS * HOUR_MS)} 后中断`);
  }
  const t = order.timeline;
  if (!t || t.cancelledAt !== undefined) return labels;
  const agreedLater = order.presale !== undefined || order.labels.some((l) => l.code === 'exempt.customer_request');
  const shipped = t.parcels[0]?.shippedAt;
  const shippedBy = (at: Instant): boolean => shipped !== undefined && shipped <= Math.min(at, end);
  const promise = order.promisedShipBy;
  if (promise !== undefined && !order.labels.some((l) => l.code === 'exempt.customer_request')) {
    const due = shanghaiText(promise);
    if (promise - AT_RISK_LEAD <= end && !shippedBy(promise - AT_RISK_LEAD)) {
      add('promise.at_risk', `承诺 ${due} 前发货，距承诺不足 ${AT_RISK_LEAD / HOUR_MS} 小时时仍未出库`);
    }
    if (promise < end && !shippedBy(promise)) {
      add('promise.breached', shipped !== undefined && shipped <= end ? `承诺 ${due} 前发货，实际 ${shanghaiText(shipped)} 发货` : `承诺 ${due} 前发货，截至 ${shanghaiText(end)} 仍未发货`);
    }
  }
  const reviewed = t.reviewedAt;
  if (!agreedLater && reviewed !== undefined && ['electronics', 'mother_baby', 'fresh'].includes(order.category) && order.warehouse !== undefined) {
    const left = Math.min(shipped ?? end, end);
    if (left - reviewed > (order.category === 'fresh' ? FRESH_WAREHOUSE_STALL : WAREHOUSE_STALL)) add('stage.stalled', `审核后 ${Math.round((left - reviewed) / HOUR_MS)} 小时仍未出库`);
  }
  const parcel = t.parcels[0];
  if (!agreedLater && parcel && parcel.shippedAt <= end) {
    const collected = parcel.track.find((p) => p.state === 'picked_up')?.at;
    const waited = Math.min(collected ?? end, end) - parcel.shippedAt;
    if (waited > PICKUP_STALL) add('stage.stalled', `交接快递后 ${Math.round(waited / HOUR_MS)} 小时仍未揽收`);
  }
  return labels;
}
