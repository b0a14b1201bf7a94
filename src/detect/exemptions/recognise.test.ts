import { describe, expect, it } from 'vitest';
import type { Exemption } from '../../domain/finding.js';
import type { Order, OrderItem } from '../../domain/order.js';
import { parseShanghaiTime, type Instant } from '../../domain/time.js';
import { chineseBusinessCalendar } from '../calendar/index.js';
import { effectiveDeadline, exemptionRecogniser, recogniseExemptions } from './index.js';

function sh(text: string): Instant {
  const at = parseShanghaiTime(text);
  if (at === undefined) throw new Error(`bad test time ${text}`);
  return at;
}

const calendar = chineseBusinessCalendar();
// An ordinary week: placed Wednesday 2025-11-19, due to ship by Thursday 18:00.
const PLACED = sh('2025-11-19 10:00');
const BASE = sh('2025-11-20 18:00');
const NOW = sh('2025-11-19 12:00');

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: 'taobao:1001',
    channel: 'taobao',
    channelOrderId: '1001',
    placedAt: PLACED,
    modifiedAt: PLACED,
    currency: 'CNY',
    itemsTotalFen: 9900,
    shippingFen: 0,
    discountFen: 0,
    paidFen: 9900,
    customer: { tier: 'regular' },
    receiver: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' },
    items: [{ sku: 'SKU-1', quantity: 1, unitPriceFen: 9900 }],
    tags: [],
    shipments: [],
    ...overrides,
  };
}

function item(sku: string, attributes: string[]): OrderItem {
  return { sku, quantity: 1, unitPriceFen: 9900, attributes };
}

function summary(list: Exemption[]): { code: string; source: string; matched: string; newDeadline: Instant }[] {
  return list.map((e) => ({ code: e.code, source: e.source, matched: e.matched, newDeadline: e.newDeadline }));
}

