import type { FieldError, Normalisation } from '../../domain/ingest-result.js';
import { isChannel } from '../../domain/channel.js';
import { orderIdOf, itemsTotal, type CustomerTier, type Order, type OrderItem, type Presale, type Shipment } from '../../domain/order.js';
import { classifyPhone, sealCiphertext } from '../../domain/phone.js';
import { isStage } from '../../domain/stage.js';
import type { AdapterContext } from '../adapter.js';
import { channelStageEvents } from '../channel-stages.js';
import { RecordReader } from '../record-reader.js';
import { rejectUnknownFields } from './unknown-fields.js';

const ORDER_FIELDS = [
  'type', 'channel', 'shop', 'orderNo', 'status', 'placedAt', 'paidAt', 'modifiedAt', 'promisedShipBy', 'promisedDeliveryBy',
  'currency', 'paidFen', 'shippingFen', 'discountFen', 'customer', 'receiver', 'items', 'tags', 'buyerNote', 'sellerNote',
  'presale', 'shipments', 'warehouse', 'batch',
];
const ITEM_FIELDS = ['lineId', 'sku', 'productId', 'title', 'category', 'quantity', 'unitPriceFen', 'paidFen', 'attributes'];
const RECEIVER_FIELDS = ['name', 'phone', 'province', 'city', 'district', 'town', 'detail', 'zip'];
const TIERS: readonly string[] = ['vip', 'regular', 'new'];
const PRESALE_KINDS: readonly string[] = ['deposit', 'full_payment', 'staged'];

function items(r: RecordReader): OrderItem[] {
  const list = r.list('items', true);
  if (r.raw('items') !== undefined && list.length === 0 && Array.isArray(r.raw('items'))) r.fail('items', 'must have at least one item');
  if (list.length > 500) {
    r.fail('items', `has ${list.length} items, at most 500`);
    return [];
  }
  const out: OrderItem[] = [];
  for (const item of list) {
    if (!item.isObject()) {
      item.fail('', 'must be an object');
      continue;
    }
    rejectUnknownFields(item, ITEM_FIELDS);
    const sku = item.text('sku', { required: true, max: 100 });
    const quantity = item.integer('quantity', { required: true, min: 1, max: 1_000_000 });
    const unitPriceFen = item.fen('unitPriceFen', true);
    if (unitPriceFen !== undefined && unitPriceFen < 0) item.fail('unitPriceFen', 'must not be negative');
    if (sku === undefined || quantity === undefined || unitPriceFen === undefined) continue;
    const lineId = item.id('lineId', false);
    const productId = item.id('productId', false);
    const title = item.text('title', { max: 300 });
    const category = item.text('category', { max: 100 });
    const paidFen = item.fen('paidFen');
    out.push({
      sku, quantity, unitPriceFen,
      ...(lineId !== undefined ? { lineId } : {}),
      ...(productId !== undefined ? { productId } : {}),
      ...(title !== undefined ? { title } : {}),
      ...(category !== undefined ? { category } : {}),
      ...(paidFen !== undefined ? { paidFen } : {}),
      attributes: item.strings('attributes'),
    });
  }
  return out;
}

function shipments(r: RecordReader): Shipment[] {
  const out: Shipment[] = [];
  for (const s of r.list('shipments')) {
    rejectUnknownFields(s, ['carrier', 'trackingNo']);
    const trackingNo = s.text('trackingNo', { required: true, max: 64 });
    const carrier = s.text('carrier', { max: 50 });
    if (trackingNo !== undefined) out.push({ trackingNo, ...(carrier !== undefined ? { carrier } : {}) });
  }
  return out;
}

function presale(r: RecordReader): Presale | undefined {
  const p = r.child('presale');
  if (!p) return undefined;
  rejectUnknownFields(p, ['kind', 'shipBy']);
  const kind = p.text('kind', { required: true });
  if (kind !== undefined && !PRESALE_KINDS.includes(kind)) p.fail('kind', `must be one of ${PRESALE_KINDS.join(', ')}, got "${kind}"`);
  const shipBy = p.isoTime('shipBy');
  if (kind === undefined || !PRESALE_KINDS.includes(kind)) return undefined;
  return { kind: kind as Presale['kind'], ...(shipBy !== undefined ? { shipBy } : {}) };
}

