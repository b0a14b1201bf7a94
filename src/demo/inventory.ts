import { DAY_MS, HOUR_MS, type Instant } from '../domain/time.js';
import type { DemoDay } from './calendar.js';
import { CATALOGUE, type Sku } from './catalogue.js';
import type { GenericRecord } from './events.js';
import { atLocalHour, compactDate, isoShanghai } from './local-time.js';
import type { DemoOrder } from './model.js';

/** SYNC_HOUR is when the ERP's daily stock sync runs (local time). */
export const SYNC_HOUR = 6;
const INBOUND_HOUR = 10;
// Days of ordinary sales each SKU is stocked to before the peak (the peak sells about ten days' worth).
const PEAK_STOCK_DAYS = 40;

interface Stock {
  readonly sku: Sku;
  readonly warehouse: string;
  readonly daily: number;
  /** Free stock: on hand and not reserved for an unshipped order. */
  available: number;
  reservedToday: number;
  reservedYesterday: number;
  inbound: number;
}

/** StockScenario is the stock trouble the book plays: the peak's sell-out and a warehouse whose sync stops. */
export interface StockScenario {
  readonly hotSkus: readonly string[];
  readonly hotWarehouse: string;
  readonly peakDay: number;
  /** When the hot SKUs' available stock reaches 0 on the peak day. */
  readonly soldOutAt: Instant;
  /** When new stock of the hot SKUs arrives. */
  readonly restockAt: Instant;
  readonly staleWarehouse: string;
  /** Days whose syncs and stock movements of the stale warehouse never arrive. */
  readonly staleDays: ReadonlySet<number>;
}

/**
 * InventoryBook keeps the demo's stock per SKU × warehouse and writes what the
 * ERP reports: a daily `inventory_level` sync, `inbound` replenishment when
 * stock runs low, and the scenario's trouble (hourly readings of the hot SKUs
 * on the peak day falling to 0 at `soldOutAt`, no sync at all from the stale
 * warehouse on its outage days).
 */
export class InventoryBook {
  private readonly stock = new Map<string, Stock>();

  constructor(
    ordersPerDay: number,
    private readonly scenario: StockScenario,
  ) {
    const total = CATALOGUE.reduce((n, s) => n + s.popularity, 0);
    for (const sku of CATALOGUE) {
      for (const warehouse of sku.warehouses) {
        const daily = Math.max(1, (ordersPerDay * 1.45 * sku.popularity) / total / sku.warehouses.length);
        this.stock.set(`${sku.code}|${warehouse}`, {
          sku, warehouse, daily, available: Math.round(daily * 45) + 20, reservedToday: 0, reservedYesterday: 0, inbound: 0,
        });
      }
    }
  }

  /**
   * reserve takes an order's quantities off the free stock of its warehouse
   * and returns the SKUs it could not have (sold without free stock). Free
   * stock never goes below 0, except for the hot SKUs the channels keep
   * selling after the peak's sell-out: that shortfall is the oversell.
   */
  reserve(order: DemoOrder): string[] {
    const short: string[] = [];
    if (!order.warehouse) return short;
    for (const line of order.lines) {
      const s = this.stock.get(`${line.sku.code}|${order.warehouse}`);
      if (!s) continue;
      const overselling = this.scenario.hotSkus.includes(s.sku.code) && s.warehouse === this.scenario.hotWarehouse && order.placedAt >= this.scenario.soldOutAt && order.placedAt < this.scenario.restockAt;
      if (!overselling && s.available < line.quantity) short.push(s.sku.code);
      s.available = overselling ? s.available - line.quantity : Math.max(0, s.available - line.quantity);
      s.reservedToday += line.quantity;
    }
    return short;
  }

