import type { Stage } from '../../domain/stage.js';

/**
 * TAOBAO_TRADE_STAGES maps every documented TOP trade status to the stage the
 * order is in. Partly shipped stays `paid`: the order is not out of the
 * warehouse until its last parcel is, and its parcels so far are listed as
 * shipments. PAID_FORBID_CONSIGN is paid but must not ship yet, which is the
 * `paid` stage with a status detection can see.
 */
export const TAOBAO_TRADE_STAGES: Readonly<Record<string, Stage>> = {
  TRADE_NO_CREATE_PAY: 'pending_payment',
  WAIT_BUYER_PAY: 'pending_payment',
  PAY_PENDING: 'pending_payment',
  WAIT_PRE_AUTH_CONFIRM: 'pending_payment',
  WAIT_SELLER_SEND_GOODS: 'paid',
  PAID_FORBID_CONSIGN: 'paid',
  SELLER_CONSIGNED_PART: 'paid',
  WAIT_BUYER_CONFIRM_GOODS: 'shipped',
  TRADE_BUYER_SIGNED: 'delivered',
  TRADE_FINISHED: 'delivered',
  TRADE_CLOSED: 'cancelled',
  TRADE_CLOSED_BY_TAOBAO: 'cancelled',
};

/** taobaoStageOf maps a trade status to its stage, or undefined when the status is not documented. */
export function taobaoStageOf(status: string): Stage | undefined {
  return Object.hasOwn(TAOBAO_TRADE_STAGES, status) ? TAOBAO_TRADE_STAGES[status] : undefined;
}
