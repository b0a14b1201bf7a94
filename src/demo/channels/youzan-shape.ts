import { SHOP_NAMES } from '../catalogue.js';
import type { DemoOrder } from '../model.js';
import type { OrderStatus } from '../status.js';
import { localTime, yuan } from './shape-helpers.js';

function statusOf(status: OrderStatus): readonly [string, string] {
  if (status.cancelledAt !== undefined) return ['TRADE_CLOSE', '交易关闭'];
  if (status.finishedAt !== undefined) return ['TRADE_SUCCESS', '交易成功'];
  if (status.shipped.length > 0) return ['WAIT_BUYER_CONFIRM_GOODS', '商家已发货'];
  return ['WAIT_SELLER_SEND_GOODS', '买家已付款'];
}

/**
 * youzanOrder renders an order as a Youzan `full_order_info` document (the
 * own web shop): yuan strings, Shanghai local times, the phone in full.
 */
export function youzanOrder(order: DemoOrder, status: OrderStatus): Record<string, unknown> {
  const r = order.receiver;
  const [code, text] = statusOf(status);
  const itemsTotal = order.lines.reduce((n, l) => n + l.unitPriceFen * l.quantity, 0);
  const first = status.shipped[0];
  const endAt = status.finishedAt ?? status.cancelledAt;
  return {
    full_order_info: {
      order_info: {
        tid: order.channelOrderId,
        status: code,
        status_str: text,
        type: 0,
        shop_name: SHOP_NAMES.youzan,
        created: localTime(order.placedAt),
        pay_time: localTime(order.paidAt),
        update_time: localTime(status.modifiedAt),
        ...(first ? { consign_time: localTime(first.shippedAt) } : {}),
        ...(endAt !== undefined ? { success_time: localTime(endAt) } : {}),
      },
      buyer_info: { buyer_id: Number(order.customer.id.slice(1)), fans_nickname: order.customer.nick },
      address_info: {
        receiver_name: r.name,
        receiver_tel: r.phone,
        delivery_province: r.province,
        delivery_city: r.city,
        delivery_district: r.district,
        delivery_address: r.detail,
        delivery_postal_code: r.zip,
      },
      pay_info: { payment: yuan(order.paidFen), total_fee: yuan(itemsTotal), post_fee: yuan(order.shippingFen) },
      remark_info: { buyer_message: order.buyerNote, trade_memo: order.sellerNote },
      orders: order.lines.map((line) => ({
        oid: line.lineId,
        item_id: Number(line.sku.itemId),
        sku_id: Number(line.sku.skuId),
        outer_sku_id: line.sku.code,
        title: line.sku.title,
        num: line.quantity,
        price: yuan(line.unitPriceFen),
        total_fee: yuan(line.unitPriceFen * line.quantity),
        payment: yuan(line.paidFen),
      })),
      delivery_order: status.shipped.map((p) => ({
        express_state: 1,
        dists: [{ express_info: { express_id: p.carrier.jdLogisticsId, express_name: p.carrier.name, express_no: p.trackingNo } }],
      })),
    },
  };
}
