import { DAY_MS, HOUR_MS, type Instant } from '../domain/time.js';
import { WAREHOUSES } from './catalogue.js';
import { atLocalHour, compactDate, localHour, nextSlot, nextWorkingTime, shanghaiMidnight } from './local-time.js';
import type { DemoOrder, Parcel, Timeline, TimelineNote, TrackPoint } from './model.js';
import type { Rng } from './prng.js';
import { ZONE_OF_WAREHOUSE } from './regions.js';

const MIN = 60_000;
// Warehouse waves (local hours): ordinary goods six times a day, fresh goods every two hours so they leave within 6 h.
const WAVES = [8.5, 10.5, 13.5, 15.5, 17.5, 19.5];
const FRESH_WAVES = [7, 9, 11, 13, 15, 17, 19, 21];
// Carriers collect at the warehouse twice a day.
const PICKUPS = [12, 18.5];
const OPERATORS: Readonly<Record<string, readonly string[]>> = {
  'HZ-01': ['李四', '王建军', '陈晓燕', '周磊'],
  'GZ-01': ['黄伟明', '梁志强', '何丽娟'],
  'CD-01': ['张勇', '刘芳', '杨涛'],
  'NB-01': ['徐海波', '孙丽'],
};

/** TimelineContext is what planning an order's life needs beyond the order. */
export interface TimelineContext {
  readonly rng: Rng;
  /** A fresh unique parcel number for a waybill. */
  readonly parcelNo: () => string;
}

/**
 * planTimeline plans an order's whole life from payment to the buyer's
 * confirmation: review, the warehouse wave (label, pick, outbound), the
 * carrier's track to delivery. Category rules: fresh leaves within hours in
 * cold chain, furniture is made to order (7-15 days) and may ship in several
 * parcels, cross-border waits for customs, drop-ship items leave the factory.
 * The order's holds and stops (trouble) bend the plan; times after the
 * business's end are simply in the future.
 */
export function planTimeline(order: DemoOrder, ctx: TimelineContext): Timeline {
  const { rng } = ctx;
  const notes: TimelineNote[] = [];
  const reviewedAt = rng.chance(0.85)
    ? order.paidAt + rng.int(1, 20) * MIN
    : nextWorkingTime(order.paidAt + rng.int(10, 120) * MIN, 8.5, 23);
  if (order.cancels) {
    const cancelledAt = order.paidAt + rng.int(10, 360) * MIN;
    return { ...(reviewedAt < cancelledAt ? { reviewedAt } : {}), cancelledAt, parcels: [], notes };
  }
  if (order.stopAfter === 'reviewed') return { reviewedAt, parcels: [], notes };

  if (!order.warehouse) return dropShipTimeline(order, ctx, reviewedAt, notes);

  let ready = reviewedAt + 5 * MIN;
  if (order.category === 'furniture') {
    ready = Math.max(ready, order.paidAt + rng.int(7, 15) * DAY_MS);
    notes.push({ at: reviewedAt + 30 * MIN, text: '定制家具已下单生产，预计7-15天完工后发货', source: 'erp', author: 'ERP' });
  }
  if (order.category === 'cross_border') {
    const cleared = reviewedAt + rng.int(20, 72) * HOUR_MS;
    notes.push({ at: reviewedAt + 20 * MIN, text: '跨境订单已推送海关，清关中', source: 'erp', author: '保税仓' });
    notes.push({ at: cleared, text: '海关清关完成，准备出库', source: 'erp', author: '保税仓' });
    ready = Math.max(ready, cleared);
  }
  if (order.holdUntil !== undefined) ready = Math.max(ready, order.holdUntil);
  const slots = order.category === 'fresh' ? FRESH_WAVES : WAVES;
  const wave = order.waveAt !== undefined ? { at: order.waveAt, index: slots.indexOf(localHour(order.waveAt)) } : nextSlot(ready, slots);
  const waveNo = (order.category === 'fresh' ? 20 : 0) + Math.max(0, wave.index) + 1;
  const batch = `W-${compactDate(wave.at)}-${order.warehouse.slice(0, 2)}${String(waveNo).padStart(2, '0')}`;
  const labelPrintedAt = wave.at + rng.int(0, 10) * MIN;
  const pickedAt = labelPrintedAt + rng.int(15, 60) * MIN;
  const operator = rng.pick(OPERATORS[order.warehouse] ?? ['仓管员']);
  const base = { reviewedAt, labelPrintedAt, pickedAt, batch, operator, notes };
  if (order.stopAfter === 'picked') return { ...base, parcels: [] };

  const shippedAt = pickedAt + rng.int(20, 90) * MIN;
  const parcels: Parcel[] = [];
  for (let i = 0; i < order.parcels; i++) {
    const at = i === 0 ? shippedAt : shippedAt + i * rng.int(2, 6) * DAY_MS;
    parcels.push(parcelTrack(order, ctx, at));
  }
  return { ...base, parcels, ...finish(parcels, rng) };
}

