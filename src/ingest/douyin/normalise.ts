import { orderIdOf, itemsTotal, type Order, type OrderItem, type Presale, type Receiver, type Shipment } from '../../domain/order.js';
import type { FieldError, Normalisation } from '../../domain/ingest-result.js';
import type { Instant } from '../../domain/time.js';
import type { AdapterContext } from '../adapter.js';
import { RecordReader } from '../record-reader.js';
import { discountOf, encryptedFieldsOf, isPlainObject, latestInstant, notAnObject, pickPhone, protectedText, timelineEvents } from '../order-parts.js';
import { DOUYIN_ORDER_STAGES, douyinStageOf } from './status.js';

/**
 * normaliseDouyinOrder reads one 抖店 shop order (shop_order_detail or a
 * shop_order_list element) into an order and the stage events its own
 * timestamps imply, or returns every field error found. Amounts are integer
 * fen and times unix seconds on this platform.
 */
export function normaliseDouyinOrder(record: unknown, context: AdapterContext): Normalisation {
  if (!isPlainObject(record)) return { ok: false, errors: [notAnObject(record, 'a 抖店 order')] };
  const legacy = legacyShapeError(record);
  if (legacy !== undefined) return { ok: false, errors: [legacy] };
  const r = new RecordReader(modernised(record));

  const orderId = r.id('order_id');
  const status = r.integer('order_status', { required: true });
  const current = status === undefined ? undefined : douyinStageOf(status);
  if (status !== undefined && current === undefined) {
    r.fail('order_status', `unknown 抖店 order_status ${status}; known: ${Object.keys(DOUYIN_ORDER_STAGES).join(', ')}`);
  }
  const placedAt = r.unixTime('create_time', true);
  const paidAt = r.unixTime('pay_time');
  const shippedAt = r.unixTime('ship_time');
  const finishedAt = r.unixTime('finish_time');
  const updatedAt = r.unixTime('update_time');
  const expShipAt = r.unixTime('exp_ship_time');
  const paidFen = r.fen('pay_amount', true);
  const shippingFen = r.fen('post_amount') ?? 0;
  const lines = readLines(r);
  const receiver = readReceiver(r);
  const shipments = readLogistics(r);
  const shop = r.text('shop_name', { max: 100 }) ?? r.id('shop_id', false) ?? context.shop;
  const buyerNote = r.text('buyer_words');
  const sellerNote = r.text('seller_words');
  const stars = r.integer('seller_remark_stars', { min: 0, max: 5 });

  if (r.errors.length > 0 || orderId === undefined || status === undefined || current === undefined) return { ok: false, errors: r.errors };
  if (placedAt === undefined || paidFen === undefined) return { ok: false, errors: r.errors };

  const id = orderIdOf('douyin', orderId);
  const modifiedAt = updatedAt ?? latestInstant([placedAt, paidAt, shippedAt, finishedAt]) ?? context.receivedAt;
  const items = lines.items;
  const itemsTotalFen = itemsTotal(items);
  const order: Order = {
    id,
    channel: 'douyin',
    shop,
    channelOrderId: orderId,
    channelStatus: String(status),
    placedAt,
    paidAt,
    modifiedAt,
    promisedShipBy: expShipAt,
    currency: 'CNY',
    itemsTotalFen,
    shippingFen,
    discountFen: discountOf(itemsTotalFen, shippingFen, paidFen),
    paidFen,
    customer: { tier: 'regular' },
    receiver,
    items,
    tags: stars !== undefined && stars > 0 ? [`seller_star:${stars}`] : [],
    buyerNote,
    sellerNote,
    presale: presaleOf(lines.presaleKind, expShipAt),
    ...(lines.virtual ? { virtualGoods: true } : {}),
    shipments,
  };
  const events = timelineEvents({
    orderId: id,
    channel: 'douyin',
    current,
    placedAt,
    paidAt,
    modifiedAt,
    marks: [
      { stage: 'shipped', at: shippedAt },
      { stage: 'delivered', at: current === 'delivered' ? finishedAt ?? updatedAt : undefined },
      { stage: 'cancelled', at: current === 'cancelled' ? finishedAt ?? updatedAt : undefined },
    ],
  });
  return { ok: true, value: { orders: [order], events } };
}

type PresaleKind = Presale['kind'];

/**
 * readLines reads `sku_order_list[]`. The unit price is `goods_price` when
 * sent, else `origin_amount` (the line's price before discounts) divided by
 * `item_num`; the pre-sale kind is the strongest marker of any line:
 * `trade_type` 2 is a deposit pre-sale, `pre_sale_type` 1 full payment, 2 staged.
 */
