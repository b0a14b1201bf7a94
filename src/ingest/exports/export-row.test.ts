import { describe, expect, it } from 'vitest';
import type { ExportRow } from '../adapter.js';
import type { OrderEvent, StageEvent } from '../../domain/event.js';
import type { Normalisation, Normalised } from '../../domain/ingest-result.js';
import { builtInProfile, checkHeaders, normaliseExportRow } from './index.js';

const ctx = { receivedAt: Date.parse('2026-11-12T00:00:00+08:00'), shop: '默认店铺' };
const at = (local: string): number => Date.parse(`${local.replace(' ', 'T')}+08:00`);
const taobao = builtInProfile('taobao');

const stageEvents = (events: readonly OrderEvent[]): StageEvent[] => events.filter((e): e is StageEvent => e.kind === 'stage');

function ok(n: Normalisation): Normalised {
  if (!n.ok) throw new Error(`expected ok, got ${JSON.stringify(n.errors)}`);
  return n.value;
}

/** A Taobao 订单报表 row as a CSV reader hands it over: stray spaces, Excel-protected numbers, "null" times. */
const TAOBAO_ROW: ExportRow = {
  '订单编号': '="3921874561234567890"',
  '买家会员名': '小王爱购物',
  '买家实际支付金额': '99.70',
  '总金额 ': '99.70',
  '邮费': '0.00',
  '订单状态': '买家已付款，等待卖家发货',
  '买家留言': '请尽快发货🙏',
  '收货人姓名': '王小明',
  '收货地址 ': '浙江省 杭州市 西湖区 文三路100号(310000)',
  '运送方式': '快递',
  '联系电话 ': '',
  '联系手机': "'13812345678",
  '订单创建时间': '2026-11-10 09:00:00',
  '订单付款时间 ': '2026-11-10 09:01:05',
  '宝贝标题 ': '明前龙井 100g',
  '宝贝种类': '1',
  '物流单号 ': '',
  '物流公司': '',
  '订单备注': "'; DROP TABLE orders; --",
  '宝贝总数量': '2',
  '店铺名称': '山野果园旗舰店',
  '发货时间': 'null',
};