describe('buyer-note keywords', () => {
  it.each([
    { note: '麻烦下周再发货', code: 'exempt.customer_request', matched: '下周再发', deadline: '2025-11-25 18:00' },
    { note: '下周三再发吧', code: 'exempt.customer_request', matched: '下周三再发', deadline: '2025-11-26 18:00' },
    { note: '25号再发', code: 'exempt.customer_request', matched: '25号再发', deadline: '2025-11-25 18:00' },
    { note: '23号以后再发（周日，顺延到周一）', code: 'exempt.customer_request', matched: '23号以后再发', deadline: '2025-11-24 18:00' },
    { note: '10号再发，下个月', code: 'exempt.customer_request', matched: '10号再发', deadline: '2025-12-10 18:00' },
    { note: '12月1日以后再发', code: 'exempt.customer_request', matched: '12月1日以后再发', deadline: '2025-12-01 18:00' },
    { note: '12月1日后发', code: 'exempt.customer_request', matched: '12月1日后发', deadline: '2025-12-01 18:00' },
    { note: '月底发就行', code: 'exempt.customer_request', matched: '月底发', deadline: '2025-12-01 18:00' },
    { note: '晚点发', code: 'exempt.customer_request', matched: '晚点发', deadline: '2025-11-27 18:00' },
    { note: '不急，晚点发也行', code: 'exempt.customer_request', matched: '晚点发', deadline: '2025-11-27 18:00' },
    { note: '过几天再发', code: 'exempt.customer_request', matched: '过几天再发', deadline: '2025-11-27 18:00' },
    { note: '请延迟发货', code: 'exempt.customer_request', matched: '延迟发', deadline: '2025-11-27 18:00' },
    { note: '暂缓发货', code: 'exempt.customer_request', matched: '暂缓发', deadline: '2025-11-27 18:00' },
    { note: '等通知再发', code: 'exempt.customer_request', matched: '等通知再发', deadline: '2025-11-27 18:00' },
    { note: '先别发，人在外地', code: 'exempt.customer_request', matched: '先别发', deadline: '2025-11-27 18:00' },
    { note: '预售的没关系', code: 'exempt.presale', matched: '预售', deadline: '2025-12-05 18:00' },
    { note: '需要清关', code: 'exempt.customs', matched: '清关', deadline: '2025-12-01 18:00' },
    { note: '跨境商品', code: 'exempt.customs', matched: '跨境', deadline: '2025-12-01 18:00' },
    { note: '保税仓发', code: 'exempt.customs', matched: '保税', deadline: '2025-12-01 18:00' },
    { note: '海外直邮', code: 'exempt.customs', matched: '海外直邮', deadline: '2025-12-01 18:00' },
    { note: '可以分批发货', code: 'exempt.split_shipment', matched: '分批发', deadline: '2025-11-25 18:00' },
    { note: '两件分开发', code: 'exempt.split_shipment', matched: '分开发', deadline: '2025-11-25 18:00' },
    { note: '拆单发货', code: 'exempt.split_shipment', matched: '拆单发', deadline: '2025-11-25 18:00' },
    { note: '厂家直发', code: 'exempt.dropship', matched: '厂家直发', deadline: '2025-11-27 18:00' },
    { note: '工厂直发', code: 'exempt.dropship', matched: '工厂直发', deadline: '2025-11-27 18:00' },
    { note: '一件代发', code: 'exempt.dropship', matched: '一件代发', deadline: '2025-11-27 18:00' },
    { note: '定制刻字：张三', code: 'exempt.dropship', matched: '定制', deadline: '2025-12-01 18:00' },
  ])('"$note" → $code until $deadline', ({ note, code, matched, deadline }) => {
    expect(summary(recogniseExemptions(order({ buyerNote: note }), calendar, BASE, NOW))).toEqual([
      { code, source: 'buyer_note', matched, newDeadline: sh(deadline) },
    ]);
  });

  it.each([
    '快点发货！',
    '请尽快发货，谢谢',
    '发顺丰',
    '不要晚点发',
    '千万不要晚点发',
    '别延迟发货',
    '不是预售',
    '非预售商品',
    '无需清关',
    '不用分开发',
    '不要下周再发',
    '不是代发吧？',
    '3日内发货',
    '25号前发货',
    '',
  ])('"%s" is no exemption', (note) => {
    expect(recogniseExemptions(order({ buyerNote: note }), calendar, BASE, NOW)).toEqual([]);
  });

  it('explains itself to a supervisor', () => {
    const [e] = recogniseExemptions(order({ buyerNote: '麻烦下周再发货' }), calendar, BASE, NOW);
    expect(e).toEqual({
      orderId: 'taobao:1001',
      code: 'exempt.customer_request',
      reason: {
        zh: '买家留言“下周再发”（客户要求延后发货），发货期限顺延至 11-25 18:00',
        en: 'buyer note "下周再发" (customer asked to ship later): ship-by deadline moved to 11-25 18:00',
      },
      source: 'buyer_note',
      matched: '下周再发',
      newDeadline: sh('2025-11-25 18:00'),
    });
  });

  it('shows the year when the deadline moves into another one', () => {
    const placedAt = sh('2025-12-29 10:00');
    const [e] = recogniseExemptions(order({ placedAt, sellerNote: '客户要求1月5日再发' }), calendar, sh('2025-12-30 18:00'), placedAt);
    expect(e?.newDeadline).toBe(sh('2026-01-05 18:00'));
    expect(e?.reason.zh).toBe('卖家备注“1月5日再发”（客户要求延后发货），发货期限顺延至 2026-01-05 18:00');
  });

  it('an order with no markers has no exemption', () => {
    expect(recogniseExemptions(order(), calendar, BASE, NOW)).toEqual([]);
  });

  it('a requested date before the base deadline moves nothing', () => {
    expect(recogniseExemptions(order({ buyerNote: '20号再发' }), calendar, sh('2025-11-21 18:00'), NOW)).toEqual([]);
  });
});

