import { DAY_MS, HOUR_MS } from '../domain/time.js';
import type { DemoDay } from './calendar.js';
import { CATALOGUE, skuByCode } from './catalogue.js';
import { atLocalHour, shanghaiMidnight } from './local-time.js';
import type { DemoOrder } from './model.js';
import { itemsTotal, reprice, setPromise, type OrderFactory } from './order-factory.js';
import { PLACEHOLDER_DETAILS, PLACEHOLDER_NAMES, invalidPhone, vagueAddress } from './people.js';
import type { Rng } from './prng.js';
import { REGIONS } from './regions.js';
import { formatYuan } from '../domain/money.js';

/** RATES are the shares of orders carrying each kind of everyday trouble (one kind per order at most). */
export const RATES = {
  phoneInvalid: 0.005,
  addressVague: 0.004,
  addressUnresolved: 0.002,
  amountMismatch: 0.0015,
  amountOutlier: 0.0008,
  placeholder: 0.001,
  duplicate: 0.0015,
  customerRequest: 0.006,
  cancel: 0.012,
  complaint: 0.003,
  presale: 0.04,
  split: 0.4,
} as const;

const REQUESTS = ['晚点发，下周再发货', '下周再发，人在外地', '等通知再发货，谢谢', '先别发，等通知再发', '晚点发货，月底前到就行'];
const FURNITURE = CATALOGUE.filter((s) => s.category === 'furniture');

/**
 * applyRandomTrouble sprinkles the everyday trouble over the day's orders —
 * bad phones and addresses, odd amounts, test orders, cross-channel
 * duplicates, customer-requested delays, pre-sales, split furniture
 * shipments, cancellations and "where is my parcel" chats — labels each, and
 * returns the duplicate orders it adds.
 */
export function applyRandomTrouble(day: DemoDay, orders: readonly DemoOrder[], factory: OrderFactory, rng: Rng): DemoOrder[] {
  const added: DemoOrder[] = [];
  for (const o of orders) {
    if (o.category === 'furniture' && rng.chance(RATES.split)) split(o, factory, rng);
    if ((o.channel === 'taobao' || o.channel === 'douyin') && ['electronics', 'mother_baby', 'fresh'].includes(o.category) && rng.chance(RATES.presale)) {
      presale(o, rng);
      continue;
    }
    const plain = o.channel !== 'douyin' && !o.receiver.hidden;
    let u = rng.next();
    const hit = (rate: number): boolean => (u -= rate) < 0;
    if (hit(RATES.phoneInvalid)) {
      if (!plain) continue;
      o.receiver.phone = invalidPhone(rng, o.receiver.mobile);
      mark(o, 'phone.invalid', `收货手机号 ${o.receiver.phone} 不是有效的手机号`);
    } else if (hit(RATES.addressVague)) {
      o.receiver.detail = vagueAddress(rng);
      mark(o, 'address.vague', `详细地址只有地标：${o.receiver.detail}`);
    } else if (hit(RATES.addressUnresolved)) {
      unresolved(o, rng);
    } else if (hit(RATES.amountMismatch)) {
      const delta = rng.int(1, 50) * 100 * (rng.chance(0.5) ? 1 : -1);
      o.paidFen = Math.max(1, o.paidFen + delta);
      mark(o, 'amount.mismatch', `实付 ${formatYuan(o.paidFen)} ≠ 商品 ${formatYuan(itemsTotal(o))} + 运费 ${formatYuan(o.shippingFen)} − 优惠 ${formatYuan(o.discountFen)}`);
    } else if (hit(RATES.amountOutlier)) {
      const line = o.lines[0];
      if (!line) continue;
      line.unitPriceFen = line.sku.priceFen * 50;
      reprice(o);
      mark(o, 'amount.outlier', `${line.sku.code} 单价 ${formatYuan(line.unitPriceFen)}，是平时的 50 倍（多打了两个 0？）`);
    } else if (hit(RATES.placeholder)) {
      if (!plain) continue;
      placeholder(o, rng);
    } else if (hit(RATES.duplicate)) {
      if (!plain) continue;
      const twin = duplicate(day, o, factory, rng);
      if (twin) added.push(twin);
    } else if (hit(RATES.customerRequest)) {
      o.buyerNote = rng.pick(REQUESTS);
      o.holdUntil = requestedHold(o, rng);
      if (rng.chance(0.3)) o.notes.push({ at: o.paidAt + rng.int(1, 6) * HOUR_MS, text: `客户来电：${o.buyerNote}`, source: 'console', author: '客服小刘' });
      mark(o, 'exempt.customer_request', `买家留言「${o.buyerNote}」`);
    } else if (hit(RATES.cancel)) {
      o.cancels = true;
      o.troubled = true;
    } else if (hit(RATES.complaint)) {
      o.contacts.push({ at: o.paidAt + rng.int(20, 72) * HOUR_MS, channel: 'chat', text: rng.pick(['请问什么时候发货？', '物流到哪了？', '能帮我改一下收货地址吗']), screenshot: rng.chance(0.2) });
    }
  }
  return added;
}

