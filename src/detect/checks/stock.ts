import type { InventoryLevel } from '../../domain/event.js';
import type { Finding } from '../../domain/finding.js';
import { stageRank } from '../../domain/stage.js';
import { HOUR_MS, toIso } from '../../domain/time.js';
import { clip, makeFinding, type ArrivalCheck } from './check.js';

/** Items the ERP's stock does not stand for: made or bought after the order (pre-sale) or shipped by the supplier (drop-ship). */
const NOT_FROM_STOCK = new Set(['presale', 'dropship']);

/**
 * stockCheck raises `stock.oversold` (key = SKU) when an unshipped order's
 * quantity exceeds the ERP's free stock (available − reserved, in the order's
 * warehouse when it has a reading there, else summed over warehouses, minus
 * what earlier open orders already hold), and `stock.sync_stale` (key =
 * warehouse) when the newest reading of the order's SKUs there was older than
 * `stockSyncStaleHours` when the order was placed; a stale reading is untrusted, so it never raises
 * oversold. Pre-sale orders and pre-sale / drop-ship items are skipped: their
 * goods do not come from the stock the ERP counts. A SKU with no reading at
 * all is unknown to the ERP (a new listing, a bundle code) and raises nothing:
 * absence of data is not evidence of a stock-out.
 */
export const stockCheck: ArrivalCheck = {
  name: 'stock',
  codes: ['stock.oversold', 'stock.sync_stale'],
  run(facts, context) {
    const o = facts.order;
    if (o.presale !== undefined || !(stageRank(o.stage) >= 0 && stageRank(o.stage) < stageRank('shipped'))) return [];
    const wanted = new Map<string, number>();
    for (const item of o.items ?? []) {
      if (item.attributes?.some((a) => NOT_FROM_STOCK.has(a))) continue;
      if (!(item.quantity > 0)) continue;
      wanted.set(item.sku, (wanted.get(item.sku) ?? 0) + item.quantity);
    }
    if (wanted.size === 0 || context.stock.length === 0) return [];

    const readingsBySku = new Map<string, InventoryLevel[]>();
    for (const level of context.stock) {
      if (!wanted.has(level.sku)) continue;
      const list = readingsBySku.get(level.sku);
      if (list) list.push(level);
      else readingsBySku.set(level.sku, [level]);
    }
    // The readings each SKU is judged on: the order's own warehouse when the ERP has it there.
    const used = new Map<string, InventoryLevel[]>();
    for (const [sku, readings] of readingsBySku) {
      const own = o.warehouse === undefined ? [] : readings.filter((l) => l.warehouse === o.warehouse);
      used.set(sku, own.length > 0 ? own : readings);
    }

    const limitMs = context.settings.stockSyncStaleHours * HOUR_MS;
    const newestByWarehouse = new Map<string, { syncedAt: number; skus: string[] }>();
    for (const [sku, readings] of used) {
      for (const l of readings) {
        const w = newestByWarehouse.get(l.warehouse);
        if (!w) newestByWarehouse.set(l.warehouse, { syncedAt: l.syncedAt, skus: [sku] });
        else {
          if (l.syncedAt > w.syncedAt) w.syncedAt = l.syncedAt;
          if (!w.skus.includes(sku)) w.skus.push(sku);
        }
      }
    }
    const findings: Finding[] = [];
    const stale = new Set<string>();
    // How old the reading was when the order was placed: that is what its stock was
    // judged on. Re-judged a day later, a fresh reading then does not turn stale.
    const placedAt = Math.min(o.placedAt, context.now);
    for (const [warehouse, w] of newestByWarehouse) {
      const ageMs = placedAt - w.syncedAt;
      if (!(ageMs > limitMs)) continue;
      stale.add(warehouse);
      const ageHours = Math.round((ageMs / HOUR_MS) * 10) / 10;
      findings.push(
        makeFinding(facts, context, {
          code: 'stock.sync_stale',
          key: warehouse,
          severity: 'warning',
          explanation: {
            zh: `仓库 ${clip(warehouse, 20)} 的库存已 ${ageHours} 小时未从ERP同步（上限 ${context.settings.stockSyncStaleHours} 小时），“有货”不可信`,
            en: `Stock of warehouse ${clip(warehouse, 20)} was last synced from the ERP ${ageHours} h ago (limit ${context.settings.stockSyncStaleHours} h); "in stock" cannot be trusted`,
          },
          evidence: { warehouse, syncedAt: toIso(w.syncedAt), ageHours, limitHours: context.settings.stockSyncStaleHours, skus: w.skus.slice(0, 20) },
        }),
      );
    }

    for (const [sku, readings] of used) {
      if (readings.some((l) => stale.has(l.warehouse))) continue;
      const quantity = wanted.get(sku) ?? 0;
      let available = 0;
      let reserved = 0;
      for (const l of readings) {
        available += l.available;
        reserved += l.reserved;
      }
      const later = context.readAfterOrder?.get(sku);
      if (later !== undefined) {
        // The reading came after the order and reserves it already: first come, first served.
        const short = reserved - available - later;
        if (!(short > 0)) continue;
        const title = clip(o.items.find((i) => i.sku === sku)?.title ?? sku, 30);
        findings.push(
          makeFinding(facts, context, {
            code: 'stock.oversold',
            key: sku,
            severity: 'critical',
            explanation: {
              zh: `「${title}」下单 ${quantity} 件；下单后的 ERP 读数可用 ${available}、已占用 ${reserved}（含本单），先于本单的订单已占满库存，缺 ${Math.min(short, quantity)} 件，存在超卖`,
              en: `"${title}": ${quantity} ordered; the ERP reading after the order (available ${available}, reserved ${reserved}, this order included) is short by ${Math.min(short, quantity)} even before the orders that came later; oversold`,
            },
            evidence: { sku, quantity, available, reserved, reservedByLaterOrders: later, short: Math.min(short, quantity), warehouses: readings.map((l) => l.warehouse), syncedAt: toIso(Math.max(...readings.map((l) => l.syncedAt))) },
          }),
        );
        continue;
      }
      const held = context.heldByEarlierOrders.get(sku) ?? 0;
      const free = available - reserved - held;
      if (!(free < quantity)) continue;
      const title = clip(o.items.find((i) => i.sku === sku)?.title ?? sku, 30);
      findings.push(
        makeFinding(facts, context, {
          code: 'stock.oversold',
          key: sku,
          severity: 'critical',
          explanation: {
            zh: `「${title}」下单 ${quantity} 件，ERP可用库存仅 ${Math.max(free, 0)} 件（可用 ${available} − 已占用 ${reserved} − 先前订单 ${held}），存在超卖`,
            en: `"${title}": ${quantity} ordered but only ${Math.max(free, 0)} free in the ERP (available ${available} − reserved ${reserved} − held by earlier orders ${held}); oversold`,
          },
          evidence: { sku, quantity, available, reserved, heldByEarlierOrders: held, free, warehouses: readings.map((l) => l.warehouse), syncedAt: toIso(Math.max(...readings.map((l) => l.syncedAt))) },
        }),
      );
    }
    return findings;
  },
};
