import type { Normalisation } from '../../domain/ingest-result.js';
import { itemsTotal, orderIdOf, type Order, type OrderItem, type Receiver } from '../../domain/order.js';
import type { Stage } from '../../domain/stage.js';
import type { Instant } from '../../domain/time.js';
import type { AdapterContext } from '../adapter.js';
import { channelStageEvents } from '../channel-stages.js';
import { describe, RecordReader } from '../record-reader.js';
import { OLIST_FILES, OLIST_STATUSES } from './olist-record.js';
import { olistEndOfDay, readOlistTime } from './olist-time.js';

/** OUT_OF_ORDER_TAG marks an Olist order whose stage times run backwards (e.g. handed to the carrier before approval). */
export const OUT_OF_ORDER_TAG = 'olist:out_of_order_times';

/** UNPAID_STATUSES are the statuses an order without an approval time may have without ever having been paid. */
const UNPAID_STATUSES: ReadonlySet<string> = new Set(['created', 'canceled']);

/**
 * normaliseOlist turns one joined OlistRecord into an order in BRL centavos
 * (kept in the `...Fen` fields) and its stage events: placed at purchase,
 * paid and reviewed at approval, shipped when handed to the carrier,
 * delivered when the customer received it.
 *
 * Decisions:
 * - Item rows of the same product, seller and price become one line whose
 *   quantity is their count; sku and productId are the product_id.
 * - paidFen is items + freight (the payments table is not joined).
 * - promisedShipBy is the earliest item shipping_limit_date;
 *   promisedDeliveryBy is the *end* of the estimated delivery date (UTC-3),
 *   since an order delivered that day is on time (the README's "late").
 * - `order_approved_at` is Olist's *payment* approval (the data set's own
 *   dictionary), which releases the order to the seller; there is no
 *   separate review (the seller's `shipping_limit_date` runs from it:
 *   e.g. 4 days to the second). A boleto is paid days after the purchase, and until it
 *   is the order is the buyer's to pay, not the seller's to ship: read as
 *   paid at purchase, 32 of the 40 "paid" stalls of the shared sample's 2018
 *   orders were boletos waiting to be paid (their share of payments is
 *   18 %). So the order waits unpaid (pending payment, which never stalls)
 *   until the approval and is paid and reviewed then. An order with no
 *   approval time that went on (a later status, a hand-over or a delivery)
 *   was paid: at purchase, the best known time.
 * - Dirty stage times are kept but never allowed to run backwards, and the
 *   order is tagged OUT_OF_ORDER_TAG (olistGroundTruth keeps the raw times).
 *   A carrier hand-over before the approval moves the approval back to the
 *   hand-over: the carrier's scan is the physical event, the approval a
 *   payment check that lagged; moving the hand-over forward instead made
 *   sellers who shipped in time look late against their ship-by date (10
 *   such orders in the shared sample scored the ship-by warnings worse
 *   than their baseline). Any other stage is placed no earlier than the
 *   one before.
 * - A canceled order is cancelled at its latest known time. "unavailable"
 *   is not a cancellation in the data: such an order stays paid/reviewed,
 *   as it looked to the shop until someone acted on it.
 * - modifiedAt is the latest of the order's own times, so a re-import is a
 *   duplicate, not an update.
 */
export function normaliseOlist(record: unknown, context: AdapterContext): Normalisation {
  const r = new RecordReader(record);
  if (!r.isObject()) return { ok: false, errors: [{ field: '', message: `must be a joined Olist order record, got ${describe(record)}` }] };
  const o = r.child('order', true);
  const orderNo = o?.id('order_id');
  const status = o?.text('order_status', { required: true, max: 32 });
  if (o && status !== undefined && !(OLIST_STATUSES as readonly string[]).includes(status)) {
    o.fail('order_status', `is not an Olist order status (${describe(status)}); expected one of ${OLIST_STATUSES.join(', ')}`);
  }
  const purchasedAt = o ? readOlistTime(o, 'order_purchase_timestamp', true) : undefined;
  const approvedAt = o ? readOlistTime(o, 'order_approved_at') : undefined;
  const carrierAt = o ? readOlistTime(o, 'order_delivered_carrier_date') : undefined;
  const deliveredAt = o ? readOlistTime(o, 'order_delivered_customer_date') : undefined;
  const estimatedAt = o ? readOlistTime(o, 'order_estimated_delivery_date') : undefined;

  const receiver = readReceiver(r, o);
  const customerId = r.child('customer')?.id('customer_unique_id', false);
  const lines = readLines(r);

  if (r.errors.length > 0 || orderNo === undefined || status === undefined || purchasedAt === undefined) {
    return { ok: false, errors: r.errors };
  }
  const approvalLagged = approvedAt !== undefined && carrierAt !== undefined && carrierAt < approvedAt;
  const wentOn = carrierAt !== undefined || deliveredAt !== undefined || !UNPAID_STATUSES.has(status);
  // An approval stamped before the purchase is a clock's error: paid no earlier than placed (tagged below).
  const approvalEarly = approvedAt !== undefined && approvedAt < purchasedAt;
  const paidAt = approvalLagged ? Math.max(purchasedAt, carrierAt) : approvedAt !== undefined ? Math.max(purchasedAt, approvedAt) : wentOn ? purchasedAt : undefined;
  const timeline = monotoneTimeline([
    { stage: 'paid', at: paidAt },
    { stage: 'reviewed', at: paidAt },
    { stage: 'shipped', at: carrierAt },
    { stage: 'delivered', at: deliveredAt },
  ]);
  const lastKnown = Math.max(...timeline.stages.map((s) => s.at ?? purchasedAt));
  const stages = status === 'canceled' ? [...timeline.stages, { stage: 'cancelled' as const, at: lastKnown }] : timeline.stages;

  const sellers = new Set(lines.sellers);
  const tags = [...(timeline.clamped || approvalLagged || approvalEarly ? [OUT_OF_ORDER_TAG] : []), ...(sellers.size > 1 ? ['multi_seller'] : [])];
  const id = orderIdOf('olist', orderNo);
  const total = itemsTotal(lines.items);
  const order: Order = {
    id,
    channel: 'olist',
    ...(context.shop ? { shop: context.shop } : {}),
    channelOrderId: orderNo,
    channelStatus: status,
    placedAt: purchasedAt,
    ...(paidAt !== undefined ? { paidAt } : {}),
    modifiedAt: lastKnown,
    ...(lines.shipBy !== undefined ? { promisedShipBy: lines.shipBy } : {}),
    ...(estimatedAt !== undefined ? { promisedDeliveryBy: olistEndOfDay(estimatedAt) } : {}),
    currency: 'BRL',
    itemsTotalFen: total,
    shippingFen: lines.freightFen,
    discountFen: 0,
    paidFen: total + lines.freightFen,
    customer: { tier: 'regular', ...(customerId ? { id: customerId } : {}) },
    receiver,
    items: lines.items,
    tags,
    shipments: [],
    ...(sellers.size === 1 ? { warehouse: `seller:${[...sellers][0]!}` } : {}),
    // The data set is anonymised: no receiver name, phone or street, ever; some orders (mostly
    // unavailable or canceled ones) have no item rows. They land with what they have.
    incomplete: lines.items.length === 0 ? ['receiver', 'items'] : ['receiver'],
  };
  return { ok: true, value: { orders: [order], events: channelStageEvents(id, 'olist', stages) } };
}

