import { orderIdOf, itemsTotal, type MissingPart, type Order, type OrderItem, type Receiver, type Shipment } from '../../domain/order.js';
import type { Normalisation } from '../../domain/ingest-result.js';
import type { AdapterContext } from '../adapter.js';
import { RecordReader } from '../record-reader.js';
import { discountOf, encryptedFieldsOf, latestInstant, notAnObject, pickPhone, protectedText, timelineEvents } from '../order-parts.js';
import { JD_ORDER_STAGES, jdStageOf } from './status.js';

/**
 * normaliseJdOrder reads one JD POP order (orderInfoList[] element) into an
 * order and the stage events its own timestamps imply, or returns every field
 * error found, with JD's field names as paths. JD's "not set" times
 * (0001-01-01 00:00:00, 1970-01-01 ...) read as absent.
 */
export function normaliseJdOrder(record: unknown, context: AdapterContext): Normalisation {
  const r = new RecordReader(record);
  if (!r.isObject()) return { ok: false, errors: [notAnObject(record, 'a JD order')] };

  const orderId = r.id('orderId');
  const state = r.text('orderState', { required: true, max: 64 });
  const current = state === undefined ? undefined : jdStageOf(state);
  if (state !== undefined && current === undefined) {
    r.fail('orderState', `unknown JD order state "${state}"; known: ${Object.keys(JD_ORDER_STAGES).join(', ')}`);
  }
  const placedAt = r.shanghaiTime('orderStartTime', true);
  const paidAt = r.shanghaiTime('paymentConfirmTime');
  const endedAt = r.shanghaiTime('orderEndTime');
  const modified = r.shanghaiTime('modified');
  // JD answers only the optional_fields asked for: payment and consignee may be absent, and the order still lands.
  const statedPaidFen = r.yuan('orderPayment');
  const sellerPriceFen = r.yuan('orderSellerPrice');
  const shippingFen = r.yuan('freightPrice') ?? 0;
  const sellerDiscountFen = r.yuan('sellerDiscount');
  const items = readItems(r);
  const receiver = readConsignee(r);
  const shipments = readWaybills(r);
  const shop = r.id('venderId', false) ?? context.shop;
  const buyerNote = r.text('orderRemark');
  const sellerNote = r.text('venderRemark');

  if (r.errors.length > 0 || orderId === undefined || state === undefined || current === undefined) return { ok: false, errors: r.errors };
  if (placedAt === undefined) return { ok: false, errors: r.errors };
  const incomplete: MissingPart[] = [];
  if (statedPaidFen === undefined) incomplete.push('payment');
  if (r.raw('consigneeInfo') === undefined || r.raw('consigneeInfo') === null) incomplete.push('receiver');

  const id = orderIdOf('jd', orderId);
  const modifiedAt = modified ?? latestInstant([placedAt, paidAt, endedAt]) ?? context.receivedAt;
  const closedAt = endedAt ?? modified;
  const itemsTotalFen = itemsTotal(items);
  // Without orderPayment the best figure is what the seller receives (orderSellerPrice), else the goods plus freight;
  // the order is marked incomplete, so no amount check judges the estimate.
  const paidFen = statedPaidFen ?? sellerPriceFen ?? Math.max(0, itemsTotalFen + shippingFen - (sellerDiscountFen ?? 0));
  const order: Order = {
    id,
    channel: 'jd',
    shop,
    channelOrderId: orderId,
    channelStatus: state,
    placedAt,
    paidAt,
    modifiedAt,
    currency: 'CNY',
    itemsTotalFen,
    shippingFen,
    // JD states the seller's discount; deriving it from the payment would hide a payment that does not add up.
    discountFen: sellerDiscountFen ?? discountOf(itemsTotalFen, shippingFen, paidFen),
    paidFen,
    customer: { tier: 'regular' },
    receiver,
    items,
    tags: [],
    buyerNote,
    sellerNote,
    ...(incomplete.length > 0 ? { incomplete } : {}),
    shipments,
  };
  const events = timelineEvents({
    orderId: id,
    channel: 'jd',
    current,
    placedAt,
    paidAt,
    modifiedAt,
    marks: [
      { stage: 'delivered', at: current === 'delivered' ? closedAt : undefined },
      { stage: 'cancelled', at: current === 'cancelled' ? closedAt : undefined },
    ],
  });
  return { ok: true, value: { orders: [order], events } };
}

