import type { Stage } from '../../domain/stage.js';

/**
 * YOUZAN_STATUS_STAGES maps Youzan's main order status (`order_info.status`)
 * to the stage it means. TRADE_PAID and WAIT_CONFIRM (group buy not yet
 * formed, waiting for acceptance) are both "paid, not yet to ship"; the older
 * closed spellings are accepted beside TRADE_CLOSE.
 */
export const YOUZAN_STATUS_STAGES: Readonly<Record<string, Stage>> = {
  TRADE_NO_CREATE_PAY: 'pending_payment',
  WAIT_BUYER_PAY: 'pending_payment',
  TRADE_PAID: 'paid',
  WAIT_CONFIRM: 'paid',
  WAIT_SELLER_SEND_GOODS: 'paid',
  WAIT_BUYER_CONFIRM_GOODS: 'shipped',
  TRADE_SUCCESS: 'delivered',
  TRADE_CLOSE: 'cancelled',
  TRADE_CLOSED: 'cancelled',
  TRADE_CLOSED_BY_USER: 'cancelled',
};

/** youzanStatusStage tells the stage a Youzan status means, or undefined for a status we do not know. */
export function youzanStatusStage(status: string): Stage | undefined {
  return Object.hasOwn(YOUZAN_STATUS_STAGES, status) ? YOUZAN_STATUS_STAGES[status] : undefined;
}
