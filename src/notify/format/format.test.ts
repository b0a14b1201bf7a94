import { describe, expect, it } from 'vitest';
import { toHtml } from './html.js';
import { parseInline } from './inline.js';
import { toPlainText } from './plain-text.js';

const BODY = [
  '**订单** taobao:123 已超时 **5 天**',
  '- 客户: VIP 张三',
  '- [物流轨迹](https://console.example/orders/123#track)',
  '请在 30 分钟内联系客户',
].join('\n');

describe('markdown-ish body', () => {
  it('parses bold and links, leaving stray markup as text', () => {
    expect(parseInline('a **b** [c](https://d.example) e ** [x](no space)')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'bold', text: 'b' },
      { kind: 'text', text: ' ' },
      { kind: 'link', text: 'c', url: 'https://d.example' },
      { kind: 'text', text: ' e ** [x](no space)' },
    ]);
  });

  it('renders plain text that keeps link addresses', () => {
    expect(toPlainText(BODY)).toBe(
      ['订单 taobao:123 已超时 5 天', '- 客户: VIP 张三', '- 物流轨迹 (https://console.example/orders/123#track)', '请在 30 分钟内联系客户'].join('\n'),
    );
  });

  it('renders HTML with lists, bold and links', () => {
    expect(toHtml(BODY)).toBe(
      [
        '<p><strong>订单</strong> taobao:123 已超时 <strong>5 天</strong></p>',
        '<ul>',
        '<li>客户: VIP 张三</li>',
        '<li><a href="https://console.example/orders/123#track">物流轨迹</a></li>',
        '</ul>',
        '<p>请在 30 分钟内联系客户</p>',
      ].join('\n'),
    );
  });

  it('escapes HTML and refuses script links from order notes', () => {
    const html = toHtml('买家留言: <script>alert(1)</script> [点我](javascript:alert(1))');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('&#60;script&#62;');
  });
});
