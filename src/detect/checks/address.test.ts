import { describe, expect, it } from 'vitest';
import type { Receiver } from '../../domain/order.js';
import { addressCheck, vagueDetail } from './address.js';
import { resolveDivisions } from './divisions.js';
import { T0, testContext, testOrder } from './test-orders.js';

type Divisions = [province: string, city: string, district: string];

const RESOLVED: readonly [string, Divisions, string][] = [
  ['full names', ['浙江省', '杭州市', '西湖区'], '330106'],
  ['short province and city', ['浙江', '杭州', '西湖区'], '330106'],
  ['municipality with 市辖区', ['上海市', '市辖区', '徐汇区'], '310104'],
  ['municipality repeated as city', ['上海', '上海市', '浦东新区'], '310115'],
  ['municipality, district in the city field', ['北京', '朝阳区', ''], '110105'],
  ['Chongqing county', ['重庆', '重庆市', '巫山县'], '500237'],
  ['autonomous region short name', ['内蒙古', '呼和浩特市', '新城区'], '150102'],
  ['Guangxi short name', ['广西', '南宁市', '青秀区'], '450103'],
  ['autonomous prefecture colloquial 州', ['吉林省', '延边州', '延吉市'], '222401'],
  ['county-level city, empty city', ['湖北省', '', '仙桃市'], '429004'],
  ['county-level city as the city', ['湖北省', '仙桃市', ''], '429004'],
  ['county-level city under the table stand-in', ['湖北省', '省直辖县级行政区划', '潜江市'], '429005'],
  ['Hainan county-level city', ['海南省', '', '琼海市'], '469002'],
  ['Xinjiang corps city', ['新疆', '', '石河子市'], '659001'],
  ['city without districts, no district', ['广东省', '东莞市', ''], '4419'],
  ['city without districts, town as district', ['广东省', '中山市', '小榄镇'], '4420'],
  ['renamed 县 → 区 (密云县)', ['北京市', '北京市', '密云县'], '110118'],
  ['county-level city under a prefecture', ['浙江省', '金华市', '义乌市'], '330782'],
  ['abolished 莱芜市 finds its successor 济南市莱芜区 by short name', ['山东省', '莱芜市', '莱城区'], '370116'],
];

const UNRESOLVED: readonly [string, Divisions, { field: string; reason: string; value: string }][] = [
  ['no province', ['', '杭州市', '西湖区'], { field: 'province', reason: 'missing', value: '' }],
  ['unknown province', ['火星省', '', ''], { field: 'province', reason: 'unknown', value: '火星省' }],
  ['district missing where the city has districts', ['浙江省', '杭州市', ''], { field: 'district', reason: 'missing', value: '' }],
  ['district of another city', ['浙江省', '杭州市', '朝阳区'], { field: 'district', reason: 'unknown', value: '朝阳区' }],
  ['unknown city', ['浙江省', '火星市', ''], { field: 'city', reason: 'unknown', value: '火星市' }],
  ['municipality without district', ['上海市', '上海市', ''], { field: 'district', reason: 'missing', value: '' }],
  ['district name shared by two cities, no city', ['江苏省', '', '鼓楼区'], { field: 'district', reason: 'ambiguous', value: '鼓楼区' }],
  ['district repeated from another province', ['山东省', '济南市', '西湖区'], { field: 'district', reason: 'unknown', value: '西湖区' }],
];

describe('resolveDivisions', () => {
  it.each(RESOLVED)('%s resolves to %s', (_name, [province, city, district], code) => {
    expect(resolveDivisions({ province, city, district })).toMatchObject({ ok: true, code });
  });
  it.each(UNRESOLVED)('%s does not resolve', (_name, [province, city, district], failure) => {
    expect(resolveDivisions({ province, city, district })).toMatchObject({ ok: false, ...failure });
  });
});

const GOOD_DETAILS: readonly string[] = [
  '文三路100号3幢501室',
  '朝阳区建国路88号SOHO现代城A座1201',
  'XX村3组45号',
  '长安街1号(近地铁站)',
  '南京西路1266号恒隆广场1座3801',
  '天河路385号太古汇一座12楼',
  '中山北路3663号华东师范大学',
  '莲花路7弄12号601',
  '翠苑一区5幢2单元301',
  '星光大道2-3-502',
  '张家村二组',
  '李庄镇王庄村五组',
  '浙江大学紫金港校区',
  '深南大道6011号',
  '滨江区江南大道3588号恒生大厦8层',
  '幸福家园小区12号楼3单元402',
  '科技园南区高新南一道9号',
  '人民路与解放路交叉口东北角88号',
  '花园街道锦绣小区二期7栋1802',
  '阿里巴巴西溪园区5号楼',
  '城关镇解放路45号门口右转',
  '万科城市花园B栋1103菜鸟驿站代收',
];

