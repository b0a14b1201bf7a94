import { orderIdOf, itemsTotal, type Order, type OrderItem, type Presale, type Receiver, type Shipment } from '../../domain/order.js';
import type { Normalisation } from '../../domain/ingest-result.js';
import { parseShanghaiTime, type Instant } from '../../domain/time.js';
import type { AdapterContext } from '../adapter.js';
import { RecordReader } from '../record-reader.js';
import { discountOf, encryptedFieldsOf, latestInstant, notAnObject, pickPhone, protectedText, timelineEvents } from '../order-parts.js';
import { TAOBAO_TRADE_STAGES, taobaoStageOf } from './status.js';

/** SELLER_FLAGS names TOP's `seller_flag` colours; sellers use them as workflow markers. */
const SELLER_FLAGS: Readonly<Record<number, string>> = { 1: 'red', 2: 'yellow', 3: 'green', 4: 'blue', 5: 'purple' };

/**
 * normaliseTaobaoTrade reads one TOP trade (trades.sold.get / trade.fullinfo.get
 * shape) into an order and the stage events its own timestamps imply, or
 * returns every field error found, with TOP's field names as paths.
 */
export function normaliseTaobaoTrade(record: unknown, context: AdapterContext): Normalisation {
  const r = new RecordReader(record);
  if (!r.isObject()) return { ok: false, errors: [notAnObject(record, 'a Taobao trade')] };

  const tid = r.id('tid');
  const status = r.text('status', { required: true, max: 64 });
  const current = status === undefined ? undefined : taobaoStageOf(status);
  if (status !== undefined && current === undefined) {
    r.fail('status', `unknown Taobao trade status "${status}"; known: ${Object.keys(TAOBAO_TRADE_STAGES).join(', ')}`);
  }
  const placedAt = r.shanghaiTime('created', true);
  const paidAt = r.shanghaiTime('pay_time');
  const consignedAt = r.shanghaiTime('consign_time');
  const endedAt = r.shanghaiTime('end_time');
  const modified = r.shanghaiTime('modified');
  const paidFen = r.yuan('payment', true);
  const shippingFen = r.yuan('post_fee') ?? 0;
  const lines = readLines(r);
  const receiver = readReceiver(r);
  const presale = readPresale(r);
  const buyerNote = r.text('buyer_message');
  const sellerNote = r.text('seller_memo');
  const nick = r.text('buyer_nick', { max: 100 });
  const shop = r.text('seller_nick', { max: 100 }) ?? context.shop;
  const flag = r.integer('seller_flag', { min: 0, max: 5 });

  if (r.errors.length > 0 || tid === undefined || status === undefined || current === undefined) return { ok: false, errors: r.errors };
  if (placedAt === undefined || paidFen === undefined) return { ok: false, errors: r.errors };

  const id = orderIdOf('taobao', tid);
  const modifiedAt = modified ?? latestInstant([placedAt, paidAt, consignedAt, endedAt]) ?? context.receivedAt;
  const closedAt = endedAt ?? modified;
  const items = lines.items;
  const itemsTotalFen = itemsTotal(items);
  const order: Order = {
    id,
    channel: 'taobao',
    shop,
    channelOrderId: tid,
    channelStatus: status,
    placedAt,
    paidAt,
    modifiedAt,
    promisedShipBy: softTime(r, 'timing_promise') ?? softTime(r, 'delivery_time') ?? presale?.shipBy,
    currency: 'CNY',
    itemsTotalFen,
    shippingFen,
    discountFen: discountOf(itemsTotalFen, shippingFen, paidFen),
    paidFen,
    customer: { nick, tier: 'regular' },
    receiver,
    items,
    tags: flag !== undefined && SELLER_FLAGS[flag] !== undefined ? [`seller_flag:${SELLER_FLAGS[flag]}`] : [],
    buyerNote,
    sellerNote,
    presale,
    shipments: lines.shipments,
  };
  const events = timelineEvents({
    orderId: id,
    channel: 'taobao',
    current,
    placedAt,
    paidAt,
    modifiedAt,
    marks: [
      { stage: 'shipped', at: consignedAt },
      { stage: 'delivered', at: current === 'delivered' ? closedAt : undefined },
      { stage: 'cancelled', at: current === 'cancelled' ? closedAt : undefined },
    ],
  });
  return { ok: true, value: { orders: [order], events } };
}

