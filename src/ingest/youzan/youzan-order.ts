import type { Normalisation } from '../../domain/ingest-result.js';
import { itemsTotal, orderIdOf, type Order, type OrderItem, type Receiver, type Shipment } from '../../domain/order.js';
import type { Stage } from '../../domain/stage.js';
import type { Instant } from '../../domain/time.js';
import type { AdapterContext } from '../adapter.js';
import { channelStageEvents } from '../channel-stages.js';
import { encryptedFieldsOf, pickPhone, protectedText } from '../order-parts.js';
import { describe, RecordReader } from '../record-reader.js';
import { YOUZAN_STATUS_STAGES, youzanStatusStage } from './youzan-status.js';

/**
 * normaliseYouzan turns one Youzan record (`{full_order_info, delivery_order?}`
 * or a bare full_order_info) into an order and the stage events its own
 * timestamps imply. Amounts are yuan strings, times Asia/Shanghai.
 *
 * The status decides the current stage. Timestamps place each stage on the
 * timeline (paid at pay_time, shipped at consign_time, delivered at
 * success_time); when the status names a stage its timestamps do not show
 * (a closed order, a shipped order without consign_time) that stage is placed
 * at update_time (when received, without one), so the derived stage agrees
 * with the status.
 */
export function normaliseYouzan(record: unknown, context: AdapterContext): Normalisation {
  const root = new RecordReader(record);
  if (!root.isObject()) {
    return { ok: false, errors: [{ field: '', message: `must be a Youzan full_order_info object, got ${describe(record)}` }] };
  }
  const info = root.raw('full_order_info') !== undefined ? root.child('full_order_info', true) : root;
  if (!info) return { ok: false, errors: root.errors };

  const oi = info.child('order_info', true);
  const tid = oi?.id('tid');
  const status = oi?.text('status', { required: true, max: 64 });
  let statusStage: Stage | undefined;
  if (oi && status !== undefined) {
    statusStage = youzanStatusStage(status);
    if (!statusStage) oi.fail('status', `is not a Youzan order status we know (${describe(status)}); expected one of ${Object.keys(YOUZAN_STATUS_STAGES).join(', ')}`);
  }
  const created = oi?.shanghaiTime('created', true);
  const payTime = oi?.shanghaiTime('pay_time');
  const consignTime = oi?.shanghaiTime('consign_time');
  const successTime = oi?.shanghaiTime('success_time');
  const updateTime = oi?.shanghaiTime('update_time');
  const tags = orderTags(oi);

  const pay = info.child('pay_info', true);
  const paidFen = pay?.yuan('payment', true);
  const shippingFen = pay?.yuan('post_fee') ?? 0;

  const receiver = readReceiver(info.child('address_info'));
  const remark = info.child('remark_info');
  const buyerNote = remark?.text('buyer_message');
  const sellerNote = remark?.text('trade_memo');
  const buyer = info.child('buyer_info');
  const buyerId = buyer?.id('yz_open_id', false) ?? buyer?.id('buyer_id', false);
  const nick = buyer?.text('fans_nickname', { max: 200 });

  const lines = info.list('orders', true);
  if (Array.isArray(info.raw('orders')) && lines.length === 0) info.fail('orders', 'must list at least one order line');
  const items = lines.flatMap((line, i) => {
    if (!line.isObject()) {
      info.fail(`orders[${i}]`, 'must be an order line object');
      return [];
    }
    const item = readItem(line);
    return item ? [item] : [];
  });
  const shipments = readShipments(root);

  if (root.errors.length > 0 || tid === undefined || created === undefined || paidFen === undefined || !statusStage || status === undefined) {
    return { ok: false, errors: root.errors };
  }

  const id = orderIdOf('youzan', tid);
  const total = itemsTotal(items);
  const order: Order = {
    id,
    channel: 'youzan',
    ...(context.shop ? { shop: context.shop } : {}),
    channelOrderId: tid,
    channelStatus: status,
    placedAt: created,
    ...(payTime !== undefined ? { paidAt: payTime } : {}),
    modifiedAt: updateTime ?? context.receivedAt,
    currency: 'CNY',
    itemsTotalFen: total,
    shippingFen,
    discountFen: Math.max(0, total + shippingFen - paidFen),
    paidFen,
    customer: { tier: 'regular', ...(buyerId ? { id: buyerId } : {}), ...(nick ? { nick } : {}) },
    receiver,
    items,
    tags,
    ...(buyerNote ? { buyerNote } : {}),
    ...(sellerNote ? { sellerNote } : {}),
    ...(isVirtual(oi, lines) ? { virtualGoods: true } : {}),
    shipments,
  };
  const stages = timelineFor(statusStage, { created, payTime, consignTime, successTime, fallback: updateTime ?? context.receivedAt });
  return { ok: true, value: { orders: [order], events: channelStageEvents(id, 'youzan', stages) } };
}

interface YouzanTimes {
  readonly created: Instant;
  readonly payTime: Instant | undefined;
  readonly consignTime: Instant | undefined;
  readonly successTime: Instant | undefined;
  /** Where a stage the status names but no timestamp shows is placed: update_time, else when received. */
  readonly fallback: Instant;
}

