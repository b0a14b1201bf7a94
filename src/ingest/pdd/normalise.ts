import type { Normalisation } from '../../domain/ingest-result.js';
import { itemsTotal, orderIdOf, type Order, type OrderItem, type Presale, type Receiver, type Shipment } from '../../domain/order.js';
import type { AdapterContext } from '../adapter.js';
import { encryptedFieldsOf, latestInstant, notAnObject, pickPhone, protectedText, timelineEvents } from '../order-parts.js';
import { RecordReader } from '../record-reader.js';
import { PDD_ORDER_STAGES, pddStageOf } from './status.js';

/**
 * normalisePddOrder reads one 拼多多 order (pdd.order.information.get's
 * order_info or a pdd.order.list.get element). Amounts are yuan (numbers or
 * strings), times `yyyy-MM-dd HH:mm:ss` Asia/Shanghai. The receiver's phone is
 * plain only while the order waits to ship and masked ("1387677****") after;
 * with the platform's encryption every receiver field is a `~…~` ciphertext.
 */
export function normalisePddOrder(record: unknown, context: AdapterContext): Normalisation {
  const r = new RecordReader(record);
  if (!r.isObject()) return { ok: false, errors: [notAnObject(record, 'a 拼多多 order')] };

  const orderSn = r.id('order_sn');
  const orderStatus = r.integer('order_status', { required: true });
  const confirmStatus = r.integer('confirm_status');
  const refundStatus = r.integer('refund_status');
  const current = orderStatus === undefined ? undefined : pddStageOf(orderStatus, confirmStatus, refundStatus);
  if (orderStatus !== undefined && current === undefined) {
    r.fail('order_status', `unknown 拼多多 order_status ${orderStatus}; known: ${Object.keys(PDD_ORDER_STAGES).join(', ')}`);
  }
  const placedAt = r.shanghaiTime('created_time', true);
  const paidAt = r.shanghaiTime('pay_time') ?? r.shanghaiTime('confirm_time');
  const shippedAt = r.shanghaiTime('shipping_time');
  const receivedAt = r.shanghaiTime('receive_time');
  const updatedAt = r.shanghaiTime('updated_at');
  const lastShipAt = r.shanghaiTime('last_ship_time');
  const paidFen = r.yuan('pay_amount', true);
  const goodsFen = r.yuan('goods_amount');
  const postageFen = r.yuan('postage') ?? 0;
  const discountFen = r.yuan('discount_amount');
  const items = readItems(r);
  const receiver = readReceiver(r);
  const shipments = readShipment(r);
  const presale = readPresale(r);
  const buyerNote = r.text('buyer_memo');
  const sellerNote = r.text('remark');

  if (r.errors.length > 0 || orderSn === undefined || current === undefined || placedAt === undefined || paidFen === undefined) {
    return { ok: false, errors: r.errors };
  }
  const id = orderIdOf('pdd', orderSn);
  const modifiedAt = updatedAt ?? latestInstant([placedAt, paidAt, shippedAt, receivedAt]) ?? context.receivedAt;
  const itemsTotalFen = itemsTotal(items);
  // pay = goods − discount + postage, and goods is the sale price × count minus the seller's price change (改价):
  // the change is a discount too.
  const priceChange = goodsFen === undefined ? 0 : itemsTotalFen - goodsFen;
  const order: Order = {
    id,
    channel: 'pdd',
    ...(context.shop ? { shop: context.shop } : {}),
    channelOrderId: orderSn,
    channelStatus: [orderStatus, confirmStatus, refundStatus].map((v) => v ?? '').join('/'),
    placedAt,
    ...(paidAt !== undefined ? { paidAt } : {}),
    modifiedAt,
    ...(lastShipAt !== undefined ? { promisedShipBy: lastShipAt } : {}),
    currency: 'CNY',
    itemsTotalFen,
    shippingFen: postageFen,
    discountFen: Math.max(0, (discountFen ?? Math.max(0, (goodsFen ?? itemsTotalFen) + postageFen - paidFen)) + priceChange),
    paidFen,
    customer: { tier: 'regular' },
    receiver,
    items,
    tags: r.integer('is_lucky_flag') === 2 ? ['pdd_lucky_draw'] : [],
    ...(buyerNote ? { buyerNote } : {}),
    ...(sellerNote ? { sellerNote } : {}),
    ...(presale ? { presale } : {}),
    shipments,
  };
  const events = timelineEvents({
    orderId: id,
    channel: 'pdd',
    current,
    placedAt,
    paidAt,
    modifiedAt,
    marks: [
      { stage: 'shipped', at: shippedAt },
      { stage: 'delivered', at: current === 'delivered' ? receivedAt : undefined },
    ],
  });
  return { ok: true, value: { orders: [order], events } };
}

