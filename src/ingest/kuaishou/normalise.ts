import type { Normalisation } from '../../domain/ingest-result.js';
import { parseUnixSeconds, type Instant } from '../../domain/time.js';
import { itemsTotal, orderIdOf, type Order, type OrderItem, type Receiver, type Shipment } from '../../domain/order.js';
import type { AdapterContext } from '../adapter.js';
import { sealCiphertext } from '../../domain/phone.js';
import { encryptedFieldsOf, latestInstant, notAnObject, pickPhone, protectedText, timelineEvents, type ProtectedText } from '../order-parts.js';
import { describe, RecordReader } from '../record-reader.js';
import { KUAISHOU_ORDER_STAGES, kuaishouStageOf } from './status.js';

/**
 * normaliseKuaishouOrder reads one 快手小店 order (`orderBaseInfo`,
 * `orderItemInfo` or `orderItemInfoList[]`, `orderAddress`,
 * `orderLogisticsInfo[]`). Amounts are integer fen; times are unix
 * **milliseconds**. The receiver comes plain only to apps with the right;
 * otherwise as `desensitise*` (masked) and `encrypted*` (ciphertext) fields.
 */
export function normaliseKuaishouOrder(record: unknown, context: AdapterContext): Normalisation {
  const root = new RecordReader(record);
  if (!root.isObject()) return { ok: false, errors: [notAnObject(record, 'a 快手小店 order')] };
  const base = root.child('orderBaseInfo', true);
  if (base === undefined) return { ok: false, errors: root.errors };

  const oid = base.id('oid');
  const status = base.integer('status', { required: true });
  const current = status === undefined ? undefined : kuaishouStageOf(status);
  if (status !== undefined && current === undefined) {
    base.fail('status', `unknown 快手 order status ${status}; known: ${Object.keys(KUAISHOU_ORDER_STAGES).join(', ')}`);
  }
  const placedAt = millis(base, 'createTime', true);
  const paidAt = millis(base, 'payTime');
  const sentAt = millis(base, 'sendTime');
  const receivedAt = millis(base, 'recvTime');
  const updatedAt = millis(base, 'updateTime');
  const promisedShipBy = millis(base, 'validPromiseShipmentTimeStamp') ?? millis(base, 'promiseTimeStampOfDelivery');
  const paidFen = base.fen('totalFee', true);
  const shippingFen = base.fen('expressFee') ?? 0;
  const discountFen = base.fen('discountFee');
  const items = readItems(root);
  const receiver = readReceiver(root.child('orderAddress'));
  // An answer without orderAddress (a list page, a quoted order) still lands; the address and phone checks then skip it.
  const receiverMissing = root.raw('orderAddress') === undefined || root.raw('orderAddress') === null;
  const parcels = readLogistics(root);
  // An auto-delivered order (卡密, top-ups: sent seconds after payment by a delivery tool) carries a dummy parcel:
  // the order id as its "waybill" under carrier 9999 (其他). No carrier will ever scan it, so it is no shipment.
  const dummy = (p: Shipment): boolean => p.trackingNo === oid && p.carrier === 'kuaishou_express:9999';
  const shipments = parcels.filter((p) => !dummy(p));
  const virtualGoods = parcels.length > 0 && shipments.length === 0;
  const shop = base.text('sellerNick', { max: 100 }) ?? context.shop;
  const buyerNote = base.text('remark');
  const sellerNote = readSellerNote(root);

  if (root.errors.length > 0 || oid === undefined || current === undefined || placedAt === undefined || paidFen === undefined) {
    return { ok: false, errors: root.errors };
  }
  const id = orderIdOf('kuaishou', oid);
  const modifiedAt = updatedAt ?? latestInstant([placedAt, paidAt, sentAt, receivedAt]) ?? context.receivedAt;
  const itemsTotalFen = itemsTotal(items);
  const order: Order = {
    id,
    channel: 'kuaishou',
    ...(shop ? { shop } : {}),
    channelOrderId: oid,
    channelStatus: String(status),
    placedAt,
    ...(paidAt !== undefined ? { paidAt } : {}),
    modifiedAt,
    ...(promisedShipBy !== undefined ? { promisedShipBy } : {}),
    currency: 'CNY',
    itemsTotalFen,
    shippingFen,
    discountFen: discountFen ?? Math.max(0, itemsTotalFen + shippingFen - paidFen),
    paidFen,
    customer: { tier: 'regular', ...(base.text('buyerNick', { max: 100 }) ? { nick: base.text('buyerNick', { max: 100 }) } : {}) },
    receiver,
    ...(receiverMissing ? { incomplete: ['receiver' as const] } : {}),
    items,
    tags: base.integer('preSale') === 1 ? ['kuaishou_presale'] : [],
    ...(buyerNote ? { buyerNote } : {}),
    ...(sellerNote ? { sellerNote } : {}),
    ...(base.integer('preSale') === 1 ? { presale: { kind: 'full_payment' as const, ...(promisedShipBy !== undefined ? { shipBy: promisedShipBy } : {}) } } : {}),
    shipments,
    ...(virtualGoods ? { virtualGoods: true } : {}),
  };
  const events = timelineEvents({
    orderId: id,
    channel: 'kuaishou',
    current,
    placedAt,
    paidAt,
    modifiedAt,
    marks: [
      { stage: 'shipped', at: sentAt },
      { stage: 'delivered', at: current === 'delivered' ? receivedAt : undefined },
    ],
  });
  return { ok: true, value: { orders: [order], events } };
}

