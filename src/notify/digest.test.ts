import { describe, expect, it } from 'vitest';
import { DIGEST_MAX_BODY_BYTES, isDigestible, mergeIntoDigest } from './digest.js';
import { TRUNCATION_NOTICE, utf8Bytes } from './fit.js';
import type { NotificationMessage } from '../domain/notification.js';

const message = (i: number, severity: NotificationMessage['severity'] = 'warning'): NotificationMessage => ({
  title: `【B级】订单 taobao:${i} 延迟 3 天`,
  body: '详情……',
  severity,
  link: `https://console.example/incidents/${i}`,
  mentionMobiles: i % 2 === 0 ? ['13800000000'] : ['13900000000'],
  attachments: [{ filename: 'a.png', contentType: 'image/png', content: Buffer.from([1]) }],
});

describe('mergeIntoDigest', () => {
  it('says how many, one linked line each, most severe first, highest severity', () => {
    const digest = mergeIntoDigest([message(1, 'info'), message(2, 'critical'), message(3)]);
    expect(digest.title).toBe('3 条新通知');
    expect(digest.severity).toBe('critical');
    expect(digest.body.split('\n')).toEqual([
      '- [【B级】订单 taobao:2 延迟 3 天](https://console.example/incidents/2)',
      '- [【B级】订单 taobao:3 延迟 3 天](https://console.example/incidents/3)',
      '- [【B级】订单 taobao:1 延迟 3 天](https://console.example/incidents/1)',
    ]);
    expect(digest.mentionMobiles).toEqual(['13900000000', '13800000000']);
    expect(digest.attachments).toBeUndefined();
    expect(digest.link).toBeUndefined();
  });

  it('keeps titles with brackets inside the link text', () => {
    const digest = mergeIntoDigest([{ ...message(1), title: '[测试] 订单 1' }]);
    expect(digest.body).toBe('- [［测试］ 订单 1](https://console.example/incidents/1)');
  });

  it('fits hundreds of messages by whole lines, pointing to the console', () => {
    const many = Array.from({ length: 400 }, (_, i) => message(i));
    const digest = mergeIntoDigest(many, { link: 'https://console.example/outbox' });
    expect(digest.title).toBe('400 条新通知');
    expect(utf8Bytes(digest.body)).toBeLessThanOrEqual(DIGEST_MAX_BODY_BYTES);
    const lines = digest.body.split('\n');
    expect(lines.at(-1)).toBe(`${TRUNCATION_NOTICE}: https://console.example/outbox`);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^- \[【B级】订单 taobao:\d+ 延迟 3 天\]\(https:\/\/console\.example\/incidents\/\d+\)$/);
  });

  it('refuses to summarise nothing', () => {
    expect(() => mergeIntoDigest([])).toThrow(RangeError);
  });

  it('does not digest template SMS addressed to particular phones, nor messages carrying a file', () => {
    const { attachments: _none, ...plain } = message(1);
    expect(isDigestible(plain)).toBe(true);
    expect(isDigestible({ ...plain, sms: { phoneNumbers: ['13800000000'], templateParam: { name: '张三' } } })).toBe(false);
    expect(isDigestible({ ...message(1), attachments: [{ filename: 'evidence.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') }] })).toBe(false);
  });
});
