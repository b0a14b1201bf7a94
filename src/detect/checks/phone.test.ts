import { describe, expect, it } from 'vitest';
import { classifyPhone } from '../../domain/phone.js';
import { phoneCheck, phoneVerdict } from './phone.js';
import { T0, testContext, testOrder } from './test-orders.js';

const VALID: readonly [string, string][] = [
  ['China Mobile 138', '13812345678'],
  ['with +86', '+8613812345678'],
  ['with 86 and spaces', '86 138 1234 5678'],
  ['dashes people type', '138-1234-5678'],
  ['full-width digits', '１３８１２３４５６７８'],
  ['virtual operator 162', '16212345678'],
  ['virtual operator 165', '16512345678'],
  ['virtual operator 167', '16712345678'],
  ['virtual operator 170', '17012345678'],
  ['virtual operator 171', '17112345678'],
  ['data card 145', '14512345678'],
  ['data card 147', '14712345678'],
  ['data card 149 (libphonenumber rejects, accepted by rule)', '14912345678'],
  ['192 (China Broadnet)', '19212345678'],
  ['Beijing landline', '010-12345678'],
  ['Hangzhou landline no dash', '057188888888'],
  ['landline with extension', '0571-88888888-123'],
  ['masked middle', '138****1234'],
  ['masked long', '1********35'],
  ['virtual with dash extension', '13800000000-1234'],
  ['virtual with hash extension', '13800000000#1234#'],
  ['virtual with dollar form', '$13800000000$#1234#'],
  ['encrypted token', '$$A1b2C3d4E5f6G7h8I9j0KkLl==$$'],
  ['Hong Kong mobile', '+85291234567'],
];

const INVALID: readonly [string, string, string, number][] = [
  ['10 digits', '1381234567', 'too_short', 10],
  ['12 digits', '138123456789', 'too_long', 12],
  ['bad mobile prefix 12', '12812345678', 'bad_prefix', 11],
  ['unassigned range 154', '15412345678', 'unassigned_range', 11],
  ['unassigned range 140', '14012345678', 'unassigned_range', 11],
  ['letters', 'abc', 'not_a_number', 0],
  ['area code 00', '0012345678', 'bad_landline', 10],
  ['short with plus', '+999123', 'too_short', 6],
  ['unknown country code', '+99912345678', 'bad_foreign', 11],
];

describe('phoneVerdict', () => {
  it.each(VALID)('%s: %s is a valid contact route', (_name, raw) => {
    expect(phoneVerdict(classifyPhone(raw))).toMatchObject({ valid: true });
  });
  it.each(INVALID)('%s: %s is invalid (%s)', (_name, raw, reason, digits) => {
    expect(phoneVerdict(classifyPhone(raw))).toMatchObject({ valid: false, reason, digits });
  });
});

describe('phoneCheck', () => {
  it('explains a 10-digit number in Chinese and English with its evidence', () => {
    const findings = phoneCheck.run(testOrder({ receiver: { phoneRaw: '1381234567' } }), testContext());
    expect(findings).toEqual([
      {
        orderId: 'taobao:1001',
        code: 'phone.invalid',
        key: '',
        severity: 'critical',
        detectedAt: T0 + 60_000,
        explanation: { zh: '收货手机号 1381234567 只有10位，无法联系到客户', en: 'Receiver phone 1381234567 has 10 digits; the customer cannot be reached' },
        evidence: { reason: 'too_short', phone: '1381234567', digits: 10, kind: 'invalid' },
      },
    ]);
  });

  it.each([
    ['no phone at all', undefined],
    ['empty phone', classifyPhone('')],
    ['blank phone', classifyPhone('   ')],
  ])('%s → warning saying there is no contact number', (_name, phone) => {
    const facts = testOrder();
    const order = { ...facts.order, receiver: { ...facts.order.receiver, phone } };
    const [f, ...rest] = phoneCheck.run({ order, events: [] }, testContext());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'phone.invalid', severity: 'warning', evidence: { reason: 'missing', phone: null } });
    expect(f?.explanation.zh).toContain('没有收货人联系电话');
  });

  it.each(VALID)('%s: no finding for %s', (_name, raw) => {
    expect(phoneCheck.run(testOrder({ receiver: { phoneRaw: raw } }), testContext())).toEqual([]);
  });

  it('does not throw on a missing receiver or a huge emoji string, and clips what it quotes', () => {
    const facts = testOrder();
    const noReceiver = { ...facts.order, receiver: undefined as never };
    expect(phoneCheck.run({ order: noReceiver, events: [] }, testContext())[0]?.evidence).toEqual({ reason: 'missing', phone: null });
    const huge = phoneCheck.run(testOrder({ receiver: { phoneRaw: '📞'.repeat(100_000) } }), testContext());
    expect(huge[0]?.evidence['reason']).toBe('not_a_number');
    expect(String(huge[0]?.evidence['phone']).length).toBeLessThan(80);
  });
});
