import type { Stage } from '../../domain/stage.js';

/**
 * PDD_ORDER_STAGES maps 拼多多's `order_status` (发货状态): 1 waiting to ship,
 * 2 shipped and waiting for receipt, 3 received. Cancellation is told apart
 * by `confirm_status` 2 and a completed refund (`refund_status` 4).
 */
export const PDD_ORDER_STAGES: Readonly<Record<number, Stage>> = {
  1: 'paid',
  2: 'shipped',
  3: 'delivered',
};

/** pddStageOf maps an order's status codes to its stage, or undefined when order_status is not documented. */
export function pddStageOf(orderStatus: number, confirmStatus: number | undefined, refundStatus: number | undefined): Stage | undefined {
  const stage = Object.hasOwn(PDD_ORDER_STAGES, orderStatus) ? PDD_ORDER_STAGES[orderStatus] : undefined;
  if (stage === undefined) return undefined;
  if (confirmStatus === 2) return 'cancelled';
  // A full refund before the parcel left cancels the sale; after it, the order stays where the parcel is.
  if (refundStatus === 4 && stage === 'paid') return 'cancelled';
  return stage;
}
