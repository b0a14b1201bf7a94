import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../domain/event.js';
import type { FindingCode } from '../../domain/finding.js';
import type { StoredOrder } from '../../domain/order.js';
import type { Stage } from '../../domain/stage.js';
import type { StoredFinding } from '../../store/detection-store.js';
import { at, sampleOrder } from '../../store/testing/store-fixtures.js';
import { caseOf } from './order-case.js';
import type { StockWindow } from './stock-window.js';

const NOW = at('2026-11-14 12:00:00');
const H = 3_600_000;

function order(stage: Stage, over: Partial<StoredOrder> = {}): StoredOrder {
  return { ...sampleOrder({ channelOrderId: 'C1', warehouse: 'HZ-01', batch: 'W-1', promisedShipBy: at('2026-11-12 10:00:00') }), stage, stageEnteredAt: at('2026-11-11 12:00:00'), ingestedAt: NOW, ...over } as StoredOrder;
}

function finding(code: FindingCode, key: string, over: Partial<StoredFinding> = {}): StoredFinding {
  return { orderId: 'taobao:C1', code, key, severity: 'critical', detectedAt: NOW - H, explanation: { zh: `说明 ${code}`, en: code }, evidence: {}, status: 'open', firstSeenAt: NOW - H, lastSeenAt: NOW, ...over };
}

const stalled = (stage: Stage) => finding('stage.stalled', stage, { threshold: { hours: 24, deadline: at('2026-11-12 12:00:00'), policy: 'fixed', segment: 'global', derivation: { zh: '固定阈值', en: 'fixed' } } });

describe('an order case, from its own findings', () => {
  const cases: Array<[string, StoredOrder, StoredFinding[], Partial<ReturnType<typeof caseOf>>]> = [
    ['picked and stuck: the warehouse did not ship it', order('picked'), [stalled('picked')], { kind: 'warehouse', stuckStage: 'picked', nextStep: '出库', department: '仓储（HZ-01 仓）', short: '已拣货后停滞', overdueMs: NOW - at('2026-11-12 12:00:00') }],
    ['past the promise outranks the stall, and its deadline is the promise', order('picked'), [stalled('picked'), finding('promise.breached', 'ship')], { kind: 'warehouse', short: '已超承诺', deadline: at('2026-11-12 10:00:00') }],
    ['shipped and not collected: the carrier', order('shipped'), [stalled('shipped')], { kind: 'logistics', nextStep: '快递揽收', department: '物流（快递揽收）' }],
    ['a logistics exception names the carrier in words', order('shipped', { shipments: [{ carrier: 'ZTO', trackingNo: '780123' }] }), [finding('logistics.exception', '780123')], { kind: 'logistics', department: '物流（中通快递）', short: '物流异常' }],
    ['a data-quality finding goes to customer service', order('paid'), [finding('phone.invalid', 'phone')], { kind: 'data', department: '客服（核实订单信息）' }],
    ['nothing wrong', order('delivered'), [], { kind: 'none', short: '无异常' }],
  ];
  for (const [name, o, findings, expected] of cases) {
    it(name, () => expect(caseOf(o, findings, [], undefined, NOW)).toMatchObject(expected));
  }

  it('names a finding once: the stall whose deadline a logistics exception is past is not listed again', () => {
    const c = caseOf(order('shipped', { shipments: [{ carrier: 'ZTO', trackingNo: '780123' }] }), [finding('logistics.exception', '780123'), stalled('shipped')], [], undefined, NOW);
    expect(c.summary).toContain('环节停滞的截止 2026-11-12 12:00');
    expect(c.summary).not.toContain('另有');
  });

  it('an incident covering only some of the codes reads only those', () => {
    const c = caseOf(order('picked'), [stalled('picked'), finding('promise.breached', 'ship')], [], undefined, NOW, ['stage.stalled']);
    expect(c.short).toBe('已拣货后停滞');
    expect(c.findings.map((f) => f.code)).toEqual(['stage.stalled']);
  });

  it('falls back to the resolved findings when none is open, and says so', () => {
    const c = caseOf(order('delivered'), [{ ...stalled('picked'), status: 'resolved', resolvedAt: at('2026-11-13 09:00:00') }], [], undefined, NOW);
    expect(c.summary).toContain('已于 2026-11-13 09:00 消除');
  });

  it('sees an oversell in the stock reading when no finding says so', () => {
    const stock = { checks: [{ sku: 'S', quantity: 1, free: -3, short: true, reading: { kind: 'inventory_level', id: 'r', source: 'erp', occurredAt: NOW - 5 * H, sku: 'S', warehouse: 'HZ-01', available: 2, reserved: 5 } }], rows: [], others: new Map(), shortReadings: 1, readingsLeftOut: 0, from: 0, to: 1, truncated: false } as StockWindow;
    expect(caseOf(order('delivered'), [], [], stock, NOW)).toMatchObject({ kind: 'stock', short: '超卖（库存读数）' });
  });

  it('counts the customer contacts that came in', () => {
    const contact = (id: string, channel: 'complaint' | 'chat', direction: 'inbound' | 'outbound'): OrderEvent => ({ kind: 'contact', id, source: 'crm', occurredAt: NOW - H, orderId: 'taobao:C1', channel, direction, text: '催单', attachments: [] });
    const c = caseOf(order('picked'), [stalled('picked')], [contact('1', 'complaint', 'inbound'), contact('2', 'chat', 'inbound'), contact('3', 'chat', 'outbound')], undefined, NOW);
    expect(c).toMatchObject({ contactsIn: 2, complaints: 1 });
  });
});