function dropShipTimeline(order: DemoOrder, ctx: TimelineContext, reviewedAt: Instant, notes: TimelineNote[]): Timeline {
  const { rng } = ctx;
  let ready = order.paidAt + rng.int(2, 6) * DAY_MS;
  if (order.holdUntil !== undefined) ready = Math.max(ready, order.holdUntil);
  const shippedAt = atLocalHour(shanghaiMidnight(ready), rng.between(14, 18));
  notes.push({ at: reviewedAt + 15 * MIN, text: '厂家直发订单已推送供应商，按厂家排期发货', source: 'erp', author: 'ERP' });
  const parcels = [parcelTrack(order, ctx, shippedAt)];
  return { reviewedAt, parcels, notes, ...finish(parcels, rng) };
}

function finish(parcels: readonly Parcel[], rng: Rng): { finishedAt?: Instant } {
  let last = 0;
  for (const p of parcels) {
    if (p.deliveredAt === undefined) return {};
    last = Math.max(last, p.deliveredAt);
  }
  return { finishedAt: last + rng.int(1, 10) * DAY_MS + rng.int(0, 600) * MIN };
}

function transitDays(order: DemoOrder, rng: Rng): number {
  const from = order.warehouse ? ZONE_OF_WAREHOUSE[order.warehouse] : undefined;
  const region = order.customer.region;
  const home = WAREHOUSES.find((w) => w.code === order.warehouse);
  let days = home && home.province === order.receiver.province ? 1 : from === region.zone ? rng.int(1, 2) : rng.int(2, 3);
  if (region.remote) days += 2;
  if (order.category === 'fresh') days = Math.max(1, days - 1);
  if (order.category === 'furniture') days += rng.int(1, 3);
  return days;
}

function parcelTrack(order: DemoOrder, ctx: TimelineContext, shippedAt: Instant): Parcel {
  const { rng } = ctx;
  const carrier = order.carrier;
  const trackingNo = carrier.trackingNo(ctx.parcelNo());
  const fromCity = WAREHOUSES.find((w) => w.code === order.warehouse)?.city ?? '金华市';
  const toCity = order.customer.region.city;
  const track: TrackPoint[] = [];
  if (order.pickupFails) {
    let attempt = nextSlot(shippedAt, [18.5]).at;
    for (let i = 0; i < 8; i++, attempt += DAY_MS) {
      track.push({ state: 'pickup_failed', at: attempt + rng.int(0, 50) * MIN, detail: `【${fromCity}】${carrier.name}快递员未能按时上门揽收，网点运力不足` });
    }
    return { trackingNo, carrier, shippedAt, track };
  }
  const collected = nextSlot(shippedAt + 10 * MIN, PICKUPS).at + rng.int(0, 40) * MIN;
  track.push({ state: 'picked_up', at: collected, detail: `【${fromCity}】${carrier.name} 已揽收` });
  const departed = collected + rng.int(2, 6) * HOUR_MS;
  track.push({ state: 'in_transit', at: departed, detail: `【${fromCity}】快件已发往【${toCity}转运中心】` });
  const days = transitDays(order, rng);
  const outFor = atLocalHour(shanghaiMidnight(collected) + days * DAY_MS, rng.between(7.5, 10.5));
  // Every hub a parcel passes scans it: a long haul shows a line about once
  // a day (through the transfer hubs, into the destination's), never days of
  // silence between leaving the origin and the courier's delivery run.
  const scans: Instant[] = [];
  for (let at = departed + rng.int(16, 22) * HOUR_MS; at < outFor - 4 * HOUR_MS; at += rng.int(16, 22) * HOUR_MS) scans.push(at);
  scans.forEach((at, i) => {
    const detail = i === scans.length - 1 ? `快件已到达【${toCity}转运中心】` : `快件已到达【${order.customer.region.province}中转场】，正在发往【${toCity}转运中心】`;
    track.push({ state: 'in_transit', at, detail });
  });
  track.push({ state: 'out_for_delivery', at: outFor, detail: `【${toCity}】快递员正在派件，请保持电话畅通` });
  let deliveredAt = outFor + rng.int(60, 360) * MIN;
  if (rng.chance(0.12)) {
    track.push({ state: 'in_locker', at: deliveredAt, detail: `【${toCity}】快件已存放至菜鸟驿站，请凭取件码领取` });
    deliveredAt += rng.int(2, 30) * HOUR_MS;
  }
  track.push({ state: 'delivered', at: deliveredAt, detail: `【${toCity}】已签收，签收人：${rng.chance(0.7) ? '本人' : '驿站代收'}` });
  return { trackingNo, carrier, shippedAt, track, deliveredAt };
}
