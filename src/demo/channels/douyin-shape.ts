import { SHOP_NAMES } from '../catalogue.js';
import { unixSeconds } from '../local-time.js';
import type { DemoOrder } from '../model.js';
import type { Rng } from '../prng.js';
import { encryptedToken } from '../people.js';
import type { OrderStatus } from '../status.js';
import { maskName, maskAny, pages, shippedParcelOfLine } from './shape-helpers.js';

/** DOUYIN_PAGE_SIZE is the most orders `/order/searchList` returns per page. */
export const DOUYIN_PAGE_SIZE = 100;

/** DOUYIN_SHOP_ID is the demo shop's 抖店 shop id. */
export const DOUYIN_SHOP_ID = 4463798;

function statusOf(order: DemoOrder, status: OrderStatus): readonly [number, string] {
  if (status.cancelledAt !== undefined) return [4, '已取消'];
  if (status.finishedAt !== undefined) return [5, '已完成'];
  if (status.allShipped) return [3, '已发货'];
  if (status.shipped.length > 0) return [101, '部分发货'];
  if (order.timeline?.reviewedAt !== undefined) return [2, '备货中'];
  return [105, '已支付'];
}

const division = (name: string, id: string): { name: string; id: string } => ({ name, id });

/**
 * douyinOrder renders an order as a 抖店 shop order (`/order/searchList`
 * fields): amounts in integer fen, times in unix seconds, the receiver masked
 * and encrypted as the platform hands it out, `exp_ship_time` as the promise.
 */
export function douyinOrder(order: DemoOrder, status: OrderStatus, rng: Rng): Record<string, unknown> {
  const r = order.receiver;
  const [code, desc] = statusOf(order, status);
  const itemsTotal = order.lines.reduce((n, l) => n + l.unitPriceFen * l.quantity, 0);
  const preSaleType = !order.presale ? 0 : order.presale.kind === 'staged' ? 2 : 1;
  const first = status.shipped[0];
  return {
    shop_id: DOUYIN_SHOP_ID,
    shop_name: SHOP_NAMES.douyin,
    order_id: order.channelOrderId,
    order_level: 2,
    order_status: code,
    order_status_desc: desc,
    main_status: code,
    main_status_desc: desc,
    create_time: unixSeconds(order.placedAt),
    pay_time: unixSeconds(order.paidAt),
    update_time: unixSeconds(status.modifiedAt),
    ship_time: first ? unixSeconds(first.shippedAt) : 0,
    finish_time: status.finishedAt !== undefined ? unixSeconds(status.finishedAt) : status.cancelledAt !== undefined ? unixSeconds(status.cancelledAt) : 0,
    exp_ship_time: order.promisedShipBy !== undefined ? unixSeconds(order.promisedShipBy) : 0,
    order_amount: itemsTotal + order.shippingFen,
    pay_amount: order.paidFen,
    post_amount: order.shippingFen,
    promotion_amount: order.discountFen,
    buyer_words: order.buyerNote,
    seller_words: order.sellerNote,
    seller_remark_stars: order.sellerNote ? 3 : 0,
    doudian_open_id: `1@#${order.customer.id}dy`,
    post_addr: {
      province: division(r.province, r.code.slice(0, 2)),
      city: division(r.city, r.code.slice(0, 4)),
      town: division(r.district, r.code),
      street: division(r.town, `${r.code}001`),
      detail: r.detail,
    },
    encrypt_post_tel: encryptedToken(rng),
    mask_post_tel: maskAny(r.phone),
    encrypt_post_receiver: encryptedToken(rng, 24),
    mask_post_receiver: maskName(r.name),
    logistics_info: status.shipped.map((p) => ({
      tracking_no: p.trackingNo,
      company: p.carrier.douyinCode,
      company_name: p.carrier.name,
      ship_time: unixSeconds(p.shippedAt),
    })),
    sku_order_list: order.lines.map((line, i) => {
      const parcel = shippedParcelOfLine(order, status, i);
      return {
        order_id: line.lineId,
        parent_order_id: order.channelOrderId,
        sku_id: Number(line.sku.skuId),
        product_id: line.sku.itemId,
        product_name: line.sku.title,
        out_sku_id: line.sku.code,
        item_num: line.quantity,
        origin_amount: line.unitPriceFen * line.quantity,
        pay_amount: line.paidFen,
        pre_sale_type: preSaleType,
        trade_type: order.presale?.kind === 'deposit' ? 2 : 0,
        order_status: code === 101 ? (parcel ? 3 : 2) : code,
      };
    }),
  };
}

/** douyinPages wraps orders in `{data: {shop_order_list}}` pages of at most 100, as `/order/searchList` answers. */
export function douyinPages(orders: readonly Record<string, unknown>[]): unknown[] {
  return pages(orders, DOUYIN_PAGE_SIZE).map((page, i) => ({
    code: 10000,
    msg: 'success',
    data: { shop_order_list: page, page: i, size: DOUYIN_PAGE_SIZE, total: orders.length },
  }));
}