const BAD_DETAILS: readonly [string, string, string][] = [
  ['小区门口', 'too_short', '小区门口'],
  ['幸福小区门口', 'landmark_only', '小区门口'],
  ['万达广场附近', 'landmark_only', '附近'],
  ['人民医院对面的小卖部', 'landmark_only', '对面'],
  ['张家村', 'too_short', '张家村'],
  ['中山公园旁边那栋楼', 'landmark_only', '旁边'],
  ['解放路和中山路路口', 'landmark_only', '路口'],
  ['火车站周边', 'landmark_only', '周边'],
  ['大学城一带都行', 'landmark_only', '一带'],
  ['大概在人民路88号左右', 'uncertain', '大概'],
  ['菜鸟驿站', 'too_short', '菜鸟驿站'],
  ['阳光小区菜鸟驿站', 'parcel_station_only', '菜鸟驿站'],
  ['放到楼下丰巢快递柜', 'parcel_station_only', '丰巢'],
  ['学府路的妈妈驿站', 'parcel_station_only', '妈妈驿站'],
  ['88号', 'too_short', '88号'],
  ['', 'missing_detail', ''],
  ['解放路步行街', 'no_house_number', ''],
  ['浙江省杭州市西湖区文三路', 'too_short', '文三路'],
];

describe('vagueDetail', () => {
  const receiver: Receiver = { province: '浙江省', city: '杭州市', district: '西湖区' };
  it.each(GOOD_DETAILS)('%s is a findable address', (detail) => {
    expect(vagueDetail(detail, receiver)).toEqual([]);
  });
  it.each(BAD_DETAILS)('%s is vague (%s)', (detail, reason, matched) => {
    const found = vagueDetail(detail, receiver);
    expect(found[0]?.reason).toBe(reason);
    if (matched !== '') expect(found[0]?.matched).toBe(matched);
  });
  it('a landmark next to a house number is fine but an uncertain word is not', () => {
    expect(vagueDetail('人民医院对面88号', receiver)).toEqual([]);
    expect(vagueDetail('人民医院对面的小卖部', receiver)).toEqual([
      { reason: 'landmark_only', matched: '对面' },
    ]);
  });
  it('does not judge masked or encrypted details', () => {
    expect(vagueDetail('文三路***', receiver)).toEqual([]);
    expect(vagueDetail('~AgAAAAAFk7Q3aBcdEf12345GhIj==~', receiver)).toEqual([]);
  });
});

describe('addressCheck', () => {
  it('raises unresolved with what failed and what was given', () => {
    const findings = addressCheck.run(testOrder({ receiver: { district: '' } }), testContext());
    expect(findings).toEqual([
      {
        orderId: 'taobao:1001',
        code: 'address.unresolved',
        key: '',
        severity: 'warning',
        detectedAt: T0 + 60_000,
        explanation: {
          zh: '收货地址缺少区县（杭州市下设有区县），快递无法准确分拣',
          en: 'The receiver address has no district although 杭州市 has districts; the parcel cannot be sorted reliably',
        },
        evidence: { field: 'district', reason: 'missing', value: '', province: '浙江省', city: '杭州市', given: { province: '浙江省', city: '杭州市', district: '' } },
      },
    ]);
  });

  it('raises vague with the matched phrase as evidence', () => {
    const findings = addressCheck.run(testOrder({ receiver: { detail: '万达广场附近' } }), testContext());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'address.vague',
      key: '',
      severity: 'warning',
      evidence: { detail: '万达广场附近', reasons: [{ reason: 'landmark_only', matched: '附近' }] },
    });
    expect(findings[0]?.explanation.zh).toBe('详细地址「万达广场附近」只有参照物「附近」，没有门牌号');
  });

  it('a missing house number alone is only info', () => {
    const [f] = addressCheck.run(testOrder({ receiver: { detail: '解放路步行街' } }), testContext());
    expect(f).toMatchObject({ code: 'address.vague', severity: 'info', evidence: { reasons: [{ reason: 'no_house_number', matched: '' }] } });
  });

  it('a good address raises nothing', () => {
    expect(addressCheck.run(testOrder(), testContext())).toEqual([]);
  });

  it.each([
    ['no receiver', { receiver: undefined as never }],
    ['huge emoji detail', { receiver: { detail: '🏠'.repeat(200_000), province: '🌋'.repeat(100_000) } }],
  ])('never throws: %s', (_name, shape) => {
    const facts = testOrder();
    const order = { ...facts.order, ...('receiver' in shape && shape.receiver === undefined ? { receiver: undefined as never } : {}) };
    const input = shape.receiver === undefined ? { order, events: [] } : testOrder(shape);
    const findings = addressCheck.run(input, testContext());
    expect(findings.map((f) => f.code)).toContain('address.unresolved');
    for (const f of findings) expect(JSON.stringify(f).length).toBeLessThan(2000);
  });
});
