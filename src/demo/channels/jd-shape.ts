import type { DemoOrder } from '../model.js';
import type { OrderStatus } from '../status.js';
import { localTime, maskAny, pages, yuan } from './shape-helpers.js';

/** JD_PAGE_SIZE is the most orders `jingdong.pop.order.search` returns per page. */
export const JD_PAGE_SIZE = 100;

/** JD_VENDER_ID is the demo shop's JD vendor id. */
export const JD_VENDER_ID = '10086721';

function orderState(status: OrderStatus): readonly [string, string] {
  if (status.cancelledAt !== undefined) return ['TRADE_CANCELED', '(删除)库房取消'];
  if (status.finishedAt !== undefined) return ['FINISHED_L', '完成'];
  if (status.shipped.length > 0) return ['WAIT_GOODS_RECEIVE_CONFIRM', '等待确认收货'];
  return ['WAIT_SELLER_STOCK_OUT', '等待出库'];
}

/**
 * jdOrder renders an order as a JD POP order (`jingdong.pop.order.search`
 * fields): yuan strings, Shanghai local times, waybills joined with commas.
 * Hidden receivers come with an empty `mobile` and only the masked `desen_mobile`.
 */
export function jdOrder(order: DemoOrder, status: OrderStatus): Record<string, unknown> {
  const r = order.receiver;
  const [state, remark] = orderState(status);
  const itemsTotal = order.lines.reduce((n, l) => n + l.unitPriceFen * l.quantity, 0);
  const ids = r.code;
  const result: Record<string, unknown> = {
    orderId: order.channelOrderId,
    venderId: JD_VENDER_ID,
    orderType: '22',
    orderState: state,
    orderStateRemark: remark,
    orderTotalPrice: yuan(itemsTotal),
    orderSellerPrice: yuan(itemsTotal - order.discountFen),
    sellerDiscount: yuan(order.discountFen),
    freightPrice: yuan(order.shippingFen),
    orderPayment: yuan(order.paidFen),
    payType: '4-在线支付',
    orderRemark: order.buyerNote,
    venderRemark: order.sellerNote,
    orderStartTime: localTime(order.placedAt),
    paymentConfirmTime: localTime(order.paidAt),
    modified: localTime(status.modifiedAt),
    pin: `jd_${order.customer.id.slice(1)}`,
    consigneeInfo: {
      fullname: r.name,
      telephone: '',
      mobile: r.hidden ? '' : r.phone,
      desen_mobile: maskAny(r.phone),
      fullAddress: `${r.province}${r.city}${r.district}${r.town}${r.detail}`,
      province: r.province,
      provinceId: ids.slice(0, 2),
      city: r.city,
      cityId: ids.slice(0, 4),
      county: r.district,
      countyId: ids,
      town: r.town,
      townId: `${ids}001`,
    },
    itemInfoList: order.lines.map((line) => ({
      skuId: line.sku.skuId,
      outerSkuId: line.sku.code,
      skuName: line.sku.title,
      jdPrice: yuan(line.unitPriceFen),
      itemTotal: String(line.quantity),
      wareId: line.sku.itemId,
    })),
  };
  const endAt = status.finishedAt ?? status.cancelledAt;
  if (endAt !== undefined) result['orderEndTime'] = localTime(endAt);
  if (status.shipped.length > 0) {
    result['waybill'] = status.shipped.map((p) => p.trackingNo).join(',');
    result['logisticsId'] = status.shipped[0]?.carrier.jdLogisticsId;
  }
  return result;
}

/** jdPages wraps orders in `jingdong_pop_order_search_responce` pages (JD's spelling) of at most 100. */
export function jdPages(orders: readonly Record<string, unknown>[]): unknown[] {
  return pages(orders, JD_PAGE_SIZE).map((page) => ({
    jingdong_pop_order_search_responce: {
      code: '0',
      searchorderinfo_result: {
        apiResult: { success: true, resultCode: '0', chineseErrCode: '成功' },
        orderTotal: orders.length,
        orderInfoList: page,
      },
    },
  }));
}
