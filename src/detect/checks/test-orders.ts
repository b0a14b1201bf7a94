import type { InventoryLevel } from '../../domain/event.js';
import type { OrderItem, Receiver, StoredOrder } from '../../domain/order.js';
import { classifyPhone } from '../../domain/phone.js';
import { DEFAULT_ARRIVAL_SETTINGS, type ArrivalContext, type ArrivalSettings, type OrderFacts } from '../facts.js';

/** T0 is the instant the check tests' timelines start from: 2026-11-11 10:00 Asia/Shanghai. */
export const T0 = Date.parse('2026-11-11T02:00:00Z');

/** OrderShape is what a check test states about an order; the rest is a plausible paid Taobao order. */
export type OrderShape = Partial<Omit<StoredOrder, 'receiver'>> & { readonly receiver?: Partial<Receiver> & { readonly phoneRaw?: string } };

/** testOrder builds a paid, consistent order (one SKU, ¥99 + ¥10 shipping) with the given changes, for check tests. */
export function testOrder(shape: OrderShape = {}): OrderFacts {
  const items: readonly OrderItem[] = shape.items ?? [{ sku: 'SKU-1', title: '保温杯', category: 'cup', quantity: 1, unitPriceFen: 9900 }];
  const itemsTotal = items.reduce((s, i) => s + i.unitPriceFen * i.quantity, 0);
  const { phoneRaw, ...receiver } = shape.receiver ?? {};
  const order: StoredOrder = {
    id: 'taobao:1001',
    channel: 'taobao',
    channelOrderId: '1001',
    placedAt: T0,
    paidAt: T0,
    modifiedAt: T0,
    currency: 'CNY',
    itemsTotalFen: itemsTotal,
    shippingFen: 1000,
    discountFen: 0,
    paidFen: itemsTotal + 1000,
    customer: { tier: 'regular' },
    tags: [],
    shipments: [],
    stage: 'paid',
    stageEnteredAt: T0,
    ingestedAt: T0,
    ...shape,
    items,
    receiver: {
      name: '王小明',
      phone: classifyPhone(phoneRaw ?? '13812345678'),
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路100号3幢501室',
      ...receiver,
    },
  };
  return { order, events: [] };
}

/** testContext builds an arrival context at T0 + 1 min with no stock, neighbours or price history unless given. */
export function testContext(shape: Partial<Omit<ArrivalContext, 'settings'>> & { readonly settings?: Partial<ArrivalSettings> } = {}): ArrivalContext {
  return {
    now: T0 + 60_000,
    stock: [],
    heldByEarlierOrders: new Map(),
    neighbours: [],
    priceBySku: new Map(),
    priceByCategory: new Map(),
    ...shape,
    // The stock tests are written against a 6 h sync limit (a real-time ERP), not the shipped daily-sync default.
    settings: { ...DEFAULT_ARRIVAL_SETTINGS, stockSyncStaleHours: 6, ...shape.settings },
  };
}

/** level is an ERP stock reading for tests, synced `ageHours` before T0 + 1 min. */
export function level(sku: string, warehouse: string, available: number, reserved: number, ageHours = 0): InventoryLevel {
  return { sku, warehouse, available, reserved, syncedAt: T0 + 60_000 - ageHours * 3600_000 };
}
