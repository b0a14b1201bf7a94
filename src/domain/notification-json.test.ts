import { describe, expect, it } from 'vitest';
import type { NotificationMessage } from './notification.js';
import { messageFromJson, messageToJson } from './notification-json.js';

describe('message JSON', () => {
  it('survives a JSON round trip, attachments included', () => {
    const message: NotificationMessage = {
      title: '【A级】订单 taobao:123 延迟 5 天',
      body: '**VIP** 客户',
      severity: 'critical',
      link: 'https://console.example/i/1',
      mentionMobiles: ['13800000000'],
      sms: { phoneNumbers: ['13800000000'], templateParam: { name: '张三' } },
      attachments: [{ filename: '截图.png', contentType: 'image/png', content: Buffer.from([0, 255, 1, 2]) }],
    };
    const back = messageFromJson(JSON.parse(JSON.stringify(messageToJson(message))));
    expect(back).toEqual({ ok: true, message });
  });

  const bad: [string, unknown, string][] = [
    ['not an object', 'x', 'message: expected an object'],
    ['no title', { body: '', severity: 'info' }, 'message.title: expected a string'],
    ['unknown severity', { title: 't', body: '', severity: 'fatal' }, 'message.severity: expected one of info, warning, critical'],
    ['bad mobiles', { title: 't', body: '', severity: 'info', mentionMobiles: [1] }, 'message.mentionMobiles: expected a list of strings'],
    ['bad template', { title: 't', body: '', severity: 'info', sms: { phoneNumbers: [], templateParam: { a: 1 } } }, 'message.sms.templateParam: expected an object of strings'],
    ['bad attachment', { title: 't', body: '', severity: 'info', attachments: [{ filename: 'a' }] }, 'message.attachments[0]: expected {filename, contentType, contentBase64} strings'],
  ];
  for (const [name, value, error] of bad) {
    it(`names the bad field: ${name}`, () => {
      expect(messageFromJson(value)).toEqual({ ok: false, error });
    });
  }
});