/** normaliseGenericOrder reads a generic-format `order` record (docs/generic-format.md). */
export function normaliseGenericOrder(record: unknown, context: AdapterContext): Normalisation {
  const r = new RecordReader(record);
  rejectUnknownFields(r, ORDER_FIELDS);
  const channelText = r.text('channel') ?? 'generic';
  if (!isChannel(channelText)) r.fail('channel', `is not a known channel: "${channelText}"`);
  const orderNo = r.id('orderNo', true);
  if (orderNo !== undefined && /[\s:]/.test(orderNo)) r.fail('orderNo', 'must not contain spaces or ":"');
  const status = r.text('status') ?? 'paid';
  if (!isStage(status)) r.fail('status', `is not a stage name: "${status}" (see docs/generic-format.md)`);
  const placedAt = r.isoTime('placedAt', true);
  const paidAt = r.isoTime('paidAt');
  const modifiedAt = r.isoTime('modifiedAt');
  const promisedShipBy = r.isoTime('promisedShipBy');
  const promisedDeliveryBy = r.isoTime('promisedDeliveryBy');
  const currency = r.text('currency', { max: 3 }) ?? 'CNY';
  if (!/^[A-Z]{3}$/.test(currency)) r.fail('currency', `must be a 3-letter currency code, got "${currency}"`);
  const paidFen = r.fen('paidFen', true);
  if (paidFen !== undefined && paidFen < 0) r.fail('paidFen', 'must not be negative');
  const shippingFen = r.fen('shippingFen') ?? 0;
  const discountFen = r.fen('discountFen') ?? 0;

  const c = r.child('customer');
  if (c) rejectUnknownFields(c, ['id', 'nick', 'tier']);
  const tier = c?.text('tier') ?? 'regular';
  if (!TIERS.includes(tier)) c?.fail('tier', `must be vip, regular or new, got "${tier}"`);
  const customerId = c?.id('id', false);
  const nick = c?.text('nick', { max: 100 });

  const rc = r.child('receiver');
  if (rc) rejectUnknownFields(rc, RECEIVER_FIELDS);
  const phoneText = rc?.text('phone', { max: 40 });
  const name = rc?.text('name', { max: 100 });
  const receiver = {
    ...(name !== undefined ? { name } : {}),
    ...(phoneText !== undefined ? { phone: sealCiphertext(classifyPhone(phoneText)) } : {}),
    ...Object.fromEntries(
      (['province', 'city', 'district', 'town', 'detail', 'zip'] as const)
        .map((f) => [f, rc?.text(f, { max: f === 'detail' ? 500 : 50 })] as const)
        .filter(([, v]) => v !== undefined),
    ),
  };
  const lines = items(r);
  const order = {
    tags: r.strings('tags'),
    buyerNote: r.text('buyerNote'),
    sellerNote: r.text('sellerNote'),
    presale: presale(r),
    shipments: shipments(r),
    warehouse: r.text('warehouse', { max: 50 }),
    batch: r.text('batch', { max: 100 }),
    shop: r.text('shop', { max: 100 }) ?? context.shop,
  };
  if (r.errors.length > 0 || orderNo === undefined || placedAt === undefined || paidFen === undefined || !isChannel(channelText) || !isStage(status)) {
    return { ok: false, errors: r.errors.length > 0 ? r.errors : [{ field: 'orderNo', message: 'is required' } satisfies FieldError] };
  }
  const id = orderIdOf(channelText, orderNo);
  const version = modifiedAt ?? Math.max(placedAt, paidAt ?? placedAt);
  const result: Order = {
    id,
    channel: channelText,
    channelOrderId: orderNo,
    channelStatus: status,
    placedAt,
    modifiedAt: version,
    currency,
    itemsTotalFen: itemsTotal(lines),
    shippingFen,
    discountFen,
    paidFen,
    customer: { tier: tier as CustomerTier, ...(customerId !== undefined ? { id: customerId } : {}), ...(nick !== undefined ? { nick } : {}) },
    receiver,
    items: lines,
    tags: order.tags,
    shipments: order.shipments,
    ...(paidAt !== undefined ? { paidAt } : {}),
    ...(promisedShipBy !== undefined ? { promisedShipBy } : {}),
    ...(promisedDeliveryBy !== undefined ? { promisedDeliveryBy } : {}),
    ...(order.buyerNote !== undefined ? { buyerNote: order.buyerNote } : {}),
    ...(order.sellerNote !== undefined ? { sellerNote: order.sellerNote } : {}),
    ...(order.presale !== undefined ? { presale: order.presale } : {}),
    ...(order.warehouse !== undefined ? { warehouse: order.warehouse } : {}),
    ...(order.batch !== undefined ? { batch: order.batch } : {}),
    ...(order.shop !== undefined ? { shop: order.shop } : {}),
  };
  // The status says where the order stands as of its version time.
  const events = channelStageEvents(id, channelText, [
    { stage: 'pending_payment', at: paidAt === undefined ? placedAt : undefined },
    { stage: 'paid', at: paidAt },
    ...(status !== 'paid' && status !== 'pending_payment' ? [{ stage: status, at: version }] : []),
  ]);
  return { ok: true, value: { orders: [result], events } };
}