describe('platform pre-sale markers', () => {
  it('a Taobao step pre-sale ships by its agreed date, and the presale tag adds nothing', () => {
    const o = order({ presale: { kind: 'deposit', shipBy: sh('2025-12-10 18:00') }, tags: ['presale'] });
    const list = recogniseExemptions(o, calendar, BASE, NOW);
    expect(summary(list)).toEqual([{ code: 'exempt.presale', source: 'presale', matched: 'presale:deposit', newDeadline: sh('2025-12-10 18:00') }]);
    expect(list[0]?.reason.zh).toBe('平台预售标记（定金预售，约定发货时间）（预售订单），发货期限顺延至 12-10 18:00');
  });

  it('a Douyin pre_sale_type 2 order without a date gets the pre-sale allowance', () => {
    const o = order({ channel: 'douyin', id: 'douyin:1', presale: { kind: 'staged' } });
    expect(summary(recogniseExemptions(o, calendar, BASE, NOW))).toEqual([
      { code: 'exempt.presale', source: 'presale', matched: 'presale:staged', newDeadline: sh('2025-12-05 18:00') },
    ]);
  });

  it('allowances are configurable', () => {
    const recognise = exemptionRecogniser({ presaleDays: 30, customsWorkdays: 2 });
    const o = order({ presale: { kind: 'full_payment' }, items: [item('SKU-HK', ['cross_border'])] });
    expect(summary(recognise(o, calendar, BASE, NOW)).map((e) => e.newDeadline)).toEqual([sh('2025-12-20 18:00'), sh('2025-11-24 18:00')]);
  });
});

describe('tags and SKU attributes', () => {
  it('customs by SKU attribute', () => {
    const o = order({ items: [item('SKU-1', []), item('SKU-HK-9', ['cross_border'])] });
    expect(summary(recogniseExemptions(o, calendar, BASE, NOW))).toEqual([
      { code: 'exempt.customs', source: 'sku_attribute', matched: 'cross_border', newDeadline: sh('2025-12-01 18:00') },
    ]);
  });

  it('keeps one exemption per code, in code order', () => {
    const o = order({ tags: ['跨境', 'dropship'], items: [item('SKU-2', ['cross_border', 'bulky'])], buyerNote: '下周再发' });
    expect(summary(recogniseExemptions(o, calendar, BASE, NOW))).toEqual([
      { code: 'exempt.customer_request', source: 'buyer_note', matched: '下周再发', newDeadline: sh('2025-11-25 18:00') },
      { code: 'exempt.customs', source: 'tag', matched: '跨境', newDeadline: sh('2025-12-01 18:00') },
      { code: 'exempt.split_shipment', source: 'sku_attribute', matched: 'bulky', newDeadline: sh('2025-11-25 18:00') },
      { code: 'exempt.dropship', source: 'tag', matched: 'dropship', newDeadline: sh('2025-11-27 18:00') },
    ]);
  });

  it('a date the customer named beats the default allowance', () => {
    const o = order({ tags: ['delay_requested'], buyerNote: '25号再发' });
    expect(summary(recogniseExemptions(o, calendar, BASE, NOW))).toEqual([
      { code: 'exempt.customer_request', source: 'buyer_note', matched: '25号再发', newDeadline: sh('2025-11-25 18:00') },
    ]);
  });
});