/** readLines reads `orders.order[]`: the sub-orders, and the parcels their logistics fields name. */
function readLines(r: RecordReader): { items: OrderItem[]; shipments: Shipment[] } {
  const items: OrderItem[] = [];
  const shipments: Shipment[] = [];
  const orders = r.child('orders', true);
  if (orders === undefined) return { items, shipments };
  const raw = orders.raw('order');
  if (Array.isArray(raw) && raw.length === 0) orders.fail('order', 'must list at least one sub-order');
  orders.list('order', true).forEach((line, i) => {
    const at = `orders.order[${i}]`;
    if (!line.isObject()) {
      r.fail(at, 'must be a sub-order object');
      return;
    }
    const before = r.errors.length;
    const oid = line.id('oid', false);
    const numIid = line.id('num_iid', false);
    const skuId = line.id('sku_id', false);
    const outerIid = line.text('outer_iid', { max: 100 });
    const outerSkuId = line.text('outer_sku_id', { max: 100 });
    const title = line.text('title');
    const quantity = line.integer('num', { required: true, min: 1 });
    const unitPriceFen = line.yuan('price', true);
    const paidFen = line.yuan('payment');
    const carrier = line.text('logistics_company', { max: 100 });
    const trackingNo = line.text('invoice_no', { max: 100 });
    const sku = outerSkuId ?? skuId ?? outerIid ?? numIid;
    if (sku === undefined && r.errors.length === before) {
      line.fail('sku_id', 'is required: a sub-order needs one of outer_sku_id, sku_id, outer_iid or num_iid');
    }
    if (trackingNo !== undefined && !shipments.some((s) => s.trackingNo === trackingNo)) shipments.push({ carrier, trackingNo });
    if (sku === undefined || quantity === undefined || unitPriceFen === undefined) return;
    items.push({
      lineId: oid,
      sku,
      productId: numIid,
      title,
      quantity,
      unitPriceFen,
      paidFen,
      ...(line.raw('is_oversold') === true ? { attributes: ['oversold'] } : {}),
    });
  });
  return { items, shipments };
}

/**
 * readReceiver reads the receiver fields. A county-level city directly under
 * its province (仙桃市, 济源市) comes with an empty receiver_city and the city
 * in receiver_district: it then fills both city and district, so a rule keyed
 * on either level finds it.
 */
function readReceiver(r: RecordReader): Receiver {
  const district = r.text('receiver_district', { max: 100 });
  const zip = r.text('receiver_zip', { max: 20 });
  // Since OAID, TOP sends receiver fields masked ("张*", "1389289****") or, to apps without the right, as ciphertext.
  const name = protectedText([r.text('receiver_name', { max: 1000 })]);
  const phone = pickPhone([r.text('receiver_mobile', { max: 1000 }), r.text('receiver_phone', { max: 1000 })]);
  const detail = protectedText([r.text('receiver_address', { max: 2000 })]);
  const encrypted = encryptedFieldsOf({ name, phone, detail });
  return {
    name: name.value,
    phone,
    province: r.text('receiver_state', { max: 100 }),
    city: r.text('receiver_city', { max: 100 }) ?? district,
    district,
    town: r.text('receiver_town', { max: 100 }),
    detail: detail.value,
    zip: zip === '000000' ? undefined : zip,
    ...(encrypted.length > 0 ? { encrypted } : {}),
  };
}

/**
 * readPresale reads the pre-sale marker: `type: "step"` or a
 * `step_trade_status` is a deposit-and-balance pre-sale; the agreed ship date
 * comes from delivery_time, est_con_time or es_date when one holds a date
 * (they may also hold text like "付款后15天内", which is no date).
 */
function readPresale(r: RecordReader): Presale | undefined {
  const type = r.text('type', { max: 64 });
  const step = r.text('step_trade_status', { max: 64 });
  if (type !== 'step' && step === undefined) return undefined;
  const shipBy = softTime(r, 'delivery_time') ?? softTime(r, 'est_con_time') ?? softTime(r, 'es_date');
  return { kind: 'deposit', shipBy };
}

/** softTime reads an optional, loosely specified time field: only a real date counts, anything else is absent. */
function softTime(r: RecordReader, field: string): Instant | undefined {
  const v = r.raw(field);
  return typeof v === 'string' ? parseShanghaiTime(v) : undefined;
}
