import type { Stage } from '../../domain/stage.js';

/**
 * DOUYIN_ORDER_STAGES maps every documented 抖店 `order_status` code to the
 * stage the order is in. 101 (partly shipped) stays `paid`: the order is not
 * out of the warehouse until its last parcel is.
 */
export const DOUYIN_ORDER_STAGES: Readonly<Record<number, Stage>> = {
  1: 'pending_payment',
  105: 'paid',
  2: 'paid',
  101: 'paid',
  3: 'shipped',
  4: 'cancelled',
  5: 'delivered',
};

/** douyinStageOf maps an order_status code to its stage, or undefined when the code is not documented. */
export function douyinStageOf(status: number): Stage | undefined {
  return Object.hasOwn(DOUYIN_ORDER_STAGES, status) ? DOUYIN_ORDER_STAGES[status] : undefined;
}
