import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Order } from '../domain/order.js';
import { validateOrder } from '../domain/order-validation.js';
import { lookupKeysForQuery, lookupKeysOf } from '../domain/lookup-keys.js';
import { CHANNEL_ADAPTERS, type PayloadChannel } from './channels.js';
import { parseJsonLossless } from './files/lossless-json.js';

const RECEIVED = Date.parse('2026-12-01T00:00:00Z');

/** Every payload adapter keeps the same promises, whatever its platform. */
describe.each(Object.entries(CHANNEL_ADAPTERS) as Array<[PayloadChannel, (typeof CHANNEL_ADAPTERS)[PayloadChannel]]>)('%s adapter contract', (channel, adapter) => {
  it('names itself', () => {
    expect(adapter.channel).toBe(channel);
  });
  it.each([null, 42, 'text', true, { foo: 1, bar: 2 }])('reads %s as errors, never an order and never a throw', (document) => {
    const split = adapter.split(document);
    if (!split.ok) {
      expect(split.error.message.length).toBeGreaterThan(10);
      return;
    }
    for (const record of split.records) expect(adapter.normalise(record, { receivedAt: RECEIVED }).ok).toBe(false);
  });
  it.each([null, [], 'x', 7])('normalises %s into field errors, never a throw', (record) => {
    const result = adapter.normalise(record, { receivedAt: RECEIVED });
    expect(result.ok).toBe(false);
  });
  it('normalises an empty object into errors that name fields', () => {
    const result = adapter.normalise({}, { receivedAt: RECEIVED });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
  });
});

interface Sample {
  readonly channel: PayloadChannel;
  readonly file: string;
  readonly expect: Partial<Order> & { readonly stage: string; readonly phoneKind: string | undefined; readonly lookup?: string };
}

/** SAMPLES are the public payloads of ./samples (see SOURCES.md) and what a seller must see after importing them. */
const SAMPLES: readonly Sample[] = [
  {
    channel: 'douyin',
    file: 'douyin-search-list.json',
    expect: { channelOrderId: '6936476692437472563', paidFen: 1, stage: 'cancelled', phoneKind: 'encrypted', shop: '京艺智造', lookup: '6936476692437472563' },
  },
  {
    channel: 'youzan',
    file: 'youzan-trade-get.json',
    expect: { channelOrderId: 'E20241104143713093806201', paidFen: 13914, shippingFen: 0, stage: 'delivered', phoneKind: 'encrypted' },
  },
  {
    channel: 'kuaishou',
    file: 'kuaishou-order-detail.json',
    // Quoted without its orderAddress: it lands marked incomplete, with no phone.
    expect: { channelOrderId: '2215900041470428', incomplete: ['receiver'], paidFen: 20, discountFen: 0, shippingFen: 0, stage: 'shipped', phoneKind: undefined, lookup: '2215900041470428' },
  },
  {
    channel: 'wechat_shop',
    file: 'wechat-shop-order-get.json',
    // A virtual number is in use (use_tel_number 1) but neither it nor tel_number is sent: only the masked real number.
    expect: { channelOrderId: '3713995673005065728', paidFen: 6900, shippingFen: 0, discountFen: 0, stage: 'paid', phoneKind: 'masked', lookup: '130****5941' },
  },
  {
    channel: 'pdd',
    file: 'pdd-order-information-get.json',
    // Waiting to ship, so the receiver's number is still plain; paid at confirm_time (the answer has no pay_time).
    expect: { channelOrderId: '180831-481803633911509', paidFen: 1101, discountFen: 0, paidAt: Date.parse('2018-08-31T10:42:33+08:00'), promisedShipBy: Date.parse('2018-09-02T10:42:33+08:00'), stage: 'paid', phoneKind: 'mobile', lookup: '18667163376' },
  },
  {
    channel: 'pdd',
    file: 'pdd-order-list-encrypted.json',
    // Encrypted receiver (`~…~` name and address, `$…$…$0$$` phone): only the _mask twins are read; 10.00 seller discount.
    expect: { channelOrderId: '240318-422796379670125', paidFen: 18800, discountFen: 1000, shippingFen: 0, promisedShipBy: Date.parse('2024-03-20T17:13:01+08:00'), receiver: { name: '林*坤', province: '广东省', city: '潮州市', district: '潮安区', detail: '新安大道东北侧彩塘***村，王***路*号', phone: { raw: '1*********5', kind: 'masked' } }, stage: 'paid', phoneKind: 'masked', lookup: '240318-422796379670125' },
  },
  {
    channel: 'shopify',
    file: 'shopify-order-get.json',
    // 597.00 of goods − 10.00 code discount + 11.94 state tax; the only fulfillment failed, so nothing shipped.
    expect: { channelOrderId: '450789469', currency: 'USD', paidFen: 59894, taxFen: 1194, discountFen: 1000, shippingFen: 0, shipments: [], stage: 'paid', phoneKind: 'foreign', lookup: '450789469' },
  },
  {
    channel: 'taobao',
    file: 'taobao-trade-fullinfo-finished.json',
    expect: { channelOrderId: '518073718172548', paidFen: 7600, shipments: [{ carrier: '顺丰速运', trackingNo: '550281136794' }], stage: 'delivered', phoneKind: 'masked', lookup: '1573672****' },
  },
  {
    channel: 'taobao',
    file: 'taobao-trade-fullinfo-closed.json',
    // Closed by Taobao before payment: 88.00 list price, 74.20 清仓 promotion.
    expect: { channelOrderId: '452790065331038', paidFen: 1380, discountFen: 7420, stage: 'cancelled', phoneKind: 'masked', lookup: '1389289****' },
  },
  {
    channel: 'jd',
    file: 'jd-pop-order-search.json',
    expect: { channelOrderId: '249786309732', paidFen: 100, shippingFen: 0, stage: 'paid', phoneKind: 'masked', lookup: '249786309732' },
  },
];

