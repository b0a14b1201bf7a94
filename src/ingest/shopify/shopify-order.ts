import type { Normalisation } from '../../domain/ingest-result.js';
import { itemsTotal, orderIdOf, type Customer, type Order, type OrderItem, type Receiver, type Shipment } from '../../domain/order.js';
import { classifyPhone, type Phone } from '../../domain/phone.js';
import type { Instant } from '../../domain/time.js';
import type { AdapterContext } from '../adapter.js';
import { channelStageEvents } from '../channel-stages.js';
import { describe, RecordReader } from '../record-reader.js';
import { readShopifyId } from './shopify-id.js';
import { SHOPIFY_FINANCIAL_STATUSES, SHOPIFY_FULFILLMENT_STATUSES, shopifyStages, type ShopifyFulfillmentStatus } from './shopify-stages.js';

/**
 * normaliseShopify turns one Shopify order (webhook body or Admin REST order)
 * into an order and its stage events. channelOrderId is the numeric order id
 * as text (exact even beyond 2^53, see readShopifyId); the shop's display
 * number (`name`, "#1001") becomes the tag `name:#1001` so people can search
 * by it. Amounts are decimal strings in the shop currency and kept in its
 * hundredths; times are ISO-8601 with offset.
 */
export function normaliseShopify(record: unknown, context: AdapterContext): Normalisation {
  const o = new RecordReader(record);
  if (!o.isObject()) return { ok: false, errors: [{ field: '', message: `must be a Shopify order object, got ${describe(record)}` }] };

  const orderNo = readShopifyId(o, 'id', true);
  const name = o.text('name', { max: 64 });
  const createdAt = o.isoTime('created_at', true);
  const processedAt = o.isoTime('processed_at');
  const updatedAt = o.isoTime('updated_at');
  const cancelledAt = o.isoTime('cancelled_at');
  const currency = o.text('currency', { required: true, max: 3 });
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) o.fail('currency', `must be an ISO 4217 code like "USD", got ${describe(currency)}`);

  const financial = o.text('financial_status', { required: true, max: 32 });
  const paid = financial === undefined ? undefined : SHOPIFY_FINANCIAL_STATUSES[financial];
  if (financial !== undefined && !Object.hasOwn(SHOPIFY_FINANCIAL_STATUSES, financial)) {
    o.fail('financial_status', `is not a Shopify financial status we know (${describe(financial)}); expected one of ${Object.keys(SHOPIFY_FINANCIAL_STATUSES).join(', ')}`);
  }
  const fulfillment = readFulfillmentStatus(o);

  const paidFen = o.yuan('total_price', true);
  const discountFen = o.yuan('total_discounts') ?? 0;
  // Tax added on top of the prices is part of what the buyer pays; tax inside them (taxes_included) is not extra.
  const totalTaxFen = o.yuan('total_tax');
  const taxFen = o.raw('taxes_included') === true ? undefined : totalTaxFen;
  const shippingFen = readShipping(o);
  const items = o.list('line_items', true).flatMap((line, i) => {
    if (!line.isObject()) {
      o.fail(`line_items[${i}]`, 'must be a line item object');
      return [];
    }
    const item = readLineItem(line);
    return item ? [item] : [];
  });
  const fulfilments = readFulfillments(o);
  const receiver = readReceiver(o);
  const customer = readCustomer(o.child('customer'));
  const buyerNote = o.text('note');
  const tags = readTags(o, name);

  if (o.errors.length > 0 || orderNo === undefined || createdAt === undefined || currency === undefined || paidFen === undefined || financial === undefined) {
    return { ok: false, errors: o.errors };
  }
  const id = orderIdOf('shopify', orderNo);
  const paidAt = paid ? (processedAt ?? createdAt) : undefined;
  const fallback = updatedAt ?? context.receivedAt;
  const order: Order = {
    id,
    channel: 'shopify',
    ...(context.shop ? { shop: context.shop } : {}),
    channelOrderId: orderNo,
    channelStatus: `${financial}/${fulfillment ?? 'unfulfilled'}${cancelledAt !== undefined ? '/cancelled' : ''}`,
    placedAt: createdAt,
    ...(paidAt !== undefined ? { paidAt } : {}),
    modifiedAt: fallback,
    currency,
    itemsTotalFen: itemsTotal(items),
    shippingFen,
    discountFen,
    paidFen,
    ...(taxFen !== undefined && taxFen !== 0 ? { taxFen } : {}),
    customer,
    receiver,
    items,
    tags,
    ...(buyerNote ? { buyerNote } : {}),
    shipments: fulfilments.shipments,
  };
  const stages = shopifyStages({ createdAt, paidAt, fulfillment, cancelledAt, fallback, firstShippedAt: fulfilments.firstShippedAt, allDeliveredAt: fulfilments.allDeliveredAt });
  return { ok: true, value: { orders: [order], events: channelStageEvents(id, 'shopify', stages) } };
}

