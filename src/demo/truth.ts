import { shanghaiText } from './local-time.js';
import { HOUR_MS, type Instant } from '../domain/time.js';
import type { DemoLabel, DemoOrder } from './model.js';
import type { TroublePlan } from './scenarios.js';

/** AT_RISK_LEAD is how close to its promise an unshipped order at `end` counts as at risk. */
export const AT_RISK_LEAD = 12 * HOUR_MS;

/**
 * truthLabels lists an order's ground truth once its timeline is planned:
 * the labels its trouble put on it, plus what follows from its facts — a VIP
 * buyer, the customs and drop-ship exemptions of its category, a stock check
 * against the stale warehouse's old sync, and its platform promise kept,
 * broken or about to break as of `end`.
 */
export function truthLabels(order: DemoOrder, plan: TroublePlan, end: Instant): DemoLabel[] {
  const labels: DemoLabel[] = order.labels.map((l) => ({ orderId: order.orderId, ...l }));
  const add = (code: string, note: string): void => {
    labels.push({ orderId: order.orderId, code, note });
  };
  if (order.customer.tier === 'vip') add('customer.vip', `VIP 客户 ${order.customer.id}`);
  if (order.category === 'cross_border') add('exempt.customs', '跨境保税仓订单，需海关清关后出库');
  if (order.category === 'home') add('exempt.dropship', '厂家直发，按厂家排期发货');
  if (order.warehouse === plan.staleWarehouse && order.placedAt >= plan.staleFrom && order.placedAt < plan.staleUntil) {
    add('stock.sync_stale', `${plan.staleWarehouse} 的 ERP 库存同步自 ${shanghaiText(plan.staleFrom - 26 * HOUR_MS)} 后中断`);
  }
  const promise = order.promisedShipBy;
  const t = order.timeline;
  const exempt = order.labels.some((l) => l.code === 'exempt.customer_request');
  if (promise !== undefined && t && t.cancelledAt === undefined && !exempt) {
    const shipped = t.parcels[0]?.shippedAt;
    const due = shanghaiText(promise);
    if (shipped !== undefined && shipped <= end) {
      if (shipped > promise) add('promise.breached', `承诺 ${due} 前发货，实际 ${shanghaiText(shipped)} 发货`);
    } else if (end > promise) {
      add('promise.breached', `承诺 ${due} 前发货，截至 ${shanghaiText(end)} 仍未发货`);
    } else if (promise - end <= AT_RISK_LEAD) {
      add('promise.at_risk', `承诺 ${due} 前发货，仍未出库，距承诺不足 ${AT_RISK_LEAD / HOUR_MS} 小时`);
    }
  }
  return labels;
}
