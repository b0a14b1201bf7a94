import type { Stage } from '../../domain/stage.js';

/**
 * WECHAT_SHOP_ORDER_STAGES maps 微信小店 (视频号小店) `status`: 10 awaiting
 * payment, 12 gift waiting to be accepted, 13 group buy forming, 20 waiting to
 * ship, 21 partly shipped (still in the warehouse's hands), 30 waiting for
 * receipt, 100 completed, 200 cancelled after full after-sale, 250 cancelled
 * unpaid.
 */
export const WECHAT_SHOP_ORDER_STAGES: Readonly<Record<number, Stage>> = {
  10: 'pending_payment',
  12: 'paid',
  13: 'paid',
  20: 'paid',
  21: 'paid',
  30: 'shipped',
  100: 'delivered',
  200: 'cancelled',
  250: 'cancelled',
};

/** wechatShopStageOf maps a status code to its stage, or undefined when the code is not documented. */
export function wechatShopStageOf(status: number): Stage | undefined {
  return Object.hasOwn(WECHAT_SHOP_ORDER_STAGES, status) ? WECHAT_SHOP_ORDER_STAGES[status] : undefined;
}
