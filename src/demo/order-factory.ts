import { HOUR_MS, type Instant } from '../domain/time.js';
import { CATALOGUE, CARRIERS, HOT_SKUS, carrierByCode, type Carrier, type Category, type Sku } from './catalogue.js';
import type { IdAllocator } from './ids.js';
import type { DemoChannel, DemoLine, DemoOrder } from './model.js';
import { customerAt, personName, virtualMobile, type DemoCustomer } from './people.js';
import { Rng, WeightedTable, hash32 } from './prng.js';
import { WAREHOUSE_OF_ZONE } from './regions.js';

const CHANNELS: readonly DemoChannel[] = ['taobao', 'jd', 'douyin', 'youzan'];
const CHANNEL_SHARE = [0.45, 0.25, 0.2, 0.1];
const ALL_SKUS = new WeightedTable(CATALOGUE, (s) => s.popularity);
const COLD_SKUS = new WeightedTable(CATALOGUE.filter((s) => !HOT_SKUS.includes(s.code)), (s) => s.popularity);
const BY_CATEGORY = new Map<Category, Sku[]>();
for (const sku of CATALOGUE) BY_CATEGORY.set(sku.category, [...(BY_CATEGORY.get(sku.category) ?? []), sku]);
const CARRIER_SHARE = [0.15, 0.35, 0.25, 0.05, 0.2]; // SF ZTO YTO JD YD
// Latest ship time Douyin promises per category, after payment.
const PROMISE_HOURS: Readonly<Record<Category, number>> = { fresh: 24, furniture: 16 * 24, mother_baby: 48, electronics: 48, cross_border: 5 * 24, home: 7 * 24 };

/** OrderFactory makes plausible orders of the demo business; trouble is applied on top. */
export class OrderFactory {
  /** Until when the hot SKUs cannot be bought in ordinary orders (they are sold out, then restocked). */
  hotBlocked: { readonly from: Instant; readonly until: Instant } = { from: 0, until: 0 };

  constructor(
    private readonly seed: number,
    private readonly ids: IdAllocator,
    private readonly customerPool: number,
  ) {}

  /** drawChannel picks a channel by the business's channel mix. */
  drawChannel(rng: Rng): DemoChannel {
    return CHANNELS[rng.weighted(CHANNEL_SHARE)] ?? 'taobao';
  }

  /** drawCustomer picks a customer; a few loyal buyers order far more often than the rest. */
  drawCustomer(rng: Rng): DemoCustomer {
    return customerAt(this.seed, Math.floor(this.customerPool * rng.next() ** 1.8));
  }