function readFulfillmentStatus(o: RecordReader): ShopifyFulfillmentStatus | undefined {
  const status = o.text('fulfillment_status', { max: 32 });
  if (status === undefined) return undefined;
  const known = SHOPIFY_FULFILLMENT_STATUSES.find((s) => s === status);
  if (!known) o.fail('fulfillment_status', `is not a Shopify fulfillment status we know (${describe(status)}); expected null or one of ${SHOPIFY_FULFILLMENT_STATUSES.join(', ')}`);
  return known === 'unfulfilled' ? undefined : known;
}

/** readShipping prefers total_shipping_price_set (shop currency), else sums shipping_lines[].price. */
function readShipping(o: RecordReader): number {
  const set = o.child('total_shipping_price_set')?.child('shop_money')?.yuan('amount');
  if (set !== undefined) return set;
  return o.list('shipping_lines').reduce((sum, line) => sum + (line.yuan('price') ?? 0), 0);
}

function readLineItem(line: RecordReader): OrderItem | undefined {
  const lineId = readShopifyId(line, 'id', false);
  const variantId = readShopifyId(line, 'variant_id', false);
  const productId = readShopifyId(line, 'product_id', false);
  const sku = line.text('sku', { max: 64 }) ?? (variantId ? `variant:${variantId}` : undefined);
  if (sku === undefined && line.raw('variant_id') === undefined) line.fail('sku', 'is empty and variant_id is missing: give the variant a SKU in Shopify');
  const title = line.text('name', { max: 500 }) ?? line.text('title', { max: 500 });
  const quantity = line.integer('quantity', { required: true, min: 1 });
  const unitPriceFen = line.yuan('price', true);
  const lineDiscount = readLineDiscount(line);
  const attributes: string[] = [];
  if (line.raw('requires_shipping') === false) attributes.push('no_shipping');
  if (line.raw('gift_card') === true) attributes.push('gift_card');
  const service = line.text('fulfillment_service', { max: 64 });
  if (service && service !== 'manual') attributes.push(`fulfillment_service:${service}`);
  if (sku === undefined || quantity === undefined || unitPriceFen === undefined) return undefined;
  return {
    sku,
    quantity,
    unitPriceFen,
    ...(lineId ? { lineId } : {}),
    ...(productId ? { productId } : {}),
    ...(title ? { title } : {}),
    ...(lineDiscount !== undefined ? { paidFen: unitPriceFen * quantity - lineDiscount } : {}),
    ...(attributes.length > 0 ? { attributes } : {}),
  };
}

interface Fulfilments {
  readonly shipments: Shipment[];
  readonly firstShippedAt: Instant | undefined;
  readonly allDeliveredAt: Instant | undefined;
}

/** readFulfillments reads the parcels of the active fulfillments (cancelled, failed and errored ones are ignored). */
function readFulfillments(o: RecordReader): Fulfilments {
  const shipments: Shipment[] = [];
  let firstShippedAt: Instant | undefined;
  let lastUpdate: Instant | undefined;
  let active = 0;
  let delivered = 0;
  for (const f of o.list('fulfillments')) {
    const status = f.text('status', { max: 32 });
    if (status === 'cancelled' || status === 'failure' || status === 'error') continue;
    active += 1;
    const created = f.isoTime('created_at');
    const updated = f.isoTime('updated_at');
    if (created !== undefined && (firstShippedAt === undefined || created < firstShippedAt)) firstShippedAt = created;
    if (f.text('shipment_status', { max: 32 }) === 'delivered') delivered += 1;
    const at = updated ?? created;
    if (at !== undefined && (lastUpdate === undefined || at > lastUpdate)) lastUpdate = at;
    const carrier = f.text('tracking_company', { max: 64 });
    const numbers = f.strings('tracking_numbers');
    const single = f.text('tracking_number', { max: 64 });
    for (const trackingNo of single ? [...numbers, single] : numbers) {
      if (shipments.some((s) => s.trackingNo === trackingNo)) continue;
      shipments.push({ trackingNo, ...(carrier ? { carrier } : {}) });
    }
  }
  return { shipments, firstShippedAt, allDeliveredAt: active > 0 && delivered === active ? lastUpdate : undefined };
}