/** millis reads a unix-milliseconds time; 0 reads as absent. */
function millis(r: RecordReader, field: string, required = false): Instant | undefined {
  const v = r.raw(field);
  if (v === undefined || v === null || v === 0 || v === '0' || v === '') {
    if (required) r.fail(field, 'is required');
    return undefined;
  }
  const n = typeof v === 'string' && /^\d{1,16}$/.test(v.trim()) ? Number(v) : v;
  const at = typeof n === 'number' && Number.isSafeInteger(n) && n > 1e11 ? parseUnixSeconds(Math.floor(n / 1000)) : undefined;
  if (at === undefined) r.fail(field, `must be unix milliseconds, got ${describe(v)}`);
  // Keep the milliseconds the platform sent.
  return at === undefined ? undefined : (n as number);
}

/** readItems reads `orderItemInfo` (one object in most answers) or `orderItemInfoList[]`; the SKU is the seller's skuNick (商家编码), else skuId. */
function readItems(root: RecordReader): OrderItem[] {
  const lines = Array.isArray(root.raw('orderItemInfoList')) ? root.list('orderItemInfoList') : [root.child('orderItemInfo', true)].filter((l): l is RecordReader => l !== undefined);
  const items: OrderItem[] = [];
  for (const line of lines) {
    if (!line.isObject()) continue;
    const skuId = line.id('skuId', false);
    const code = line.text('skuNick', { max: 100 }) ?? line.text('goodsCode', { max: 100 });
    const itemId = line.id('itemId', false);
    const lineId = line.id('orderItemId', false);
    const title = line.text('itemTitle');
    const quantity = line.integer('num', { required: true, min: 1 });
    const unitPriceFen = line.fen('price', true);
    const sku = code ?? skuId ?? itemId;
    if (sku === undefined) line.fail('skuId', 'is required: an item needs skuNick, skuId or itemId');
    if (sku === undefined || quantity === undefined || unitPriceFen === undefined) continue;
    items.push({ sku, quantity, unitPriceFen, ...(lineId ? { lineId } : {}), ...(itemId ? { productId: itemId } : {}), ...(title ? { title } : {}) });
  }
  return items;
}

/** CIPHERTEXT_LIMIT bounds an `encrypted*` field: 快手's tokens join two base64 parts and run to several hundred characters. */
const CIPHERTEXT_LIMIT = 4000;

