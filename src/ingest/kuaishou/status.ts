import type { Stage } from '../../domain/stage.js';

/**
 * KUAISHOU_ORDER_STAGES maps 快手小店's `orderBaseInfo.status`: 10 awaiting
 * payment, 30 paid, 40 shipped, 50 received, 70 completed, 80 failed (closed
 * or cancelled).
 */
export const KUAISHOU_ORDER_STAGES: Readonly<Record<number, Stage>> = {
  10: 'pending_payment',
  30: 'paid',
  40: 'shipped',
  50: 'delivered',
  70: 'delivered',
  80: 'cancelled',
};

/** kuaishouStageOf maps a status code to its stage, or undefined when the code is not documented. */
export function kuaishouStageOf(status: number): Stage | undefined {
  return Object.hasOwn(KUAISHOU_ORDER_STAGES, status) ? KUAISHOU_ORDER_STAGES[status] : undefined;
}