describe('public payload samples', () => {
  it.each(SAMPLES)('$file lands whole: amounts, stage, tracking, phone kind, no ciphertext as text', (sample) => {
    const text = readFileSync(new URL(`./samples/${sample.file}`, import.meta.url), 'utf8');
    const adapter = CHANNEL_ADAPTERS[sample.channel];
    const split = adapter.split(parseJsonLossless(text));
    expect(split.ok).toBe(true);
    if (!split.ok) return;
    expect(split.records).toHaveLength(1);
    const result = adapter.normalise(split.records[0], { receivedAt: RECEIVED });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const order = result.value.orders[0]!;
    const { stage, phoneKind, lookup, ...fields } = sample.expect;
    expect(order).toMatchObject(fields);
    expect(validateOrder(order, RECEIVED)).toEqual([]);
    const events = result.value.events.filter((e) => e.kind === 'stage');
    const last = events.reduce((a, e) => (a === undefined || e.occurredAt >= a.occurredAt ? e : a), events[0]);
    expect(last && 'stage' in last ? last.stage : undefined).toBe(stage);
    expect(order.receiver.phone?.kind).toBe(phoneKind);
    // A ciphertext is never a name, an address, a shown phone or a lookup key.
    const shown = JSON.stringify({ name: order.receiver.name, detail: order.receiver.detail, raw: order.receiver.phone?.raw, keys: lookupKeysOf(order) });
    expect(shown).not.toMatch(/\$\$|##|~Ag|\$1\$|#1#|AAS\//);
    if (lookup !== undefined) {
      const keys = new Set(lookupKeysOf(order));
      expect(lookupKeysForQuery(lookup).some((k) => keys.has(k))).toBe(true);
    }
  });

  it('keeps the 19-digit 抖店 product id exact', () => {
    const text = readFileSync(new URL('./samples/douyin-search-list.json', import.meta.url), 'utf8');
    const split = CHANNEL_ADAPTERS.douyin.split(parseJsonLossless(text));
    if (!split.ok) throw new Error(split.error.message);
    const result = CHANNEL_ADAPTERS.douyin.normalise(split.records[0], { receivedAt: RECEIVED });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const order = result.value.orders[0]!;
    expect(order.items[0]).toMatchObject({ sku: '112233', productId: '3660207428038974464' });
    expect(order.shipments).toEqual([{ trackingNo: '6936476692437472563', carrier: '顺丰同城' }]);
    expect(order.receiver.encrypted).toEqual(['name', 'phone', 'detail']);
  });
});

describe('an unknown shape', () => {
  it('says which platform it looks like when imported as another', async () => {
    const { withShapeGuess } = await import('./shape-guess.js');
    const text = readFileSync(new URL('./samples/pdd-order-information-get.json', import.meta.url), 'utf8');
    const document = parseJsonLossless(text);
    const split = CHANNEL_ADAPTERS.douyin.split(document);
    expect(split.ok).toBe(false);
    if (split.ok) return;
    expect(withShapeGuess(split.error, document, 'douyin').message).toMatch(/expected data\.shop_order_detail.*got an object with keys order_info_get_response.*looks like a 拼多多 order answer: import it with --channel pdd/);
  });
});
