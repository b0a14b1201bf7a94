import { SHOP_NAMES } from '../catalogue.js';
import type { DemoOrder } from '../model.js';
import type { OrderStatus } from '../status.js';
import { localTime, pages, shippedParcelOfLine, yuan } from './shape-helpers.js';

/** TAOBAO_PAGE_SIZE is the most trades `taobao.trades.sold.get` returns per page. */
export const TAOBAO_PAGE_SIZE = 100;

function tradeStatus(status: OrderStatus): string {
  if (status.cancelledAt !== undefined) return 'TRADE_CLOSED';
  if (status.finishedAt !== undefined) return 'TRADE_FINISHED';
  if (status.allShipped) return 'WAIT_BUYER_CONFIRM_GOODS';
  if (status.shipped.length > 0) return 'SELLER_CONSIGNED_PART';
  return 'WAIT_SELLER_SEND_GOODS';
}

/**
 * taobaoTrade renders an order as a TOP trade (`taobao.trades.sold.get`
 * fields): yuan strings, Shanghai local times, pre-sale as `type: 'step'`.
 * `tid`/`oid` are strings because 19-digit numbers do not survive a JS number.
 */
export function taobaoTrade(order: DemoOrder, status: OrderStatus): Record<string, unknown> {
  const r = order.receiver;
  const state = tradeStatus(status);
  const itemsTotal = order.lines.reduce((n, l) => n + l.unitPriceFen * l.quantity, 0);
  const firstShip = status.shipped[0];
  const trade: Record<string, unknown> = {
    tid: order.channelOrderId,
    type: order.presale ? 'step' : 'fixed',
    status: state,
    seller_nick: SHOP_NAMES.taobao,
    buyer_nick: order.customer.nick,
    buyer_open_uid: `AAH${order.customer.id.slice(1)}tb`,
    created: localTime(order.placedAt),
    pay_time: localTime(order.paidAt),
    modified: localTime(status.modifiedAt),
    payment: yuan(order.paidFen),
    total_fee: yuan(itemsTotal),
    post_fee: yuan(order.shippingFen),
    discount_fee: yuan(order.discountFen),
    buyer_message: order.buyerNote,
    seller_memo: order.sellerNote,
    seller_flag: order.sellerNote ? 4 : 0,
    receiver_name: r.name,
    receiver_mobile: r.phone,
    receiver_phone: '',
    receiver_state: r.province,
    receiver_city: r.city,
    receiver_district: r.district,
    receiver_town: r.town,
    receiver_address: r.detail,
    receiver_zip: r.zip,
    oaid: `1${order.customer.id.slice(1)}${r.zip}OAID`,
    orders: {
      order: order.lines.map((line, i) => {
        const parcel = state === 'TRADE_CLOSED' ? undefined : shippedParcelOfLine(order, status, i);
        return {
          oid: line.lineId,
          num_iid: line.sku.itemId,
          sku_id: line.sku.skuId,
          outer_iid: line.sku.code.split('-').slice(0, 2).join('-'),
          outer_sku_id: line.sku.code,
          title: line.sku.title,
          num: line.quantity,
          price: yuan(line.unitPriceFen),
          total_fee: yuan(line.unitPriceFen * line.quantity),
          payment: yuan(line.paidFen),
          status: state === 'SELLER_CONSIGNED_PART' ? (parcel ? 'WAIT_BUYER_CONFIRM_GOODS' : 'WAIT_SELLER_SEND_GOODS') : state,
          refund_status: state === 'TRADE_CLOSED' ? 'SUCCESS' : 'NO_REFUND',
          is_oversold: false,
          ...(parcel
            ? { consign_time: localTime(parcel.shippedAt), logistics_company: parcel.carrier.taobaoName, invoice_no: parcel.trackingNo }
            : {}),
        };
      }),
    },
  };
  if (firstShip) trade['consign_time'] = localTime(firstShip.shippedAt);
  const endAt = status.finishedAt ?? status.cancelledAt;
  if (endAt !== undefined) trade['end_time'] = localTime(endAt);
  if (order.presale) {
    trade['step_trade_status'] = 'FRONT_PAID_FINAL_PAID';
    trade['step_paid_fee'] = yuan(order.presale.depositFen);
    trade['delivery_time'] = localTime(order.presale.shipBy);
  }
  return trade;
}

/** taobaoPages wraps trades in `trades_sold_get_response` pages of at most 100 trades. */
export function taobaoPages(trades: readonly Record<string, unknown>[]): unknown[] {
  return pages(trades, TAOBAO_PAGE_SIZE).map((page, i, all) => ({
    trades_sold_get_response: {
      total_results: trades.length,
      has_next: i < all.length - 1,
      trades: { trade: page },
    },
  }));
}
