import { orderIdOf, itemsTotal, type Order, type OrderItem, type Presale, type Receiver } from '../../domain/order.js';
import type { Normalisation } from '../../domain/ingest-result.js';
import type { Instant } from '../../domain/time.js';
import type { AdapterContext } from '../adapter.js';
import { RecordReader } from '../record-reader.js';
import { discountOf, latestInstant, notAnObject, pickPhone, timelineEvents } from '../order-parts.js';
import { DOUYIN_ORDER_STAGES, douyinStageOf } from './status.js';

/**
 * normaliseDouyinOrder reads one 抖店 shop order (shop_order_detail or a
 * shop_order_list element) into an order and the stage events its own
 * timestamps imply, or returns every field error found. Amounts are integer
 * fen and times unix seconds on this platform.
 */
export function normaliseDouyinOrder(record: unknown, context: AdapterContext): Normalisation {
  const r = new RecordReader(record);
  if (!r.isObject()) return { ok: false, errors: [notAnObject(record, 'a 抖店 order')] };

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
    shipments: [],
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
function readLines(r: RecordReader): { items: OrderItem[]; presaleKind: PresaleKind | undefined } {
  const items: OrderItem[] = [];
  let presaleKind: PresaleKind | undefined;
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
    const title = line.text('product_name');
    const quantity = line.integer('item_num', { required: true, min: 1 });
    const goodsPrice = line.fen('goods_price');
    const originAmount = line.fen('origin_amount');
    const paidFen = line.fen('pay_amount');
    const preSaleType = line.integer('pre_sale_type', { min: 0 });
    const tradeType = line.integer('trade_type', { min: 0 });
    const sku = outSkuId ?? skuId ?? productId;
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
  return { items, presaleKind };
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
  return {
    name: r.text('post_receiver', { max: 200 }) ?? r.text('mask_post_receiver', { max: 200 }),
    phone: pickPhone([r.text('post_tel', { max: 200 }), r.text('mask_post_tel', { max: 200 }), r.text('encrypt_post_tel', { max: 500 })]),
    province: addr === undefined ? undefined : division(addr, 'province'),
    city: addr === undefined ? undefined : division(addr, 'city'),
    district: addr === undefined ? undefined : division(addr, 'town'),
    town: addr === undefined ? undefined : division(addr, 'street'),
    detail: addr?.text('detail'),
  };
}

function division(addr: RecordReader, field: string): string | undefined {
  const v = addr.raw(field);
  if (v === undefined || v === null || typeof v === 'string') return addr.text(field, { max: 100 });
  return addr.child(field)?.text('name', { max: 100 });
}
