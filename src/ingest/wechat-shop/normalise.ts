import type { Normalisation } from '../../domain/ingest-result.js';
import { classifyPhone } from '../../domain/phone.js';
import { itemsTotal, orderIdOf, type Order, type OrderItem, type Receiver, type Shipment } from '../../domain/order.js';
import type { Instant } from '../../domain/time.js';
import type { AdapterContext } from '../adapter.js';
import { encryptedFieldsOf, latestInstant, notAnObject, pickPhone, protectedText, timelineEvents } from '../order-parts.js';
import { RecordReader } from '../record-reader.js';
import { WECHAT_SHOP_ORDER_STAGES, wechatShopStageOf } from './status.js';

/** DELIVER_METHOD_VIRTUAL is `delivery_info.deliver_method` for goods delivered without a parcel. */
const DELIVER_METHOD_VIRTUAL = 1;

/**
 * normaliseWechatShopOrder reads one 微信小店 (视频号小店) order. Amounts are
 * integer fen, times unix seconds. The receiver's number may be a virtual
 * number with an extension (`virtual_order_tel_number`,
 * `tel_number_ext_info`); with `encode_sensitive_info` the name, number and
 * detail come masked.
 */
export function normaliseWechatShopOrder(record: unknown, context: AdapterContext): Normalisation {
  const r = new RecordReader(record);
  if (!r.isObject()) return { ok: false, errors: [notAnObject(record, 'a 微信小店 order')] };

  const orderId = r.id('order_id');
  const status = r.integer('status', { required: true });
  const current = status === undefined ? undefined : wechatShopStageOf(status);
  if (status !== undefined && current === undefined) {
    r.fail('status', `unknown 微信小店 order status ${status}; known: ${Object.keys(WECHAT_SHOP_ORDER_STAGES).join(', ')}`);
  }
  const placedAt = r.unixTime('create_time', true);
  const updatedAt = r.unixTime('update_time');
  const detail = r.child('order_detail', true);
  const paidAt = detail?.child('pay_info')?.unixTime('pay_time');
  const price = detail?.child('price_info', true);
  const paidFen = price?.fen('order_price', true);
  const shippingFen = price?.fen('freight') ?? 0;
  const discountFen = price?.fen('discounted_price');
  const items = readItems(detail);
  const delivery = detail?.child('delivery_info');
  const receiver = readReceiver(delivery?.child('address_info'));
  const parcels = readParcels(delivery);
  const shipDoneAt = delivery?.unixTime('ship_done_time');
  const predictShipAt = delivery?.unixTime('predict_delivery_time');
  const virtual = delivery?.integer('deliver_method') === DELIVER_METHOD_VIRTUAL;
  const ext = detail?.child('ext_info');
  const buyerNote = ext?.text('customer_notes');
  const sellerNote = ext?.text('merchant_notes');

  if (r.errors.length > 0 || orderId === undefined || current === undefined || placedAt === undefined || paidFen === undefined) {
    return { ok: false, errors: r.errors };
  }
  const id = orderIdOf('wechat_shop', orderId);
  const shippedAt = shipDoneAt ?? parcels.firstAt;
  const modifiedAt = updatedAt ?? latestInstant([placedAt, paidAt, shippedAt]) ?? context.receivedAt;
  const itemsTotalFen = itemsTotal(items);
  const order: Order = {
    id,
    channel: 'wechat_shop',
    ...(context.shop ? { shop: context.shop } : {}),
    channelOrderId: orderId,
    channelStatus: String(status),
    placedAt,
    ...(paidAt !== undefined ? { paidAt } : {}),
    modifiedAt,
    ...(predictShipAt !== undefined ? { promisedShipBy: predictShipAt } : {}),
    currency: 'CNY',
    itemsTotalFen,
    shippingFen,
    discountFen: discountFen ?? Math.max(0, itemsTotalFen + shippingFen - paidFen),
    paidFen,
    customer: { tier: 'regular' },
    receiver,
    items,
    tags: r.raw('is_present') === true ? ['wechat_gift'] : [],
    ...(buyerNote ? { buyerNote } : {}),
    ...(sellerNote ? { sellerNote } : {}),
    ...(virtual ? { virtualGoods: true } : {}),
    shipments: parcels.shipments,
  };
  const events = timelineEvents({
    orderId: id,
    channel: 'wechat_shop',
    current,
    placedAt,
    paidAt,
    modifiedAt,
    marks: [{ stage: 'shipped', at: shippedAt }],
  });
  return { ok: true, value: { orders: [order], events } };
}

