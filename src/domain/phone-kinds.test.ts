import { describe, expect, it } from 'vitest';
import { isCiphertext } from './ciphertext.js';
import { lookupKeysForQuery, lookupKeysOf } from './lookup-keys.js';
import type { Order } from './order.js';
import { classifyPhone, maskPhone, sealCiphertext } from './phone.js';

describe('per-platform phone kinds', () => {
  it.each([
    ['Taobao masked head', '1389289****', { kind: 'masked', head: '1389289', prefix3: '138' }],
    ['Taobao masked landline', '029-8597****', { kind: 'masked', head: '0298597' }],
    ['拼多多 masked', '1387677****', { kind: 'masked', head: '1387677' }],
    ['抖店 ciphertext', '$$KlqdO3S6/9vQsJesewp8R2oBlX+I2/UABgHSm9Oy1SuYX6R0pLupUedZ*CgYIASAH=$1$$', { kind: 'encrypted' }],
    ['Youzan ciphertext', '$eTS8t8hAECdXKgNtV6DIfw==$1$', { kind: 'encrypted' }],
    ['拼多多 ciphertext', '~AgAAAAKlYBsIhYzYCQCvHMA1ITUgWmlNgeWZ2LDmm5A=~+7GVQ6hM~1~~', { kind: 'encrypted' }],
    ['WeChat virtual with extension', '17012345678-1234', { kind: 'virtual', number: '17012345678', extension: '1234' }],
    ['Shopify national number of a Canadian address', '613-555-1212', { kind: 'foreign', number: '6135551212', country: 'CA' }],
  ] as const)('%s: %s', (_name, raw, expected) => {
    expect(classifyPhone(raw, raw.startsWith('613') ? { country: 'CA' } : {})).toMatchObject(expected);
  });

  it('never shows a ciphertext, sealed or not', () => {
    const sealed = sealCiphertext(classifyPhone('$eTS8t8hAECdXKgNtV6DIfw==$1$'));
    expect(sealed).toEqual({ raw: '（已加密）', kind: 'encrypted', ciphertext: '$eTS8t8hAECdXKgNtV6DIfw==$1$' });
    expect(maskPhone('$eTS8t8hAECdXKgNtV6DIfw==$1$')).toBe('****');
  });

  it.each([
    ['抖店 name', '##qIOpbLPevlQwA6f+yNJ7HgOqMdCcDttVlAympUYfJk9Vrc==*CgYIASAHKAE=#1##', true],
    ['a Chinese name', '张三', false],
    ['a latin name', 'Christopher Johnson', false],
    ['an address with digits', '文三路100号3幢201室', false],
    ['a tracking number', 'SF1234567890', false],
  ])('isCiphertext: %s', (_name, text, expected) => {
    expect(isCiphertext(text)).toBe(expected);
  });
});

describe('lookup by the masked form', () => {
  const order = (raw: string): Order => ({
    id: 'taobao:1', channel: 'taobao', channelOrderId: '1', placedAt: 0, modifiedAt: 0, currency: 'CNY', itemsTotalFen: 0, shippingFen: 0,
    discountFen: 0, paidFen: 0, customer: { tier: 'regular' }, receiver: { phone: classifyPhone(raw), name: '##qIOpbLPevlQwA6f+yNJ7HgOqMdCc#1##' },
    items: [], tags: [], shipments: [],
  });
  it('finds an order stored with the masked head by that masked form, and a full number by its masked head', () => {
    const has = (stored: string, query: string): boolean => lookupKeysForQuery(query).some((k) => lookupKeysOf(order(stored)).includes(k));
    expect(has('1389289****', '1389289****')).toBe(true);
    expect(has('13892891234', '1389289****')).toBe(true);
    expect(has('13892891234', '138****1234')).toBe(true);
    expect(has('13992891234', '1389289****')).toBe(false);
  });
  it('indexes no ciphertext as a name or phone', () => {
    expect(lookupKeysOf(order('$eTS8t8hAECdXKgNtV6DIfw==$1$'))).toEqual(['o:1']);
  });
});
