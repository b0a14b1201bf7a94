import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../files/lossless-json.js';
import { wechatShopAdapter } from './index.js';

const RECEIVED = Date.parse('2026-12-01T00:00:00Z');

/** sampleOrder is the public sample's order (see ../samples/SOURCES.md) with its address_info replaced. */
function withAddress(addressInfo: Record<string, unknown>): Record<string, unknown> {
  const text = readFileSync(new URL('../samples/wechat-shop-order-get.json', import.meta.url), 'utf8');
  const split = wechatShopAdapter.split(parseJsonLossless(text));
  if (!split.ok) throw new Error(split.error.message);
  const order = split.records[0] as { order_detail: { delivery_info: Record<string, unknown> } };
  const detail = order.order_detail;
  return { ...order, order_detail: { ...detail, delivery_info: { ...detail.delivery_info, address_info: addressInfo } } };
}

describe('微信小店 receivers', () => {
  // The field forms of the official page's field table (tel_number masked when a virtual number is used); not a real answer.
  it('takes the virtual number with its extension over the masked real one', () => {
    const record = withAddress({
      user_name: '苑**',
      province_name: '山东省',
      city_name: '淄博市',
      county_name: '张店区',
      detail_info: '傅家镇高家村****',
      tel_number: '130****5941',
      virtual_order_tel_number: '',
      tel_number_ext_info: { real_tel_number: '130****5941', virtual_tel_number: '17012345678-1234' },
      use_tel_number: 1,
    });
    const result = wechatShopAdapter.normalise(record, { receivedAt: RECEIVED });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.orders[0]!.receiver.phone).toMatchObject({ kind: 'virtual', extension: '1234' });
  });

  // address_info verbatim as WeChat's staff posted it for the virtual-number case on the developer community
  // (https://developers.weixin.qq.com/community/minihome/doc/0006ae786549c8579682a8bbe61400). Its virtual number has a
  // 12-digit base, which no phone has (the platform's guide: 11-digit base + 4-digit extension), so the masked number stays the route.
  it("reads the platform staff's virtual-number address_info without taking its malformed virtual number", () => {
    const record = withAddress({
      user_name: '林**', postal_code: '350600', province_name: '福建省', city_name: '福州市', county_name: '罗源县', detail_info: '****', national_code: '888888',
      tel_number: '183****2807', house_number: '', virtual_order_tel_number: '',
      tel_number_ext_info: { real_tel_number: '183****2807', virtual_tel_number: '132123457749-1234', virtual_tel_expire_time: 1735436340 },
      use_tel_number: 1, hash_code: 'e258ec6c3333e0acb97d3e0bc875758c',
    });
    const result = wechatShopAdapter.normalise(record, { receivedAt: RECEIVED });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.orders[0]!.receiver).toMatchObject({ name: '林**', district: '罗源县', phone: { kind: 'masked', raw: '183****2807' } });
  });

  it('keeps the masked real number when the virtual one is not sent (the real sample)', () => {
    const text = readFileSync(new URL('../samples/wechat-shop-order-get.json', import.meta.url), 'utf8');
    const split = wechatShopAdapter.split(parseJsonLossless(text));
    if (!split.ok) throw new Error(split.error.message);
    const result = wechatShopAdapter.normalise(split.records[0], { receivedAt: RECEIVED });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.orders[0]!.receiver).toMatchObject({ name: '苑**', district: '张店区', zip: '255022', phone: { kind: 'masked', raw: '130****5941' } });
    expect(result.value.orders[0]!.items).toEqual([expect.objectContaining({ sku: '磷虾2斤', quantity: 1, unitPriceFen: 6900 })]);
  });
});
