import { describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../../domain/notification.js';
import { dingtalkPayload } from '../dingtalk/dingtalk-payload.js';
import { emailContent } from '../email/email-content.js';
import { feishuPayload } from '../feishu/feishu-card.js';
import { WECOM_MARKDOWN_MAX_BYTES, wecomPayload } from '../wecom/wecom-payload.js';


const ACTIONS = [
  { label: '认领', url: 'https://ow.example.com/a?t=ack.sig' },
  { label: '暂停提醒', url: 'https://ow.example.com/a?t=pause.sig' },
  { label: '查看', url: 'https://ow.example.com/a?t=view.sig' },
];
const message: NotificationMessage = {
  title: '【新事件】【A级】订单 1001：环节停滞',
  body: '**订单 1001：环节停滞**\n- 事件编号：INC-1\n- 等级：A 级 · 1 级响应',
  severity: 'critical',
  link: 'https://ow.example.com/#/incidents/INC-1',
  actions: ACTIONS,
};

describe('one-click actions as each platform shows them', () => {
  it('DingTalk: an independent-jump actionCard, one button per action side by side (title/text/btnOrientation/btns[title, actionURL])', () => {
    const payload = dingtalkPayload(message, { type: 'dingtalk', name: 'ops', url: 'https://oapi.dingtalk.com/robot/send?access_token=x' });
    expect(payload.msgtype).toBe('actionCard');
    const card = (payload as { actionCard: Record<string, unknown> }).actionCard;
    expect(Object.keys(card).sort()).toEqual(['btnOrientation', 'btns', 'text', 'title']);
    expect(card.btnOrientation).toBe('1');
    expect(card.btns).toEqual(ACTIONS.map((a) => ({ title: a.label, actionURL: a.url })));
    expect(card.text).toContain('INC-1');
  });

  it('DingTalk: when someone must be @-ed, markdown with the actions as links (a card cannot mention)', () => {
    const payload = dingtalkPayload({ ...message, mentionMobiles: ['13800000000'] }, { type: 'dingtalk', name: 'ops', url: 'https://oapi.dingtalk.com/robot/send?access_token=x' });
    expect(payload.msgtype).toBe('markdown');
    const text = (payload as { markdown: { text: string } }).markdown.text;
    expect(text).toContain('[认领](https://ow.example.com/a?t=ack.sig) · [暂停提醒](https://ow.example.com/a?t=pause.sig) · [查看](https://ow.example.com/a?t=view.sig)');
    expect(text.endsWith('@13800000000')).toBe(true);
  });

  it('Feishu: interactive card whose action element holds one button per action, 认领 primary', () => {
    const payload = feishuPayload(message, { type: 'feishu', name: 'ops', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x' });
    expect(payload.msg_type).toBe('interactive');
    const action = payload.card.elements.find((e) => (e as { tag: string }).tag === 'action') as { actions: unknown[] };
    expect(action.actions).toEqual(ACTIONS.map((a, i) => ({ tag: 'button', text: { tag: 'plain_text', content: a.label }, type: i === 0 ? 'primary' : 'default', url: a.url })));
  });

  it('WeCom: markdown links after the text, kept whole when a long message is cut', () => {
    const payload = wecomPayload(message, { type: 'wecom', name: 'ops', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' });
    expect(payload.msgtype).toBe('markdown');
    const content = (payload as { markdown: { content: string } }).markdown.content;
    expect(content.endsWith('[认领](https://ow.example.com/a?t=ack.sig) · [暂停提醒](https://ow.example.com/a?t=pause.sig) · [查看](https://ow.example.com/a?t=view.sig)')).toBe(true);
    const long = wecomPayload({ ...message, body: '很长的说明。'.repeat(2000) }, { type: 'wecom', name: 'ops', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' });
    const longContent = (long as { markdown: { content: string } }).markdown.content;
    expect(Buffer.byteLength(longContent)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(longContent).toContain('[查看](https://ow.example.com/a?t=view.sig)');
  });

  it('E-mail: the actions as links in both parts', () => {
    const mail = emailContent(message);
    expect(mail.text).toContain('认领: https://ow.example.com/a?t=ack.sig');
    expect(mail.html).toContain('href="https://ow.example.com/a?t=pause.sig"');
  });
});