/**
 * readLineDiscount sums `discount_allocations[].amount`, every discount
 * (line and order level) Shopify spread onto the line; the deprecated
 * `total_discount` is read only when the allocations are absent.
 */
function readLineDiscount(line: RecordReader): number | undefined {
  if (Array.isArray(line.raw('discount_allocations'))) {
    return line.list('discount_allocations').reduce((sum, allocation) => sum + (allocation.yuan('amount') ?? 0), 0);
  }
  return line.yuan('total_discount');
}

function readReceiver(o: RecordReader): Receiver {
  const a = o.child('shipping_address');
  const name = a?.text('name', { max: 200 }) ?? joinText(a?.text('first_name', { max: 100 }), a?.text('last_name', { max: 100 }));
  const phone = a?.text('phone', { max: 64 }) ?? o.text('phone', { max: 64 });
  const province = a?.text('province', { max: 64 }) ?? a?.text('province_code', { max: 16 });
  const city = a?.text('city', { max: 64 });
  const detail = joinText(a?.text('address1', { max: 500 }), a?.text('address2', { max: 500 }));
  const zip = a?.text('zip', { max: 16 });
  // Shopify ships abroad: the country decides how the phone reads (a national number without +code) and
  // keeps the Chinese division check off a foreign address.
  const country = a?.text('country_code', { max: 2 })?.toUpperCase();
  return {
    ...(name ? { name } : {}),
    ...(phone ? { phone: readShopifyPhone(phone, country) } : {}),
    ...(country !== undefined ? { country } : {}),
    ...(province ? { province } : {}),
    ...(city ? { city } : {}),
    ...(detail ? { detail } : {}),
    ...(zip ? { zip } : {}),
  };
}

/**
 * readShopifyPhone classifies a phone as the buyer typed it at checkout:
 * Shopify keeps the formatting, so its own documented order carries
 * "+1(502)-459-2181". Dashes and dots between the digits of a +code number are
 * dropped before classifying; `raw` stays as sent.
 */
function readShopifyPhone(text: string, country: string | undefined): Phone {
  const international = /^\s*\+/.test(text) ? text.replace(/[-.()\s]/g, '') : text;
  return { ...classifyPhone(international, country !== undefined ? { country } : {}), raw: text.trim() };
}

/**
 * readCustomer keeps the customer's id and display name (not the e-mail). The
 * tier is "vip" when the customer carries a VIP tag, "new" on their first
 * order (orders_count 1), else "regular".
 */
function readCustomer(c: RecordReader | undefined): Customer {
  if (!c) return { tier: 'regular' };
  const id = readShopifyId(c, 'id', false);
  const nick = joinText(c.text('first_name', { max: 100 }), c.text('last_name', { max: 100 }));
  const tags = splitTags(c.text('tags', { max: 2000 }));
  const ordersCount = c.raw('orders_count');
  const tier = tags.some((t) => t.toLowerCase() === 'vip') ? 'vip' : ordersCount === 1 ? 'new' : 'regular';
  return { tier, ...(id ? { id } : {}), ...(nick ? { nick } : {}) };
}

/** readTags splits the order's comma-separated tags and adds the display number and a test-order marker. */
function readTags(o: RecordReader, name: string | undefined): string[] {
  const tags = splitTags(o.text('tags', { max: 2000 }));
  if (name) tags.push(`name:${name}`);
  if (o.raw('test') === true) tags.push('test');
  return tags;
}

function splitTags(text: string | undefined): string[] {
  if (!text) return [];
  const seen = new Set<string>();
  for (const tag of text.split(',')) {
    const t = tag.trim().slice(0, 100);
    if (t !== '' && seen.size < 50) seen.add(t);
  }
  return [...seen];
}

function joinText(...parts: Array<string | undefined>): string | undefined {
  const text = parts.filter((p): p is string => p !== undefined).join(' ');
  return text === '' ? undefined : text;
}