// The shop keeps to what the buyer asked: "下周再发" ships with the first
// waves of next Monday, an undated "等通知" when the buyer calls back three to
// seven days later.
function requestedHold(o: DemoOrder, rng: Rng): number {
  if (!o.buyerNote.includes('下周')) return o.paidAt + rng.int(3, 7) * DAY_MS;
  const today = shanghaiMidnight(o.paidAt);
  const weekday = (new Date(today + 8 * HOUR_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return atLocalHour(today + (7 - weekday) * DAY_MS, rng.between(8, 10));
}

function mark(o: DemoOrder, code: string, note: string): void {
  o.labels.push({ code, note });
  o.troubled = true;
}

function unresolved(o: DemoOrder, rng: Rng): void {
  const r = o.receiver;
  switch (rng.int(0, 2)) {
    case 0:
      r.district = '';
      return mark(o, 'address.unresolved', `缺少区/县：${r.province}${r.city}`);
    case 1:
      r.province = rng.pick(['火星省', '测试省', '江浙省']);
      return mark(o, 'address.unresolved', `不存在的省份：${r.province}`);
    default: {
      const other = rng.pick(REGIONS.filter((x) => x.province !== r.province && x.city !== x.province));
      r.city = other.city;
      return mark(o, 'address.unresolved', `${r.province}下没有${r.city}`);
    }
  }
}

function placeholder(o: DemoOrder, rng: Rng): void {
  o.receiver.name = rng.pick(PLACEHOLDER_NAMES);
  if (rng.chance(0.5)) o.receiver.detail = rng.pick(PLACEHOLDER_DETAILS);
  if (rng.chance(0.5)) {
    o.discountFen = itemsTotal(o) + o.shippingFen;
    o.shippingFen = 0;
    reprice(o);
  }
  mark(o, 'order.placeholder', `测试/占位订单：收货人「${o.receiver.name}」，地址「${o.receiver.detail}」，实付 ${formatYuan(o.paidFen)}`);
}

function duplicate(day: DemoDay, o: DemoOrder, factory: OrderFactory, rng: Rng): DemoOrder | undefined {
  const channel = rng.pick((['taobao', 'jd', 'youzan'] as const).filter((c) => c !== o.channel));
  const placedAt = Math.min(day.end - 1000, o.placedAt + rng.int(60, 480) * 1000);
  const twin = factory.order(channel, placedAt, o.customer, o.lines[0]?.sku);
  twin.lines = o.lines.map((l) => ({ ...l, lineId: factory.lineNo(channel), paidFen: 0 }));
  twin.receiver = { ...o.receiver, hidden: false };
  twin.discountFen = 0;
  reprice(twin);
  mark(o, 'order.duplicate', `与 ${twin.orderId} 收货人、电话、商品相同，${Math.round((placedAt - o.placedAt) / 60000)} 分钟内重复下单`);
  mark(twin, 'order.duplicate', `与 ${o.orderId} 收货人、电话、商品相同，${Math.round((placedAt - o.placedAt) / 60000)} 分钟内重复下单`);
  return twin;
}

function presale(o: DemoOrder, rng: Rng): void {
  const shipBy = atLocalHour(shanghaiMidnight(o.paidAt + rng.int(6, 15) * DAY_MS), 18);
  o.presale = { kind: o.channel === 'taobao' ? 'deposit' : rng.chance(0.6) ? 'full_payment' : 'staged', shipBy, depositFen: Math.max(100, Math.round(o.paidFen / 500) * 100) };
  o.holdUntil = shipBy - 2 * DAY_MS;
  setPromise(o);
  mark(o, 'exempt.presale', `预售订单，约定发货时间 ${new Date(shipBy + 8 * HOUR_MS).toISOString().slice(0, 16).replace('T', ' ')}`);
}

function split(o: DemoOrder, factory: OrderFactory, rng: Rng): void {
  const first = o.lines[0];
  if (!first) return;
  const other = rng.pick(FURNITURE.filter((s) => s.code.split('-')[1] !== first.sku.code.split('-')[1]));
  o.lines.push({ lineId: factory.lineNo(o.channel), sku: skuByCode(other.code), quantity: 1, unitPriceFen: other.priceFen, paidFen: 0 });
  o.parcels = o.lines.length;
  o.sellerNote = `大件家具分批发货，共${o.parcels}个包裹`;
  reprice(o);
  o.labels.push({ code: 'exempt.split_shipment', note: o.sellerNote });
}
