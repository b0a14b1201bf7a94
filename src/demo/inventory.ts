import { DAY_MS, HOUR_MS, type Instant } from '../domain/time.js';
import type { DemoDay } from './calendar.js';
import { CATALOGUE, type Sku } from './catalogue.js';
import type { GenericRecord } from './events.js';
import { atLocalHour, compactDate, isoShanghai } from './local-time.js';
import type { DemoOrder } from './model.js';

/** SYNC_HOUR is when the ERP's daily stock sync runs (local time). */
export const SYNC_HOUR = 6;
const INBOUND_HOUR = 10;

interface Stock {
  readonly sku: Sku;
  readonly warehouse: string;
  readonly daily: number;
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

  /** reserve takes an order's quantities off the available stock of its warehouse. */
  reserve(order: DemoOrder): void {
    if (!order.warehouse) return;
    for (const line of order.lines) {
      const s = this.stock.get(`${line.sku.code}|${order.warehouse}`);
      if (!s) continue;
      s.available = Math.max(0, s.available - line.quantity);
      s.reservedToday += line.quantity;
    }
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
        this.inbound(s, at + 15 * 60_000, s.inbound, out);
        s.inbound = 0;
      }
      if (hour === SYNC_HOUR) {
        const waitingForRestock = hot(s) && at < this.scenario.restockAt && at > this.scenario.soldOutAt;
        if (!waitingForRestock && s.available < s.daily * 15) s.inbound = Math.max(50, Math.round(s.daily * 40));
        out.push(this.reading(s, at));
      }
    }
    return out;
  }

  private peakReading(s: Stock, at: Instant, out: GenericRecord[]): void {
    const left = (this.scenario.soldOutAt - at) / (this.scenario.soldOutAt - (this.scenario.soldOutAt - 10 * HOUR_MS));
    s.available = left > 0 ? Math.max(1, Math.round(Math.min(1, left) * (s.daily * 12 + 150))) : 0;
    if (left <= 0 && left > -1 / 10) {
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

  private reading(s: Stock, at: Instant): GenericRecord {
    const hh = String(Math.floor(((at + 8 * HOUR_MS) % DAY_MS) / HOUR_MS)).padStart(2, '0');
    const mm = String(Math.floor((at % HOUR_MS) / 60_000)).padStart(2, '0');
    return {
      type: 'inventory_level', id: `erp-sync-${compactDate(at)}${hh}${mm}-${s.sku.code}-${s.warehouse}`, source: 'erp',
      sku: s.sku.code, warehouse: s.warehouse, available: s.available,
      reserved: Math.round(s.available === 0 ? s.reservedToday + s.reservedYesterday : s.reservedYesterday * 0.3), at: isoShanghai(at),
    };
  }
}