  /** recordsAt lists the ERP records of one hour of a day, to be ingested before that hour's orders. */
  recordsAt(day: DemoDay, hour: number): GenericRecord[] {
    const out: GenericRecord[] = [];
    const at = atLocalHour(day.start, hour);
    if (at >= day.end) return out;
    const stale = this.scenario.staleDays.has(day.index);
    const hot = (s: Stock): boolean => this.scenario.hotSkus.includes(s.sku.code) && s.warehouse === this.scenario.hotWarehouse;
    const restockHere = at <= this.scenario.restockAt && this.scenario.restockAt < at + HOUR_MS;
    for (const s of this.stock.values()) {
      if (stale && s.warehouse === this.scenario.staleWarehouse) continue;
      if (hour === 0) {
        s.reservedYesterday = s.reservedToday;
        s.reservedToday = 0;
      }
      if (hot(s) && day.index === this.scenario.peakDay) {
        this.peakReading(s, at, out);
        continue;
      }
      if (hot(s) && restockHere) {
        this.inbound(s, this.scenario.restockAt, Math.round(s.daily * 40) + 200, out);
        out.push(this.reading(s, this.scenario.restockAt + 5 * 60_000));
        continue;
      }
      if (hour === INBOUND_HOUR && s.inbound > 0) {
        // The ERP reports the new level as the goods are received.
        this.inbound(s, at + 15 * 60_000, s.inbound, out);
        out.push(this.reading(s, at + 20 * 60_000));
        s.inbound = 0;
      }
      if (hour === SYNC_HOUR) {
        const waitingForRestock = hot(s) && at < this.scenario.restockAt && at > this.scenario.soldOutAt;
        // Before the peak every shop stocks up (双11备货): the morning before, each SKU is topped up for the big day.
        if (day.index === this.scenario.peakDay - 1 && s.available < s.daily * PEAK_STOCK_DAYS) this.inbound(s, at - 30 * 60_000, Math.round(s.daily * PEAK_STOCK_DAYS - s.available), out);
        if (!waitingForRestock && s.available < s.daily * 15) s.inbound = Math.max(50, Math.round(s.daily * 40));
        out.push(this.reading(s, at));
      }
    }
    return out;
  }

  private peakReading(s: Stock, at: Instant, out: GenericRecord[]): void {
    const left = (this.scenario.soldOutAt - at) / (this.scenario.soldOutAt - (this.scenario.soldOutAt - 10 * HOUR_MS));
    if (left > 0) s.available = Math.max(1, Math.round(Math.min(1, left) * (s.daily * 12 + 150)));
    if (left <= 0 && left > -1 / 10) {
      // The sell-out: nothing free from here; what the channels sell after it runs the free stock below 0.
      s.available = 0;
      out.push(this.reading(s, this.scenario.soldOutAt));
      return;
    }
    out.push(this.reading(s, at));
  }

  private inbound(s: Stock, at: Instant, quantity: number, out: GenericRecord[]): void {
    s.available += quantity;
    out.push({
      type: 'inventory_change', id: `erp-in-${compactDate(at)}${String(new Date(at + 8 * HOUR_MS).getUTCHours()).padStart(2, '0')}-${s.sku.code}-${s.warehouse}`,
      source: 'erp', sku: s.sku.code, warehouse: s.warehouse, delta: quantity, reason: 'inbound', at: isoShanghai(at),
    });
  }

  // A reading as the ERP reports it: `available` is what the warehouse holds
  // (the free stock plus what is reserved for orders not yet shipped),
  // `reserved` what unshipped orders hold of it, so available − reserved is
  // the free stock, below 0 by what was sold without stock.
  private reading(s: Stock, at: Instant): GenericRecord {
    const hh = String(Math.floor(((at + 8 * HOUR_MS) % DAY_MS) / HOUR_MS)).padStart(2, '0');
    const mm = String(Math.floor((at % HOUR_MS) / 60_000)).padStart(2, '0');
    const reserved = Math.round(s.available <= 0 ? s.reservedToday + s.reservedYesterday : s.reservedYesterday * 0.3);
    return {
      type: 'inventory_level', id: `erp-sync-${compactDate(at)}${hh}${mm}-${s.sku.code}-${s.warehouse}`, source: 'erp',
      sku: s.sku.code, warehouse: s.warehouse, available: Math.max(0, s.available + reserved), reserved, at: isoShanghai(at),
    };
  }
}