describe('normaliseExportRow with the Taobao profile', () => {
  it('reads a paid row', () => {
    const { orders, events } = ok(normaliseExportRow(taobao, TAOBAO_ROW, ctx));
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      id: 'taobao:3921874561234567890',
      channel: 'taobao',
      shop: '山野果园旗舰店',
      channelOrderId: '3921874561234567890',
      channelStatus: '买家已付款，等待卖家发货',
      placedAt: at('2026-11-10 09:00:00'),
      paidAt: at('2026-11-10 09:01:05'),
      modifiedAt: at('2026-11-10 09:01:05'),
      itemsTotalFen: 9970,
      shippingFen: 0,
      discountFen: 0,
      paidFen: 9970,
      customer: { nick: '小王爱购物', tier: 'regular' },
      buyerNote: '请尽快发货🙏',
      sellerNote: "'; DROP TABLE orders; --",
      shipments: [],
    });
    expect(orders[0]!.receiver).toEqual({
      name: '王小明',
      phone: { raw: '13812345678', kind: 'mobile', number: '13812345678', last4: '5678', prefix3: '138' },
      province: '浙江省', city: '杭州市', district: '西湖区', town: undefined, detail: '文三路100号', zip: '310000',
    });
    expect(orders[0]!.items).toEqual([{ lineId: undefined, sku: '明前龙井 100g', productId: undefined, title: '明前龙井 100g', quantity: 2, unitPriceFen: 4985 }]);
    expect(stageEvents(events).map((e) => [e.stage, e.occurredAt, e.id])).toEqual([['paid', at('2026-11-10 09:01:05'), 'taobao:3921874561234567890#paid']]);
  });

  const variants: { name: string; patch: Record<string, string>; check: (n: Normalised) => void }[] = [
    {
      name: 'half-width comma in the status, shipped with parcel',
      patch: { '订单状态': '卖家已发货,等待买家确认', '发货时间': '2026/11/11 15:30', '物流单号 ': "'75312345678901", '物流公司': '中通快递' },
      check: (n) => {
        expect(n.orders[0]!.shipments).toEqual([{ carrier: '中通快递', trackingNo: '75312345678901' }]);
        expect(stageEvents(n.events).map((e) => [e.stage, e.occurredAt])).toEqual([['paid', at('2026-11-10 09:01:05')], ['shipped', at('2026-11-11 15:30:00')]]);
      },
    },
    {
      name: 'unpaid with "null" pay time and landline only',
      patch: { '订单状态': '等待买家付款', '订单付款时间 ': 'null', '联系手机': '', '联系电话 ': '0571-88886666' },
      check: (n) => {
        expect(n.orders[0]!.paidAt).toBeUndefined();
        expect(n.orders[0]!.receiver.phone).toMatchObject({ kind: 'landline', number: '057188886666' });
        expect(stageEvents(n.events).map((e) => [e.stage, e.occurredAt])).toEqual([['pending_payment', at('2026-11-10 09:00:00')]]);
      },
    },
    {
      name: 'postage and a discount: unit price from 总金额 less postage',
      patch: { '总金额 ': '108.00', '邮费': '8.00', '买家实际支付金额': '90.00' },
      check: (n) => expect(n.orders[0]).toMatchObject({ itemsTotalFen: 10000, shippingFen: 800, paidFen: 9000, discountFen: 1800 }),
    },
    {
      name: 'closed order is cancelled at its latest time',
      patch: { '订单状态': '交易关闭' },
      check: (n) => expect(stageEvents(n.events).map((e) => [e.stage, e.occurredAt])).toEqual([['paid', at('2026-11-10 09:01:05')], ['cancelled', at('2026-11-10 09:01:05')]]),
    },
    {
      name: 'run-together address and masked mobile',
      patch: { '收货地址 ': '上海市浦东新区张江路88号', '联系手机': '138****5678' },
      check: (n) => expect(n.orders[0]!.receiver).toMatchObject({ province: '上海市', city: '上海市', district: '浦东新区', phone: { kind: 'masked' } }),
    },
  ];
  it.each(variants)('$name', ({ patch, check }) => check(ok(normaliseExportRow(taobao, { ...TAOBAO_ROW, ...patch }, ctx))));

  it('reads full-width spaces and a trailing colon in headers', () => {
    const row: ExportRow = Object.fromEntries(Object.entries(TAOBAO_ROW).map(([k, v]) => [k === '订单编号' ? '\u3000订单编号：' : k, v]));
    expect(ok(normaliseExportRow(taobao, row, ctx)).orders[0]!.channelOrderId).toBe('3921874561234567890');
  });

  const bad: { name: string; patch: Record<string, string>; errors: { field: string; message: string }[] }[] = [
    { name: 'empty order number', patch: { '订单编号': '' }, errors: [{ field: '订单编号', message: 'is required' }] },
    {
      name: 'unknown status',
      patch: { '订单状态': '已退款' },
      errors: [{ field: '订单状态', message: expect.stringMatching(/^unknown status "已退款"; profile "taobao-order-export" knows: 等待买家付款, .*Add it under "statuses"/) as unknown as string }],
    },
    { name: 'bad amount', patch: { '买家实际支付金额': '九十九' }, errors: [{ field: '买家实际支付金额', message: 'must be an amount in yuan like "12.30", got "九十九"' }] },
    { name: 'bad time', patch: { '订单创建时间': '昨天' }, errors: [{ field: '订单创建时间', message: 'must be a time like "2026-11-11 10:00:00", got "昨天"' }] },
    { name: 'zero quantity', patch: { '宝贝总数量': '0' }, errors: [{ field: '宝贝总数量', message: 'must be at least 1, got 0' }] },
    { name: 'no title', patch: { '宝贝标题 ': '' }, errors: [{ field: '宝贝标题', message: 'is required: the order needs an item title or a SKU' }] },
    { name: 'huge note', patch: { '买家留言': 'x'.repeat(3000) }, errors: [{ field: '买家留言', message: 'is too long (3000 characters, at most 2000)' }] },
  ];
  it.each(bad)('rejects $name', ({ patch, errors }) => {
    const n = normaliseExportRow(taobao, { ...TAOBAO_ROW, ...patch }, ctx);
    expect(n.ok).toBe(false);
    if (!n.ok) expect(n.errors).toEqual(errors);
  });
});

