import { DAY_MS, HOUR_MS, type Instant } from '../domain/time.js';
import type { DemoDay } from './calendar.js';
import { HOT_SKUS, carrierByCode, skuByCode, type Category } from './catalogue.js';
import { atLocalHour, compactDate, shanghaiText } from './local-time.js';
import type { DemoOrder } from './model.js';
import { itemsTotal, reprice, setPromise, type OrderFactory } from './order-factory.js';
import { customerAt } from './people.js';
import type { Rng } from './prng.js';

/** TroublePlan is when and where the demo's big, scheduled trouble happens. */
export interface TroublePlan {
  readonly peakDay: number;
  /** The hot SKUs' ERP stock reads 0 from here on the peak day; the channels keep selling. */
  readonly soldOutAt: Instant;
  readonly restockAt: Instant;
  readonly oversellOrders: number;
  readonly staleWarehouse: string;
  /** Days on which the stale warehouse's ERP sync never arrives. */
  readonly staleDays: ReadonlySet<number>;
  /** Orders of the stale warehouse placed in [staleFrom, staleUntil) were checked against a stale stock reading. */
  readonly staleFrom: Instant;
  readonly staleUntil: Instant;
  readonly stalledDay: number;
  readonly stalledWarehouse: string;
  readonly pickupFailDay: number;
  readonly pickupFailWarehouse: string;
  readonly scalperDay: number;
  /** Douyin orders paid in this range are left unshipped and near their promise at `end`. */
  readonly atRiskFrom: Instant;
  readonly atRiskTo: Instant;
  readonly breachDays: ReadonlySet<number>;
}

const clamp = (i: number, last: number): number => Math.max(0, Math.min(last, i));

/** STALE_AFTER_HOURS is when a daily 06:00 reading goes stale: the next sync is an hour overdue. */
export const STALE_AFTER_HOURS = 25;
const ORDINARY: readonly Category[] = ['electronics', 'mother_baby'];

/** planTrouble schedules the scheduled trouble inside the window (peak sell-out, stale sync, stuck wave, failed pickups …). */
export function planTrouble(days: readonly DemoDay[], peakDay: number, end: Instant): TroublePlan {
  const last = days.length - 1;
  const start = (i: number): Instant => days[clamp(i, last)]?.start ?? end;
  const stale = peakDay >= 1;
  const breachDays = new Set<number>();
  const step = Math.max(1, Math.ceil(days.length / 20));
  for (let i = 2; i <= last - 3; i += step) breachDays.add(i);
  return {
    peakDay,
    soldOutAt: atLocalHour(start(peakDay), 10),
    restockAt: atLocalHour(start(peakDay) + DAY_MS, 12),
    oversellOrders: 400,
    staleWarehouse: 'CD-01',
    staleDays: stale ? new Set([peakDay, peakDay + 1]) : new Set(),
    staleFrom: stale ? atLocalHour(start(peakDay - 1), 6) + STALE_AFTER_HOURS * HOUR_MS : end,
    staleUntil: stale ? atLocalHour(start(peakDay) + 2 * DAY_MS, 6) : end,
    stalledDay: clamp(last - 6, last),
    stalledWarehouse: 'GZ-01',
    pickupFailDay: clamp(last - 4, last),
    pickupFailWarehouse: 'CD-01',
    scalperDay: clamp(last - 10, last),
    atRiskFrom: end - 47 * HOUR_MS,
    atRiskTo: end - 37 * HOUR_MS,
    breachDays,
  };
}

function pickUntroubled(orders: readonly DemoOrder[], rng: Rng, count: number, fits: (o: DemoOrder) => boolean): DemoOrder[] {
  const candidates = orders.filter((o) => !o.troubled && !o.cancels && fits(o));
  return rng.sample(candidates.length, count).map((i) => candidates[i]).filter((o): o is DemoOrder => o !== undefined);
}

function complain(order: DemoOrder, at: Instant, rng: Rng, text: string): void {
  order.contacts.push({ at, channel: rng.chance(0.5) ? 'chat' : 'complaint', text, screenshot: rng.chance(0.35) });
}

/**
 * applyScenarios puts the day's scheduled trouble on its orders and returns
 * the orders it adds. Every order it touches gets its ground-truth label.
 */
