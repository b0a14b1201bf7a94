import type { Stage } from '../../domain/stage.js';

/**
 * JD_ORDER_STAGES maps every documented JD POP `orderState` to the stage the
 * order is in. Paused and locked orders (a cancel request, a risk check) are
 * still paid and unshipped: the raw state stays visible as channelStatus, so
 * detection can treat them apart.
 */
export const JD_ORDER_STAGES: Readonly<Record<string, Stage>> = {
  WAIT_SELLER_STOCK_OUT: 'paid',
  WAIT_SELLER_DELIVERY: 'paid',
  POP_ORDER_PAUSE: 'paid',
  PAUSE: 'paid',
  LOCKED: 'paid',
  WAIT_GOODS_RECEIVE_CONFIRM: 'shipped',
  FINISHED_L: 'delivered',
  TRADE_CANCELED: 'cancelled',
};

/** jdStageOf maps an orderState to its stage, or undefined when the state is not documented. */
export function jdStageOf(state: string): Stage | undefined {
  return Object.hasOwn(JD_ORDER_STAGES, state) ? JD_ORDER_STAGES[state] : undefined;
}