function readLines(r: RecordReader): { items: OrderItem[]; presaleKind: PresaleKind | undefined; virtual: boolean } {
  const items: OrderItem[] = [];
  let presaleKind: PresaleKind | undefined;
  let physical = 0;
  let virtual = 0;
  const raw = r.raw('sku_order_list');
  if (Array.isArray(raw) && raw.length === 0) r.fail('sku_order_list', 'must list at least one sku order');
  r.list('sku_order_list', true).forEach((line, i) => {
    if (!line.isObject()) {
      r.fail(`sku_order_list[${i}]`, 'must be a sku order object');
      return;
    }
    const before = r.errors.length;
    const lineId = line.id('order_id', false);
    const skuId = line.id('sku_id', false);
    const productId = line.id('product_id', false);
    const outSkuId = line.text('out_sku_id', { max: 100 });
    // 商家编码: the seller's own code of the SKU, what the warehouse and the ERP know it by.
    const code = line.text('code', { max: 100 });
    const goodsType = line.integer('goods_type', { min: 0 });
    if (goodsType === 1) virtual += 1;
    else physical += 1;
    const title = line.text('product_name');
    const quantity = line.integer('item_num', { required: true, min: 1 });
    const goodsPrice = line.fen('goods_price');
    const originAmount = line.fen('origin_amount');
    const paidFen = line.fen('pay_amount');
    const preSaleType = line.integer('pre_sale_type', { min: 0 });
    const tradeType = line.integer('trade_type', { min: 0 });
    const sku = outSkuId ?? code ?? skuId ?? productId;
    if (r.errors.length === before) {
      if (sku === undefined) line.fail('sku_id', 'is required: a sku order needs out_sku_id, sku_id or product_id');
      if (goodsPrice === undefined && originAmount === undefined) line.fail('origin_amount', 'is required (or goods_price): the line has no price');
    }
    const kind = tradeType === 2 ? 'deposit' : preSaleType === 1 ? 'full_payment' : preSaleType === 2 ? 'staged' : undefined;
    if (kind !== undefined && (presaleKind === undefined || kind === 'deposit')) presaleKind = kind;
    if (sku === undefined || quantity === undefined) return;
    const unitPriceFen = goodsPrice ?? (originAmount === undefined ? undefined : Math.round(originAmount / quantity));
    if (unitPriceFen === undefined) return;
    items.push({ lineId, sku, productId, title, quantity, unitPriceFen, paidFen });
  });
  // goods_type 1 is a virtual good: only an order of nothing but virtual goods ships nothing.
  return { items, presaleKind, virtual: virtual > 0 && physical === 0 };
}

function presaleOf(kind: PresaleKind | undefined, shipBy: Instant | undefined): Presale | undefined {
  return kind === undefined ? undefined : { kind, shipBy };
}

/**
 * readReceiver reads `post_addr` (each division a `{name, id}` object or plain
 * text; 抖店's `town` is the district level and `street` the township) and
 * the receiver: a plain `post_tel` when sent, else the masked `mask_post_tel`,
 * else the encrypted `encrypt_post_tel`.
 */
function readReceiver(r: RecordReader): Receiver {
  const addr = r.child('post_addr');
  const name = protectedText([
    r.text('post_receiver', { max: 200 }),
    r.text('mask_post_receiver', { max: 200 }),
    r.text('encrypt_post_receiver', { max: 1000 }),
  ]);
  const phone = pickPhone([r.text('post_tel', { max: 200 }), r.text('mask_post_tel', { max: 200 }), r.text('encrypt_post_tel', { max: 1000 })]);
  const detail = protectedText([addr?.text('detail', { max: 1000 }), addr?.text('mask_detail', { max: 1000 }), addr?.text('encrypt_detail', { max: 1000 })]);
  const encrypted = encryptedFieldsOf({ name, phone, detail });
  return {
    name: name.value,
    phone,
    province: addr === undefined ? undefined : division(addr, 'province'),
    city: addr === undefined ? undefined : division(addr, 'city'),
    district: addr === undefined ? undefined : division(addr, 'town'),
    town: addr === undefined ? undefined : division(addr, 'street'),
    detail: detail.value,
    ...(encrypted.length > 0 ? { encrypted } : {}),
  };
}

/**
 * readLogistics reads `logistics_info[]`: one entry per parcel with
 * `tracking_no` and the carrier as `company_name` (else its code `company`).
 */
function readLogistics(r: RecordReader): Shipment[] {
  const shipments: Shipment[] = [];
  for (const parcel of r.list('logistics_info')) {
    const trackingNo = parcel.id('tracking_no', false);
    if (trackingNo === undefined || shipments.some((s) => s.trackingNo === trackingNo)) continue;
    const carrier = parcel.text('company_name', { max: 64 }) ?? parcel.text('company', { max: 64 });
    shipments.push({ trackingNo, ...(carrier !== undefined ? { carrier } : {}) });
  }
  return shipments;
}

/**
 * legacyShapeError names the old 抖店 `order/list` (v1) answer: its shop
 * orders list their goods in `child[]` instead of `sku_order_list[]`, so the
 * order cannot be read line by line. The message says which API it is and
 * which answer to export instead, rather than failing field by field.
 */
function legacyShapeError(record: Readonly<Record<string, unknown>>): FieldError | undefined {
  if ('sku_order_list' in record || !Array.isArray(record['child'])) return undefined;
  return {
    field: 'sku_order_list',
    message:
      'is missing: this looks like the old 抖店 order/list (v1) answer, which lists goods in child[]; ' +
      'export the orders with /order/searchList or /order/orderDetail (sku_order_list[], times in seconds, amounts in fen)',
  };
}

/**
 * modernised reads the old answers' conventions as today's: times in
 * milliseconds (order/list v1) become seconds, and a `post_addr` sent as JSON
 * text becomes the object it encodes. Everything else is read as sent.
 */
function modernised(record: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...record };
  for (const field of ['create_time', 'pay_time', 'update_time', 'ship_time', 'finish_time', 'exp_ship_time']) {
    const v = out[field];
    const n = typeof v === 'string' && /^\d{13}$/.test(v.trim()) ? Number(v) : v;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n > 1e12) out[field] = Math.floor(n / 1000);
  }
  const addr = out['post_addr'];
  if (typeof addr === 'string' && addr.trim().startsWith('{')) {
    try {
      out['post_addr'] = JSON.parse(addr) as unknown;
    } catch {
      // Left as text: the reader reports that post_addr must be an object.
    }
  }
  return out;
}

function division(addr: RecordReader, field: string): string | undefined {
  const v = addr.raw(field);
  if (v === undefined || v === null || typeof v === 'string') return addr.text(field, { max: 100 });
  return addr.child(field)?.text('name', { max: 100 });
}