/** monotoneTimeline places each known stage no earlier than the known stage before it. */
function monotoneTimeline(stages: ReadonlyArray<{ stage: Stage; at: Instant | undefined }>): {
  stages: Array<{ stage: Stage; at: Instant | undefined }>;
  clamped: boolean;
} {
  let floor = -Infinity;
  let clamped = false;
  const out = stages.map(({ stage, at }) => {
    if (at === undefined) return { stage, at };
    if (at < floor) clamped = true;
    floor = Math.max(floor, at);
    return { stage, at: floor };
  });
  return { stages: out, clamped };
}

function readReceiver(r: RecordReader, o: RecordReader | undefined): Receiver {
  const c = r.child('customer');
  if (!c) {
    if (o && o.text('customer_id', { max: 64 }) !== undefined) o.fail('customer_id', `has no row in ${OLIST_FILES.customers}: is the data set complete?`);
    return {};
  }
  const province = c.text('customer_state', { max: 8 });
  const city = c.text('customer_city', { max: 100 });
  const zip = c.text('customer_zip_code_prefix', { max: 16 });
  // Brazilian states and cities: the Chinese division check is not theirs to pass.
  return { country: 'BR', ...(province ? { province } : {}), ...(city ? { city } : {}), ...(zip ? { zip } : {}) };
}

interface Lines {
  readonly items: OrderItem[];
  readonly freightFen: number;
  readonly shipBy: Instant | undefined;
  readonly sellers: string[];
}

/** readLines groups the item rows into order lines and sums their freight. */
function readLines(r: RecordReader): Lines {
  const groups = new Map<string, { item: OrderItem; quantity: number }>();
  const sellers: string[] = [];
  let freightFen = 0;
  let shipBy: Instant | undefined;
  r.list('items').forEach((row, i) => {
    if (!row.isObject()) {
      r.fail(`items[${i}]`, 'must be an item row object');
      return;
    }
    const productId = row.id('product_id');
    const sellerId = row.id('seller_id');
    const lineId = row.id('order_item_id', false);
    const price = row.yuan('price', true);
    const freight = row.yuan('freight_value') ?? 0;
    const limit = readOlistTime(row, 'shipping_limit_date');
    const category = row.text('product_category_name_english', { max: 100 }) ?? row.text('product_category_name', { max: 100 }) ?? 'unknown';
    const sellerState = row.text('seller_state', { max: 8 });
    if (productId === undefined || sellerId === undefined || price === undefined) return;
    freightFen += freight;
    if (limit !== undefined && (shipBy === undefined || limit < shipBy)) shipBy = limit;
    if (!sellers.includes(sellerId)) sellers.push(sellerId);
    const key = `${productId}|${sellerId}|${price}`;
    const group = groups.get(key);
    if (group) {
      group.quantity += 1;
      return;
    }
    const attributes = [`seller:${sellerId}`, ...(sellerState ? [`seller_state:${sellerState}`] : [])];
    const item: OrderItem = { sku: productId, productId, category, quantity: 1, unitPriceFen: price, attributes, ...(lineId ? { lineId } : {}) };
    groups.set(key, { item, quantity: 1 });
  });
  const items = [...groups.values()].map(({ item, quantity }) => ({ ...item, quantity }));
  return { items, freightFen, shipBy, sellers };
}