/**
 * readReceiver prefers the plain fields (sent only to apps with the right),
 * then the `desensitise*` masked ones. An `encrypted*` field is a ciphertext
 * because the platform says so by its name, whatever its shape: 快手's tokens
 * (`#index#part&part#1##`, `$index$part&part$1$$`, `~index~part&part~1~~`)
 * have an `&` inside that no generic ciphertext pattern expects, and read as
 * text they would become a receiver's name or an "invalid" phone.
 */
function readReceiver(a: RecordReader | undefined): Receiver {
  if (a === undefined) return {};
  const name = orCiphertext(protectedText([a.text('consignee', { max: 1000 }), a.text('desensitiseConsignee', { max: 200 })]), a.text('encryptedConsignee', { max: CIPHERTEXT_LIMIT }));
  const encryptedMobile = a.text('encryptedMobile', { max: CIPHERTEXT_LIMIT });
  const phone = pickPhone([a.text('mobile', { max: 1000 }), a.text('desensitiseMobile', { max: 200 })]) ?? (encryptedMobile !== undefined ? sealCiphertext({ raw: encryptedMobile, kind: 'encrypted' }) : undefined);
  const detail = orCiphertext(protectedText([a.text('address', { max: 2000 }), a.text('desensitiseAddress', { max: 2000 })]), a.text('encryptedAddress', { max: CIPHERTEXT_LIMIT }));
  const encrypted = encryptedFieldsOf({ name, phone, detail });
  const province = a.text('province', { max: 100 });
  const city = a.text('city', { max: 100 });
  const district = a.text('district', { max: 100 });
  const town = a.text('town', { max: 100 });
  return {
    ...(name.value ? { name: name.value } : {}),
    ...(phone ? { phone } : {}),
    ...(province ? { province } : {}),
    ...(city ? { city } : {}),
    ...(district ? { district } : {}),
    ...(town ? { town } : {}),
    ...(detail.value ? { detail: detail.value } : {}),
    ...(encrypted.length > 0 ? { encrypted } : {}),
  };
}

/** orCiphertext marks a field encrypted when nothing readable came and its `encrypted*` twin did. */
function orCiphertext(readable: ProtectedText, ciphertext: string | undefined): ProtectedText {
  return readable.value === undefined && ciphertext !== undefined ? { value: undefined, encrypted: true } : readable;
}

/** readLogistics reads `orderLogisticsInfo[]`: `expressNo` and 快手's numeric carrier `expressCode`. */
function readLogistics(root: RecordReader): Shipment[] {
  const shipments: Shipment[] = [];
  const raw = root.raw('orderLogisticsInfo');
  const parcels = Array.isArray(raw) ? root.list('orderLogisticsInfo') : [root.child('orderLogisticsInfo')].filter((p): p is RecordReader => p !== undefined);
  for (const parcel of parcels) {
    const trackingNo = parcel.id('expressNo', false);
    if (trackingNo === undefined || shipments.some((s) => s.trackingNo === trackingNo)) continue;
    const code = parcel.id('expressCode', false);
    shipments.push({ trackingNo, ...(code !== undefined && code !== '0' ? { carrier: `kuaishou_express:${code}` } : {}) });
  }
  return shipments;
}

/** readSellerNote joins `orderNote.sellerNote[]` (strings or `{note}` objects). */
function readSellerNote(root: RecordReader): string | undefined {
  const notes = root.child('orderNote')?.raw('sellerNote');
  if (!Array.isArray(notes)) return undefined;
  const texts = notes
    .map((n: unknown) => (typeof n === 'string' ? n : typeof n === 'object' && n !== null && typeof (n as Record<string, unknown>)['note'] === 'string' ? ((n as Record<string, unknown>)['note'] as string) : ''))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return texts.length > 0 ? texts.join('；').slice(0, 2000) : undefined;
}