  /** order builds one order placed at `placedAt` on `channel`, optionally for a given customer and SKU. */
  order(channel: DemoChannel, placedAt: Instant, customer: DemoCustomer, firstSku?: Sku): DemoOrder {
    const seq = this.ids.orderCount;
    const channelOrderId = this.ids.orderNo(channel, placedAt);
    const rng = new Rng(hash32(this.seed, seq, 0x0de7));
    const blocked = placedAt >= this.hotBlocked.from && placedAt < this.hotBlocked.until;
    const first = firstSku ?? (blocked ? COLD_SKUS : ALL_SKUS).draw(rng);
    const lines: DemoLine[] = [this.line(channel, first, rng)];
    const count = first.category === 'furniture' ? 1 : rng.weighted([0.8, 0.15, 0.05]) + 1;
    const family = (BY_CATEGORY.get(first.category) ?? []).filter((s) => !HOT_SKUS.includes(s.code));
    for (let i = 1; i < count && family.length > 1; i++) {
      const sku = rng.pick(family);
      if (!lines.some((l) => l.sku.code === sku.code)) lines.push(this.line(channel, sku, rng));
    }
    const paidAt = placedAt + rng.int(5, 180) * 1000;
    const receiverName = rng.chance(0.1) ? personName(rng) : customer.name;
    const hidden = channel === 'douyin' || (channel === 'jd' && rng.chance(0.2));
    const virtual = !hidden && channel !== 'youzan' && rng.chance(channel === 'jd' ? 0.08 : 0.05);
    const order: DemoOrder = {
      channel, channelOrderId, orderId: `${channel}:${channelOrderId}`, seq, placedAt, paidAt, customer,
      receiver: {
        name: receiverName, phone: virtual ? virtualMobile(rng) : customer.mobile, mobile: customer.mobile, hidden,
        province: customer.region.province, city: customer.region.city, district: customer.region.district,
        town: customer.town, detail: customer.detail, zip: customer.region.zip, code: customer.region.code,
      },
      lines, category: first.category, shippingFen: 0, discountFen: 0, paidFen: 0, buyerNote: '', sellerNote: '',
      carrier: CARRIERS[0] ?? carrierByCode('SF'), parcels: 1, troubled: false, labels: [], contacts: [], notes: [],
    };
    const warehouse = warehouseFor(first, customer);
    if (warehouse) order.warehouse = warehouse;
    order.carrier = carrierFor(order, rng);
    const items = itemsTotal(order);
    if (items < 9900 && first.category !== 'fresh' && rng.chance(0.25)) order.shippingFen = rng.int(8, 12) * 100;
    if (channel !== 'youzan' && rng.chance(0.3)) order.discountFen = Math.floor((items * rng.between(0.03, 0.15)) / 100) * 100;
    setPromise(order);
    if (first.category === 'cross_border') order.sellerNote = '跨境保税仓发货，需海关清关后出库';
    if (first.category === 'home') order.sellerNote = '厂家直发，按厂家排期发货';
    if (rng.chance(0.08)) order.buyerNote = rng.pick(['请尽快发货，谢谢', '不要放快递柜', '送人的，不要放价格单', '发顺丰可以吗', '包装好一点']);
    reprice(order);
    return order;
  }

  /** lineNo returns a new line id for the channel (used when trouble adds lines). */
  lineNo(channel: DemoChannel): string {
    return this.ids.lineNo(channel);
  }

  private line(channel: DemoChannel, sku: Sku, rng: Rng): DemoLine {
    const quantity = sku.category === 'furniture' ? 1 : rng.weighted([0.85, 0.11, 0.04]) + 1;
    return { lineId: this.ids.lineNo(channel), sku, quantity, unitPriceFen: sku.priceFen, paidFen: 0 };
  }
}

function warehouseFor(sku: Sku, customer: DemoCustomer): string | undefined {
  if (sku.warehouses.length === 0) return undefined;
  const near = WAREHOUSE_OF_ZONE[customer.region.zone];
  return sku.warehouses.includes(near) ? near : sku.warehouses[0];
}

function carrierFor(order: DemoOrder, rng: Rng): Carrier {
  if (order.category === 'fresh') return carrierByCode('SF');
  if (order.category === 'furniture') return carrierByCode(rng.chance(0.6) ? 'JD' : 'SF');
  if (order.category === 'cross_border') return carrierByCode(rng.chance(0.5) ? 'SF' : 'YTO');
  if (order.channel === 'jd' && rng.chance(0.7)) return carrierByCode('JD');
  return CARRIERS[rng.weighted(CARRIER_SHARE)] ?? carrierByCode('ZTO');
}

/** setPromise sets Douyin's latest ship time (exp_ship_time) from the order's category and payment. */
export function setPromise(order: DemoOrder): void {
  if (order.channel === 'douyin') order.promisedShipBy = order.presale?.shipBy ?? order.paidAt + PROMISE_HOURS[order.category] * HOUR_MS;
}

/** itemsTotal sums unit price × quantity over an order's lines. */
export function itemsTotal(order: DemoOrder): number {
  return order.lines.reduce((n, l) => n + l.unitPriceFen * l.quantity, 0);
}

/** reprice makes the order's amounts add up (paid = items + shipping − discount) and spreads the discount over the lines. */
export function reprice(order: DemoOrder): void {
  const items = itemsTotal(order);
  order.discountFen = Math.min(order.discountFen, items);
  order.paidFen = items + order.shippingFen - order.discountFen;
  let left = order.discountFen;
  order.lines.forEach((line, i) => {
    const gross = line.unitPriceFen * line.quantity;
    const share = i === order.lines.length - 1 ? left : Math.floor((order.discountFen * gross) / Math.max(1, items));
    left -= share;
    line.paidFen = gross - share;
  });
}