describe('checkHeaders', () => {
  it('accepts the Taobao header row with stray spaces', () => {
    expect(checkHeaders(taobao, Object.keys(TAOBAO_ROW))).toEqual([]);
  });

  it('names each missing required column and the headers found', () => {
    expect(checkHeaders(taobao, ['订单编号', '订单状态', '宝贝标题'])).toEqual([
      { field: '订单创建时间', message: 'required column is missing (or 创建时间); headers found: 订单编号, 订单状态, 宝贝标题' },
      { field: '买家实际支付金额', message: 'required column is missing (or 实际支付金额); headers found: 订单编号, 订单状态, 宝贝标题' },
    ]);
  });

  it('asks about the profile, and the encoding, when nothing matches', () => {
    expect(checkHeaders(taobao, ['\ufffd\ufffd\ufffd', 'abc'])).toEqual([
      {
        field: '(headers)',
        message:
          'none of the required columns of profile "taobao-order-export" (订单编号, 订单状态, 订单创建时间, 买家实际支付金额) is in this file; ' +
          'headers found: \ufffd\ufffd\ufffd, abc. The headers look garbled: the file is probably GBK-encoded and was read as UTF-8',
      },
    ]);
  });

  it('makes a row of the wrong file a header error', () => {
    const n = normaliseExportRow(taobao, { 'Order ID': '1' }, ctx);
    expect(n.ok).toBe(false);
    if (!n.ok) expect(n.errors.map((e) => e.field)).toEqual(['(headers)']);
  });
});

describe('normaliseExportRow with the JD and Douyin profiles', () => {
  it('reads a JD row with a unit price and two waybills', () => {
    const row: ExportRow = {
      '订单号': '281234567891', '商品ID': '100001111222', '商品名称': '保温杯', '订购数量': '2', '下单时间': '2026-11-09 21:15:00',
      '付款确认时间': '2026-11-09 21:16:02', '订单状态': '等待确认收货', '京东价': '49.90', '应付金额': '95.80', '运费金额': '6.00',
      '客户姓名': '钱七', '客户地址': '上海上海市浦东新区张江路88号', '联系电话': '13900001111', '订单备注': '', '商家备注': '已拆两箱',
      '运单号': 'JDVA00012345678,JDVA00012345679', '出库时间': '2026-11-10 18:40:00',
    };
    const { orders, events } = ok(normaliseExportRow(builtInProfile('jd'), row, ctx));
    expect(orders[0]).toMatchObject({
      id: 'jd:281234567891', shop: '默认店铺', itemsTotalFen: 9980, shippingFen: 600, paidFen: 9580, discountFen: 1000,
      items: [{ sku: '100001111222', productId: '100001111222', quantity: 2, unitPriceFen: 4990 }],
      shipments: [{ carrier: undefined, trackingNo: 'JDVA00012345678' }, { carrier: undefined, trackingNo: 'JDVA00012345679' }],
      receiver: { province: '上海', city: '上海市', district: '浦东新区', detail: '张江路88号' },
    });
    expect(stageEvents(events).map((e) => e.stage)).toEqual(['paid', 'shipped']);
  });

  it('reads a Douyin sub-order row with address parts and 快递信息', () => {
    const row: ExportRow = {
      '主订单编号': "'6920000000000022222", '子订单编号': "'6920000000000022223", '选购商品': '花椒 250g', '商品数量': '2', '商品ID': '3600000000002',
      '商家编码': 'PEPPER-250', '商品单价': '18.00', '订单应付金额': '33.00', '订单提交时间': '2025-11-10 00:00:00', '支付完成时间': '2025-11-10 00:00:30',
      '订单状态': '已发货', '收件人': '吴**', '收件人手机号': '139****0000', '省': '重庆市', '市': '重庆市', '区': '渝中区', '街道': '解放碑街道',
      '详细地址': '民族路166号', '买家留言': '', '商家备注': '', '快递信息': '中通快递 75312345678901；顺丰速运:SF1234567890123', '发货时间': '2025-11-10 13:00:00',
    };
    const { orders } = ok(normaliseExportRow(builtInProfile('douyin'), row, ctx));
    expect(orders[0]).toMatchObject({
      id: 'douyin:6920000000000022222',
      items: [{ lineId: '6920000000000022223', sku: 'PEPPER-250', quantity: 2, unitPriceFen: 1800 }],
      receiver: { name: '吴**', province: '重庆市', city: '重庆市', district: '渝中区', town: '解放碑街道', detail: '民族路166号', phone: { kind: 'masked' } },
      shipments: [{ carrier: '中通快递', trackingNo: '75312345678901' }, { carrier: '顺丰速运', trackingNo: 'SF1234567890123' }],
    });
  });
});
