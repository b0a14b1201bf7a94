import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookupKeysOf } from '../../domain/lookup-keys.js';
import { parseJsonLossless } from '../files/lossless-json.js';
import { kuaishouAdapter } from './index.js';

const RECEIVED = Date.parse('2026-12-01T00:00:00Z');

/** sampleOrder is the public sample's order record (see ../samples/SOURCES.md), to vary one part at a time. */
function sampleOrder(): Record<string, unknown> {
  const text = readFileSync(new URL('../samples/kuaishou-order-detail.json', import.meta.url), 'utf8');
  const split = kuaishouAdapter.split(parseJsonLossless(text));
  if (!split.ok) throw new Error(split.error.message);
  return split.records[0] as Record<string, unknown>;
}

/**
 * ADDRESS is an `orderAddress` (the public sample has none). Its three
 * encrypted* values are real 快手 tokens quoted in a public test (see
 * ../samples/SOURCES.md); the masked forms follow a captured answer's
 * (`185****8838`, `张**`); the divisions and masked values are made up.
 */
const ADDRESS: Readonly<Record<string, unknown>> = {
  "address": "",
  "consignee": "",
  "districtCode": 330106,
  "city": "杭州市",
  "cityCode": 330100,
  "provinceCode": 330000,
  "mobile": "",
  "encryptedMobile": "$aOlu6gb6ci833T9xZKtnZfSWr8wu2nWT/niGx9/xNwI=$Ci1tZXJjaGFudC5vcGVuLnNlY3JldC5rZXkua3M2NjQyODA5NDkyNzY4MDIzNDQSIGOIlV57KqgBvLPBUA8wPtKpu3JYJY52+mXTdw4zJ2XoGhJHUZmscbF8f0deTf6FyTRsB0oiIO+w/snibN+e6Gj/V4lSEGroMNOvjsZJ2CdJxwetoiXaKAUwAQ==&Ci1tZXJjaGFudC5vcGVuLnNlY3JldC5rZXkua3M2NjQyODA5NDkyNzY4MDIzNDQSMIxaKyZMOFljZUs9HTt/ye/d8/iDqoowJBq9PqpGAeOpQybums9GD+JCvt87g7cy6BoSq4zditmeCL+PGqGPDQ8tsHM4IiCfL0tqTBlSZU7VmUf4AOGuR2uJfkp/xl4nCZrCWstPrCgFMAE=$1$$",
  "encryptedConsignee": "#sZFyd96rd96r#Ci1tZXJjaGFudC5vcGVuLnNlY3JldC5rZXkua3M2NjQyODA5NDkyNzY4MDIzNDQSIKh5uh+fdVTAds0/rRbPlgkN8sLe1MQVk3aqEz31wKlPGhKLdZx9I/KnN0/Vrw9pN4uBBCUiIJwAm/EFM3F6fRHIb9f8QMEpgqeNQahiOJdJeHy9RCP3KAUwAQ==&Ci1tZXJjaGFudC5vcGVuLnNlY3JldC5rZXkua3M2NjQyODA5NDkyNzY4MDIzNDQSMFHlTW2uyxvKTSnYP8rH9SeqBehNmaLOUkNqKofO0D7nwiSCtG5e6+Lq843WnNE7choSNbRnevjlMlUCNJ4pZ4LbQzkvIiD5ozL4CP6WTnsVQ//p2y7+N0D92DL1VAmqQxFxpwCUoygFMAE=#1##",
  "desensitiseConsignee": "王**",
  "encryptedAddress": "~+PMZgHx7KnUGMP3baXvgknVm8ANXwrujqdvHwQ9SsZFyd96rd96rDvfaqT+0s8Srzm3LSKErqdvHwQ9S0gzTMTUc0gzTWFjHRxKPMTUcWFjH0gzTT/VDT/VDT/VDDvfaID5nFZFkccxstpQtqdvHwQ9SXtCXkM1IiS4siZJM6FdWXP5ziZJM791utpQt+PMZgHx7KnUGMP3baXvgDvfacxk6Im37ccxsXjd6qdvHwQ9SjUwA8hfAKnUGHTCKq66AHXcntpQt0gzTzm3LS61yIdFL31X+0gzT~Ci1tZXJjaGFudC5vcGVuLnNlY3JldC5rZXkua3M2NjQyODA5NDkyNzY4MDIzNDQSwAEslREckaWjbBjQelFFSRdNLoimGU9OyxHGeCd2fvh0vXaTKJUbsJcASx3N9JA2mF9cCgNTO2FDFUWBCNpizAgUtJrTBcJ5qTYzllozxLVq1AJslZ2QLQiuF6nj1cKMKSU8cyeYx51g7k9O69qlyiF8fopgiCRMMehzexgmXrApZjNs19kzqDWZAIFMmIp6Fq1N8TjrAsQd0f+oLyRyTKafbtBMlpGR0C0sfFv84V5OD59/NAzNSJAQ8bfQyR7XnPQaEsYSw+gKIwsUQqmsjrP2T4np0CIgGpQk2NgmoxaoDUtiEWnjIsWWxMxyq+eJrfxiia3RpFgoBTAB&Ci1tZXJjaGFudC5vcGVuLnNlY3JldC5rZXkua3M2NjQyODA5NDkyNzY4MDIzNDQSMDFeOYkUa8A8c99S2ve/ADN7f54KHTMpqvGnU/gkIXQsj1l2NV4Vsp5EfEqAAiZs+hoSzH1yPJ2ED/QkpNdQbC2WMmuiIiCuaDAJLWgVs3OzW8eANYewCKuYUqkk1BBKrTZvmQ2ybigFMAE=~1~~",
  "province": "浙江省",
  "district": "西湖区",
  "desensitiseMobile": "137****2201",
  "desensitiseAddress": "文三路**号"
};