function timelineFor(statusStage: Stage, t: YouzanTimes): Array<{ stage: Stage; at: Instant | undefined }> {
  const stages: Array<{ stage: Stage; at: Instant | undefined }> = [
    { stage: 'pending_payment', at: statusStage === 'pending_payment' ? t.created : undefined },
    { stage: 'paid', at: t.payTime },
    { stage: 'shipped', at: t.consignTime },
    { stage: 'delivered', at: statusStage === 'delivered' ? t.successTime : undefined },
  ];
  const shown = stages.some((s) => s.stage === statusStage && s.at !== undefined);
  if (statusStage !== 'pending_payment' && !shown) {
    stages.push({ stage: statusStage, at: t.fallback });
  }
  return stages;
}

function readReceiver(address: RecordReader | undefined): Receiver {
  if (!address) return {};
  // Youzan encrypts receiver fields as "$…$1$" for apps without the decryption right.
  const name = protectedText([address.text('receiver_name', { max: 1000 })]);
  const tel = address.text('receiver_tel', { max: 1000 });
  const phone = pickPhone([tel]);
  const province = address.text('delivery_province', { max: 64 });
  const city = address.text('delivery_city', { max: 64 });
  const district = address.text('delivery_district', { max: 64 });
  const detail = protectedText([address.text('delivery_address', { max: 2000 })]);
  const zip = address.text('delivery_postal_code', { max: 16 });
  const encrypted = encryptedFieldsOf({ name, phone, detail });
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

/** EXPRESS_TYPE_NONE is Youzan's `express_type` for an order that needs no delivery (virtual goods, e-vouchers). */
const EXPRESS_TYPE_NONE = 9;

/**
 * isVirtual tells a Youzan order that ships nothing: `order_tags.is_virtual`,
 * `express_type` 9 (no delivery needed), or every line flagged `is_virtual`.
 */
function isVirtual(oi: RecordReader | undefined, lines: readonly RecordReader[]): boolean {
  const flags = oi?.raw('order_tags');
  if (typeof flags === 'object' && flags !== null && (flags as Record<string, unknown>)['is_virtual'] === true) return true;
  const express = oi?.raw('express_type');
  if (express === EXPRESS_TYPE_NONE || express === String(EXPRESS_TYPE_NONE)) return true;
  const flagged = (v: unknown): boolean => v === true || v === 1 || v === '1';
  return lines.length > 0 && lines.every((line) => flagged(line.raw('is_virtual')));
}

function readItem(line: RecordReader): OrderItem | undefined {
  const oid = line.id('oid', false);
  const itemId = line.id('item_id', false);
  const skuId = line.id('sku_id', false);
  const sku = line.text('outer_sku_id', { max: 64 }) ?? (skuId && skuId !== '0' ? skuId : undefined) ?? line.text('outer_item_id', { max: 64 }) ?? itemId;
  if (sku === undefined) line.fail('outer_sku_id', 'is required (or sku_id / outer_item_id / item_id) to tell which SKU was bought');
  const title = line.text('title', { max: 500 });
  const quantity = line.integer('num', { required: true, min: 1 });
  const unitPriceFen = line.yuan('price', true);
  const paidFen = line.yuan('payment');
  if (sku === undefined || quantity === undefined || unitPriceFen === undefined) return undefined;
  return {
    sku,
    quantity,
    unitPriceFen,
    ...(oid ? { lineId: oid } : {}),
    ...(itemId ? { productId: itemId } : {}),
    ...(title ? { title } : {}),
    ...(paidFen !== undefined ? { paidFen } : {}),
  };
}

/**
 * orderTags keeps Youzan's true `order_tags` flags (is_refund, is_virtual ...)
 * and a non-normal order type as tags. The type is a number in API v4 (10 =
 * group buy ...) and a name in older versions ("FIXED" = normal); neither is
 * worth rejecting an order for, so an odd value is ignored.
 */
function orderTags(oi: RecordReader | undefined): string[] {
  const tags: string[] = [];
  const type = oi?.raw('type');
  const typeText = typeof type === 'number' && Number.isSafeInteger(type) ? String(type) : typeof type === 'string' ? type.trim() : '';
  if (/^[A-Z_0-9]{1,32}$/.test(typeText) && typeText !== '0' && typeText !== 'FIXED') tags.push(`youzan_type:${typeText}`);
  const flags = oi?.raw('order_tags');
  if (typeof flags === 'object' && flags !== null && !Array.isArray(flags)) {
    for (const [flag, on] of Object.entries(flags).slice(0, 50)) {
      if (on === true && /^[a-z_]{1,40}$/.test(flag)) tags.push(flag);
    }
  }
  return tags;
}

/**
 * readShipments reads the waybills of `delivery_order[].dists[].express_info`,
 * the v4 detail's sibling of full_order_info (unverified shape: every part is
 * optional, a wrong type is a field error).
 */
function readShipments(root: RecordReader): Shipment[] {
  const shipments: Shipment[] = [];
  for (const delivery of root.list('delivery_order')) {
    for (const dist of delivery.list('dists')) {
      const express = dist.child('express_info');
      const trackingNo = express?.text('express_no', { max: 64 });
      if (!express || !trackingNo || shipments.some((s) => s.trackingNo === trackingNo)) continue;
      const carrier = express.text('express_name', { max: 64 }) ?? express.text('express_id', { max: 32 });
      shipments.push({ trackingNo, ...(carrier ? { carrier } : {}) });
    }
  }
  return shipments;
}