/** readItems reads `product_infos[]`: the seller's `sku_code` (商家编码) else sku_id; `sale_price` is the unit price in fen. */
function readItems(detail: RecordReader | undefined): OrderItem[] {
  const items: OrderItem[] = [];
  if (detail === undefined) return items;
  for (const line of detail.list('product_infos', true)) {
    if (!line.isObject()) continue;
    const skuId = line.id('sku_id', false);
    const code = line.text('sku_code', { max: 100 }) ?? line.text('out_sku_id', { max: 100 });
    const productId = line.id('product_id', false);
    const title = line.text('title');
    const quantity = line.integer('sku_cnt', { required: true, min: 1 });
    const unitPriceFen = line.fen('sale_price', true);
    const paidFen = line.fen('real_price');
    const sku = code ?? skuId ?? productId;
    if (sku === undefined) line.fail('sku_id', 'is required: a product needs sku_code, sku_id or product_id');
    if (sku === undefined || quantity === undefined || unitPriceFen === undefined) continue;
    items.push({ sku, quantity, unitPriceFen, ...(productId ? { productId } : {}), ...(title ? { title } : {}), ...(paidFen !== undefined ? { paidFen } : {}) });
  }
  if (items.length === 0 && detail.errors.length === 0) detail.fail('product_infos', 'must list at least one product');
  return items;
}

/**
 * readReceiver reads `address_info`. The number to call is the real one when
 * sent, else the virtual number with its extension (a valid route while it
 * lasts); masked forms are kept as masked.
 */
function readReceiver(a: RecordReader | undefined): Receiver {
  if (a === undefined) return {};
  const ext = a.child('tel_number_ext_info');
  const name = protectedText([a.text('user_name', { max: 1000 })]);
  const virtualNumbers = [a.text('virtual_order_tel_number', { max: 64 }), ext?.text('virtual_tel_number', { max: 64 })].filter(isPlatformRoute);
  const phone = pickPhone([ext?.text('real_tel_number', { max: 64 }), a.text('tel_number', { max: 1000 }), ...virtualNumbers]);
  const detail = protectedText([a.text('detail_info', { max: 2000 })]);
  const encrypted = encryptedFieldsOf({ name, phone, detail });
  const province = a.text('province_name', { max: 100 });
  const city = a.text('city_name', { max: 100 });
  const district = a.text('county_name', { max: 100 });
  const zip = a.text('postal_code', { max: 16 });
  return {
    ...(name.value ? { name: name.value } : {}),
    ...(phone ? { phone } : {}),
    ...(province ? { province } : {}),
    ...(city ? { city } : {}),
    ...(district ? { district } : {}),
    ...(detail.value ? { detail: detail.value } : {}),
    ...(zip ? { zip } : {}),
    ...(encrypted.length > 0 ? { encrypted } : {}),
  };
}

/**
 * isPlatformRoute keeps a virtual number the platform generated only when it
 * is one (base number + extension, or a plain mobile). Unlike a number a buyer
 * typed, a malformed one is no mistake of the buyer's to point out: the
 * platform's own example answer has a 12-digit base ("132123457749-1234"), and
 * taking it would hide the masked real number behind a phone.invalid.
 */
function isPlatformRoute(text: string | undefined): boolean {
  if (text === undefined) return false;
  const kind = classifyPhone(text).kind;
  return kind === 'virtual' || kind === 'mobile' || kind === 'landline';
}

/** readParcels reads `delivery_product_info[]`: `waybill_id` with the carrier's name (else its `delivery_id` code), and the first ship time. */
function readParcels(delivery: RecordReader | undefined): { shipments: Shipment[]; firstAt: Instant | undefined } {
  const shipments: Shipment[] = [];
  let firstAt: Instant | undefined;
  for (const parcel of delivery?.list('delivery_product_info') ?? []) {
    const trackingNo = parcel.id('waybill_id', false);
    const at = parcel.unixTime('delivery_time');
    if (at !== undefined && (firstAt === undefined || at < firstAt)) firstAt = at;
    if (trackingNo === undefined || shipments.some((s) => s.trackingNo === trackingNo)) continue;
    const carrier = parcel.text('delivery_name', { max: 64 }) ?? parcel.text('delivery_id', { max: 64 });
    shipments.push({ trackingNo, ...(carrier !== undefined ? { carrier } : {}) });
  }
  return { shipments, firstAt };
}