/** readItems reads `item_list[]`; the SKU is the seller's outer_id, else 拼多多's sku_id. */
function readItems(r: RecordReader): OrderItem[] {
  const items: OrderItem[] = [];
  if (Array.isArray(r.raw('item_list')) && (r.raw('item_list') as unknown[]).length === 0) r.fail('item_list', 'must list at least one item');
  r.list('item_list', true).forEach((line, i) => {
    if (!line.isObject()) {
      r.fail(`item_list[${i}]`, 'must be an item object');
      return;
    }
    const skuId = line.id('sku_id', false);
    const outerId = line.text('outer_id', { max: 100 });
    const goodsId = line.id('goods_id', false);
    const title = line.text('goods_name');
    const quantity = line.integer('goods_count', { required: true, min: 1 });
    const unitPriceFen = line.yuan('goods_price', true);
    const sku = outerId ?? skuId ?? line.text('outer_goods_id', { max: 100 }) ?? goodsId;
    if (sku === undefined) line.fail('sku_id', 'is required: an item needs outer_id, sku_id or goods_id');
    if (sku === undefined || quantity === undefined || unitPriceFen === undefined) return;
    items.push({ sku, quantity, unitPriceFen, ...(goodsId ? { productId: goodsId } : {}), ...(title ? { title } : {}) });
  });
  return items;
}

/**
 * readReceiver prefers plain fields, then the `_mask` ones; ciphertexts are
 * never taken as text. `town` is 拼多多's district level; `receiver_address`
 * is the detail without the divisions (`address` repeats them).
 */
function readReceiver(r: RecordReader): Receiver {
  const name = protectedText([r.text('receiver_name', { max: 1000 }), r.text('receiver_name_mask', { max: 200 })]);
  const phone = pickPhone([r.text('receiver_phone', { max: 1000 }), r.text('receiver_phone_mask', { max: 200 })]);
  const detail = protectedText([r.text('receiver_address', { max: 2000 }), r.text('receiver_address_mask', { max: 2000 }), r.text('address', { max: 2000 })]);
  const encrypted = encryptedFieldsOf({ name, phone, detail });
  const province = r.text('province', { max: 100 });
  const city = r.text('city', { max: 100 });
  const district = r.text('town', { max: 100 });
  return {
    ...(name.value ? { name: name.value } : {}),
    ...(phone ? { phone } : {}),
    ...(province ? { province } : {}),
    ...(city ? { city } : {}),
    ...(district ? { district } : {}),
    ...(detail.value ? { detail: detail.value } : {}),
    ...(encrypted.length > 0 ? { encrypted } : {}),
  };
}

/** readShipment reads `tracking_number`; the carrier is 拼多多's numeric `logistics_id` (its company table names it). */
function readShipment(r: RecordReader): Shipment[] {
  const trackingNo = r.id('tracking_number', false);
  if (trackingNo === undefined) return [];
  const logisticsId = r.id('logistics_id', false);
  return [{ trackingNo, ...(logisticsId !== undefined && logisticsId !== '0' ? { carrier: `pdd_logistics:${logisticsId}` } : {}) }];
}

/** readPresale reads `is_pre_sale` 1 (ship by `pre_sale_time`) and `trade_type` 1 (a deposit order). */
function readPresale(r: RecordReader): Presale | undefined {
  const shipBy = r.shanghaiTime('pre_sale_time');
  if (r.integer('trade_type') === 1) return { kind: 'deposit', ...(shipBy !== undefined ? { shipBy } : {}) };
  if (r.integer('is_pre_sale') === 1) return { kind: 'full_payment', ...(shipBy !== undefined ? { shipBy } : {}) };
  return undefined;
}
