import type { OrderEvent } from '../../domain/event.js';
import type { Order } from '../../domain/order.js';
import { classifyPhone } from '../../domain/phone.js';
import type { Stage } from '../../domain/stage.js';
import { parseInstant } from '../../domain/time.js';

/** at parses a test time, failing loudly on a typo. */
export function at(text: string): number {
  const v = parseInstant(text);
  if (v === undefined) throw new Error(`bad test time ${text}`);
  return v;
}

/** sampleOrder builds a plausible order for store tests; `over` replaces any field. */
export function sampleOrder(over: Partial<Order> & { channelOrderId: string }): Order {
  const channel = over.channel ?? 'taobao';
  return {
    id: `${channel}:${over.channelOrderId}`,
    channel,
    shop: '旗舰店',
    placedAt: at('2026-11-11 10:00:00'),
    paidAt: at('2026-11-11 10:01:00'),
    modifiedAt: at('2026-11-11 10:01:00'),
    currency: 'CNY',
    itemsTotalFen: 19900,
    shippingFen: 0,
    discountFen: 0,
    paidFen: 19900,
    customer: { tier: 'regular', nick: 'buyer' },
    receiver: { name: '王小明', phone: classifyPhone('13812345678'), province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号' },
    items: [{ sku: 'SKU-1', title: '保温杯', quantity: 1, unitPriceFen: 19900, category: 'home' }],
    tags: [],
    shipments: [],
    ...over,
  };
}

/** stage builds a stage event. */
export function stageEvent(orderId: string, stage: Stage, when: string, id?: string): OrderEvent {
  return { kind: 'stage', id: id ?? `wms:${orderId}:${stage}`, source: 'wms', occurredAt: at(when), orderId, stage };
}