/** readItems reads `itemInfoList[]`; the SKU is the seller's outerSkuId, else JD's skuId. */
function readItems(r: RecordReader): OrderItem[] {
  const items: OrderItem[] = [];
  const raw = r.raw('itemInfoList');
  if (Array.isArray(raw) && raw.length === 0) r.fail('itemInfoList', 'must list at least one item');
  r.list('itemInfoList', true).forEach((line, i) => {
    if (!line.isObject()) {
      r.fail(`itemInfoList[${i}]`, 'must be an item object');
      return;
    }
    const before = r.errors.length;
    const skuId = line.id('skuId', false);
    const outerSkuId = line.text('outerSkuId', { max: 100 });
    const wareId = line.id('wareId', false);
    const title = line.text('skuName');
    const unitPriceFen = line.yuan('jdPrice', true);
    const quantity = line.integer('itemTotal', { required: true, min: 1 });
    const sku = outerSkuId ?? skuId;
    if (sku === undefined && r.errors.length === before) line.fail('skuId', 'is required: an item needs skuId or outerSkuId');
    if (sku === undefined || unitPriceFen === undefined || quantity === undefined) return;
    items.push({ sku, productId: wareId, title, quantity, unitPriceFen });
  });
  return items;
}

/**
 * readConsignee reads `consigneeInfo`. The phone is the most useful of mobile,
 * telephone and desen_mobile (a masked number beats an encrypted token); the
 * detail is fullAddress without the divisions it repeats at its start.
 */
function readConsignee(r: RecordReader): Receiver {
  const c = r.child('consigneeInfo');
  if (c === undefined) return {};
  const province = c.text('province', { max: 100 });
  const city = c.text('city', { max: 100 });
  const district = c.text('county', { max: 100 });
  const town = c.text('town', { max: 100 });
  // JD sends fullname, fullAddress and mobile as ciphertext to apps without decryption rights.
  const name = protectedText([c.text('fullname', { max: 1000 })]);
  const full = protectedText([c.text('fullAddress', { max: 2000 })]);
  const phone = pickPhone([c.text('mobile', { max: 1000 }), c.text('telephone', { max: 1000 }), c.text('desen_mobile', { max: 200 })]);
  const encrypted = encryptedFieldsOf({ name, phone, detail: full });
  return {
    name: name.value,
    phone,
    province,
    city,
    district,
    town,
    detail: full.value === undefined ? undefined : stripDivisions(full.value, [province, city, district, town]),
    ...(encrypted.length > 0 ? { encrypted } : {}),
  };
}

function stripDivisions(address: string, divisions: ReadonlyArray<string | undefined>): string {
  let rest = address;
  for (const division of divisions) {
    if (division !== undefined && rest.startsWith(division)) rest = rest.slice(division.length).trimStart();
  }
  return rest === '' ? address : rest;
}

/**
 * readWaybills reads `waybill`: groups per carrier separated by `|`, waybills
 * within a group by `,`. `logisticsId` (JD's carrier id) is split the same way
 * and names the carrier of the group at the same position.
 */
function readWaybills(r: RecordReader): Shipment[] {
  const waybill = r.text('waybill');
  if (waybill === undefined) return [];
  const carriers = (r.text('logisticsId', { max: 200 }) ?? '').split('|').map((s) => s.trim());
  const shipments: Shipment[] = [];
  waybill.split('|').forEach((group, g) => {
    const carrier = carriers[g] !== undefined && carriers[g] !== '' ? carriers[g] : undefined;
    for (const part of group.split(',')) {
      const trackingNo = part.trim();
      if (trackingNo !== '' && !shipments.some((s) => s.trackingNo === trackingNo)) shipments.push({ carrier, trackingNo });
    }
  });
  return shipments;
}