describe('快手 receivers', () => {
  it('keeps the encrypted* fields out of the name, phone and address when nothing masked came', () => {
    const record = sampleOrder();
    const address: Record<string, unknown> = { ...ADDRESS };
    for (const field of ['desensitiseConsignee', 'desensitiseMobile', 'desensitiseAddress']) delete address[field];
    const result = kuaishouAdapter.normalise({ ...record, orderAddress: address }, { receivedAt: RECEIVED });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { receiver } = result.value.orders[0]!;
    // 快手's tokens carry an "&" between two base64 parts: encrypted by their field's name, not by their shape.
    expect(receiver.name).toBeUndefined();
    expect(receiver.detail).toBeUndefined();
    expect(receiver.phone?.kind).toBe('encrypted');
    expect(receiver.encrypted).toEqual(['name', 'phone', 'detail']);
    expect(JSON.stringify({ raw: receiver.phone?.raw, keys: lookupKeysOf(result.value.orders[0]!) })).not.toContain('Ci1tZXJj');
  });

  it('reads the masked forms when they came with the ciphertexts', () => {
    const result = kuaishouAdapter.normalise({ ...sampleOrder(), orderAddress: ADDRESS }, { receivedAt: RECEIVED });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { receiver } = result.value.orders[0]!;
    expect(receiver).toMatchObject({ name: '王**', detail: '文三路**号', phone: { kind: 'masked' } });
    expect(receiver.encrypted).toBeUndefined();
  });

  it('reads the real sample: fen amounts, millisecond times, the dummy parcel of an auto-delivered order', () => {
    const result = kuaishouAdapter.normalise(sampleOrder(), { receivedAt: RECEIVED });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const order = result.value.orders[0]!;
    expect(order).toMatchObject({ paidFen: 20, itemsTotalFen: 20, shop: 'PRO个性定制', placedAt: 1654661142714, paidAt: 1654661152607 });
    expect(order.items).toEqual([expect.objectContaining({ sku: '888390671925', quantity: 2, unitPriceFen: 10 })]);
    // Sent 2.4 s after payment with the order id as its "waybill" and carrier code 9999 (其他): no parcel a carrier
    // can track, so no shipment, and nothing ships (virtual goods skip the shipping checks).
    expect(order.shipments).toEqual([]);
    expect(order.virtualGoods).toBe(true);
  });

  it("finds the order in the open platform's answer wrapper and in a cursor page", () => {
    const order = sampleOrder();
    for (const document of [{ result: 1, data: order }, { result: 1, data: { cursor: 'nomore', orderList: [order] } }]) {
      const split = kuaishouAdapter.split(document);
      expect(split.ok && split.records).toEqual([order]);
    }
  });
});
