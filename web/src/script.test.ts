import { describe, expect, it } from 'vitest';
import { PLACEHOLDER, smsSize, toScript } from './script';

describe('smsSize', () => {
  it('counts Chinese as UCS-2: 70 in one message, 67 per part beyond', () => {
    expect(smsSize('您'.repeat(70))).toEqual({ chars: 70, segments: 1, unicode: true });
    expect(smsSize('您'.repeat(71))).toEqual({ chars: 71, segments: 2, unicode: true });
    expect(smsSize('您'.repeat(134)).segments).toBe(2);
    expect(smsSize('您'.repeat(135)).segments).toBe(3);
  });

  it('counts plain text as GSM-7: 160 in one, 153 per part, extension characters twice', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ chars: 160, segments: 1, unicode: false });
    expect(smsSize('a'.repeat(161)).segments).toBe(2);
    expect(smsSize('€'.repeat(80)).segments).toBe(1);
    expect(smsSize('€'.repeat(81)).segments).toBe(2);
    expect(smsSize('').segments).toBe(0);
  });

  it('counts an emoji as two UTF-16 units in UCS-2', () => {
    expect(smsSize('😀'.repeat(35)).segments).toBe(1);
    expect(smsSize('😀'.repeat(36)).segments).toBe(2);
  });
});

describe('scripts', () => {
  it('reads the per-medium answer: SMS size from the server, channels with why not', () => {
    const s = toScript({ phone: { text: '您好，张先生' }, sms: { text: '短信【补偿】' }, email: { subject: '致歉', text: '邮件' }, missing: ['compensation'], chars: 40, smsSegments: 1, sendBy: [{ channel: 'sms', available: false, why: { zh: '未配置短信接收方', en: 'no sms receiver' } }], orderId: 'jd:1' });
    expect(s.texts).toEqual({ phone: '您好，张先生', sms: '短信【补偿】', email: '邮件', subject: '致歉' });
    expect(s.missing).toEqual(['compensation']);
    expect([s.chars, s.smsSegments]).toEqual([40, 1]);
    expect(s.sendBy[0]!.available).toBe(false);
    expect(s.orderId).toBe('jd:1');
  });

  it('reads the older one-text answer, counting the SMS itself', () => {
    const s = toScript({ rendered: { text: '您'.repeat(71) } }, 'taobao:9');
    expect(s.texts.sms).toBe('您'.repeat(71));
    expect(s.smsSegments).toBe(2);
    expect(s.sendBy.map((c) => c.channel)).toEqual(['sms', 'email']);
    expect(s.orderId).toBe('taobao:9');
  });

  it('finds the visible placeholders to mark', () => {
    expect('我们将为您补偿【补偿金额】，并于[new date]前发出'.match(PLACEHOLDER)).toEqual(['【补偿金额】', '[new date]']);
  });
});