export function applyScenarios(day: DemoDay, orders: readonly DemoOrder[], plan: TroublePlan, factory: OrderFactory, rng: Rng): DemoOrder[] {
  const added: DemoOrder[] = [];
  if (day.index === plan.peakDay) oversell(orders, plan, rng);
  if (day.index === plan.stalledDay) {
    const waveAt = atLocalHour(day.start, 13.5);
    const batch = `W-${compactDate(waveAt)}-${plan.stalledWarehouse.slice(0, 2)}03`;
    for (const o of pickUntroubled(orders, rng, 30, (x) => x.warehouse === plan.stalledWarehouse && ORDINARY.includes(x.category) && x.placedAt < waveAt - HOUR_MS)) {
      Object.assign(o, { waveAt, stopAfter: 'picked', troubled: true });
      o.labels.push({ code: 'stage.stalled', note: `${plan.stalledWarehouse} 波次 ${batch} 已拣货，之后一直未出库` });
      if (rng.chance(0.5)) complain(o, waveAt + rng.int(48, 90) * HOUR_MS, rng, rng.pick(['怎么还没发货？都好几天了', '下单好几天了物流一直没有动静', '再不发货我就退款了']));
    }
  }
  if (day.index === plan.pickupFailDay) {
    for (const o of pickUntroubled(orders, rng, 50, (x) => x.warehouse === plan.pickupFailWarehouse && ORDINARY.includes(x.category))) {
      Object.assign(o, { carrier: carrierByCode('ZTO'), pickupFails: true, troubled: true });
      o.labels.push({ code: 'logistics.exception', note: `中通快递在成都仓（${plan.pickupFailWarehouse}）连续揽收失败` });
      if (rng.chance(0.3)) complain(o, o.paidAt + rng.int(40, 70) * HOUR_MS, rng, '显示已发货但是物流一直没有更新，是不是没发出去？');
    }
  }
  if (day.index === plan.scalperDay) added.push(...scalper(day, factory, rng));
  for (const o of pickUntroubled(orders, rng, 15, (x) => x.channel === 'douyin' && ORDINARY.includes(x.category) && x.paidAt >= plan.atRiskFrom && x.paidAt < plan.atRiskTo)) {
    Object.assign(o, { stopAfter: 'reviewed', troubled: true });
  }
  if (plan.breachDays.has(day.index)) {
    for (const o of pickUntroubled(orders, rng, 1, (x) => x.channel === 'douyin' && ORDINARY.includes(x.category))) {
      Object.assign(o, { holdUntil: (o.promisedShipBy ?? o.paidAt) + rng.int(6, 30) * HOUR_MS, troubled: true });
      complain(o, (o.promisedShipBy ?? o.paidAt) + 2 * HOUR_MS, rng, '说好48小时内发货的，现在还没发');
    }
    // Every third breach day a VIP's order waits for its supplier four to six
    // days past the promise: the case a supervisor meets as grade A.
    if (day.index % 3 === 0) {
      for (const o of pickUntroubled(orders, rng, 1, (x) => x.customer.tier === 'vip' && x.promisedShipBy !== undefined && ORDINARY.includes(x.category))) {
        Object.assign(o, { holdUntil: o.promisedShipBy! + rng.int(4 * 24, 6 * 24) * HOUR_MS, troubled: true });
        o.notes.push({ at: o.promisedShipBy! - 6 * HOUR_MS, text: '供应商延迟到货，暂无法发货', source: 'erp', author: 'ERP' });
        complain(o, o.promisedShipBy! + 20 * HOUR_MS, rng, '我是你们的老会员了，付款这么多天还不发货？');
      }
    }
  }
  return added;
}

function oversell(orders: readonly DemoOrder[], plan: TroublePlan, rng: Rng): void {
  const candidates = orders.filter((o) => !o.troubled && !o.cancels && o.placedAt > plan.soldOutAt && ORDINARY.concat(['fresh']).includes(o.category));
  const chosen = rng.sample(candidates.length, Math.min(plan.oversellOrders, Math.floor(candidates.length * 0.6)));
  for (const i of chosen) {
    const o = candidates[i];
    const first = o?.lines[0];
    if (!o || !first) continue;
    const sku = skuByCode(rng.pick(HOT_SKUS));
    const before = itemsTotal(o);
    o.lines = [{ lineId: first.lineId, sku, quantity: rng.chance(0.9) ? 1 : 2, unitPriceFen: sku.priceFen, paidFen: 0 }];
    // The shop's discount was a share of the basket; it stays that share of the new one.
    o.discountFen = Math.floor((o.discountFen * itemsTotal(o)) / Math.max(1, before) / 100) * 100;
    o.category = sku.category;
    o.warehouse = 'HZ-01';
    if (sku.category === 'fresh') o.carrier = carrierByCode('SF');
    o.holdUntil = plan.restockAt;
    o.troubled = true;
    reprice(o);
    setPromise(o);
    o.labels.push({ code: 'stock.oversold', note: `${sku.code} 在 HZ-01 的 ERP 可用库存自 ${shanghaiText(plan.soldOutAt)} 起为 0，渠道仍在售` });
    if (rng.chance(0.2)) complain(o, plan.restockAt - rng.int(2, 10) * HOUR_MS, rng, '双11抢的怎么还不发货？是不是超卖了');
  }
}

function scalper(day: DemoDay, factory: OrderFactory, rng: Rng): DemoOrder[] {
  const customer = { ...customerAt(0x5ca1, 1), id: 'C99999999', tier: 'new' as const };
  const out: DemoOrder[] = [];
  let at = atLocalHour(day.start, rng.between(14, 14.5));
  for (let i = 0; i < 10 && at < day.end; i++, at += rng.int(3, 6) * 60_000) {
    const o = factory.order('youzan', at, customer);
    o.receiver.phone = customer.mobile;
    o.troubled = true;
    o.labels.push({ code: 'order.placeholder', note: `同一手机号 ${o.receiver.phone} 1 小时内连续下单 10 笔（疑似占位/刷单）` });
    out.push(o);
  }
  return out;
}