describe('made-to-order lead times', () => {
  const NOTE = '定制家具已下单生产，预计7-15天完工后发货';

  it('the window a seller note promises governs, to its last day', () => {
    expect(summary(recogniseExemptions(order({ sellerNote: NOTE }), calendar, BASE, NOW))).toEqual([
      { code: 'exempt.dropship', source: 'seller_note', matched: '定制…7-15天完工', newDeadline: sh('2025-12-04 18:00') },
    ]);
  });

  it('an ERP note on the timeline beats the made-to-order allowance of the SKU, and says who wrote it', () => {
    const o = order({ items: [item('FURN-SOFA', ['bulky', 'custom_made'])] });
    const list = recogniseExemptions(o, calendar, BASE, NOW, [{ at: sh('2025-11-19 10:30'), text: NOTE, author: 'ERP' }]);
    expect(summary(list)).toEqual([
      { code: 'exempt.split_shipment', source: 'sku_attribute', matched: 'bulky', newDeadline: sh('2025-11-25 18:00') },
      { code: 'exempt.dropship', source: 'order_note', matched: '定制…7-15天完工', newDeadline: sh('2025-12-04 18:00') },
    ]);
    expect(list[1]?.reason.zh).toBe('订单备注（ERP）“定制…7-15天完工”（定制商品，等待生产排期），发货期限顺延至 12-04 18:00');
  });

  it('without the note the SKU attribute gives only the 7-workday allowance', () => {
    const o = order({ items: [item('FURN-SOFA', ['custom_made'])] });
    expect(summary(recogniseExemptions(o, calendar, BASE, NOW)).map((e) => e.newDeadline)).toEqual([sh('2025-12-01 18:00')]);
  });

  it('a note written after the moment judged is not known yet', () => {
    const list = recogniseExemptions(order(), calendar, BASE, NOW, [{ at: sh('2025-11-20 09:00'), text: NOTE }]);
    expect(list).toEqual([]);
  });

  it('a window counts from when the note was written', () => {
    const list = recogniseExemptions(order(), calendar, BASE, sh('2025-11-25 12:00'), [{ at: sh('2025-11-24 09:00'), text: '预计15天发货' }]);
    expect(summary(list)).toEqual([{ code: 'exempt.dropship', source: 'order_note', matched: '15天发货', newDeadline: sh('2025-12-09 18:00') }]);
  });

  it.each([
    { note: 'Made to order, ships in 7-15 days', matched: 'Made to order…ships in 7-15 days', deadline: '2025-12-04 18:00' },
    { note: '实木餐桌定制款，7~15个工作日发货', matched: '定制…7~15个工作日发货', deadline: '2025-12-10 18:00' },
    { note: '预售款，预计20天内发货', matched: '预售…20天内发货', deadline: '2025-12-09 18:00' },
    { note: 'Pre-order, estimated to ship in 21 days', matched: 'Pre-order…ship in 21 days', deadline: '2025-12-10 18:00' },
  ])('"$note" → until $deadline', ({ note, matched, deadline }) => {
    const [e] = recogniseExemptions(order({ buyerNote: note }), calendar, BASE, NOW);
    expect({ matched: e?.matched, newDeadline: e?.newDeadline }).toEqual({ matched, newDeadline: sh(deadline) });
  });

  it('a short promised window is the order own, shorter than the allowance', () => {
    const o = order({ items: [item('FURN-1', ['custom_made'])], sellerNote: '定制款，预计3天发货' });
    // 11-22 is a Saturday: the window closes on the Monday after.
    expect(summary(recogniseExemptions(o, calendar, BASE, NOW)).map((e) => e.newDeadline)).toEqual([sh('2025-11-24 18:00')]);
  });
});

describe('holidays', () => {
  it('a base deadline inside National Day 2025 moves to 10-09 with the hours it had left', () => {
    const list = recogniseExemptions(order(), calendar, sh('2025-10-03 15:00'), sh('2025-09-30 10:00'));
    expect(summary(list)).toEqual([{ code: 'exempt.holiday_prestock', source: 'calendar', matched: '国庆节', newDeadline: sh('2025-10-09 15:00') }]);
    expect(list[0]?.reason.zh).toBe('原发货期限落在国庆节假期（节假日仓库停发，节后顺延），发货期限顺延至 10-09 15:00');
  });

  it('an evening deadline in the holiday keeps a full working day after it', () => {
    const list = recogniseExemptions(order(), calendar, sh('2025-10-01 20:00'), sh('2025-09-30 10:00'));
    expect(list.map((e) => e.newDeadline)).toEqual([sh('2025-10-09 18:00')]);
  });

  it('a pre-holiday stocking tag carries the order over a holiday starting soon', () => {
    const o = order({ tags: ['节前备货'] });
    expect(summary(recogniseExemptions(o, calendar, sh('2025-09-29 15:00'), sh('2025-09-26 10:00')))).toEqual([
      { code: 'exempt.holiday_prestock', source: 'tag', matched: '节前备货', newDeadline: sh('2025-10-09 15:00') },
    ]);
  });

  it('a stocking marker with no holiday near is no exemption', () => {
    expect(recogniseExemptions(order({ buyerNote: '买年货' }), calendar, BASE, NOW)).toEqual([]);
  });
});

describe('effectiveDeadline', () => {
  it('is the latest new deadline, never before the base', () => {
    const list = recogniseExemptions(order({ buyerNote: '跨境，下周再发' }), calendar, BASE, NOW);
    expect(effectiveDeadline(BASE, list)).toBe(sh('2025-12-01 18:00'));
    expect(effectiveDeadline(BASE, [])).toBe(BASE);
    expect(effectiveDeadline(BASE, list.map((e) => ({ ...e, newDeadline: BASE - 1 })))).toBe(BASE);
  });
});
