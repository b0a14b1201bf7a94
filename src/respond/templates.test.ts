import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, TemplateError, escapeHtml, renderTemplate, smsSegments, type CustomerTemplate, type TemplateVars } from './index.js';

const vars: TemplateVars = { customer: '王先生', agent: '小刘', product: '羽绒服', reason: '仓库爆单', newDate: '11月15日', compensation: '20元优惠券' };
const delay = DEFAULT_TEMPLATES.delay as CustomerTemplate;

describe('renderTemplate', () => {
  it('renders a phone script in four labelled steps', () => {
    const script = renderTemplate(delay, vars, 'phone');
    expect(script.steps.map((s) => s.part)).toEqual(['apology', 'reason', 'remedy', 'confirmation']);
    expect(script.text).toBe(
      [
        '1. 【致歉】王先生您好，我是客服小刘。非常抱歉，您购买的羽绒服未能按时送达。',
        '2. 【说明原因】原因是：仓库爆单。',
        '3. 【解决方案】我们已安排优先处理，预计11月15日送达，并为您提供20元优惠券作为补偿。',
        '4. 【确认】请问这样安排您看可以吗？如有任何问题，请随时联系我们。',
      ].join('\n'),
    );
  });

  it('renders an SMS with its length and segments', () => {
    const sms = renderTemplate(delay, vars, 'sms');
    expect(sms.text).toBe('王先生您好，您的羽绒服因仓库爆单延迟，预计11月15日送达，已为您补偿20元优惠券，非常抱歉。');
    expect(sms).toMatchObject({ characters: 47, segments: 1 });
  });

  it('runs the four parts together for an SMS when the template has no short form', () => {
    const sms = renderTemplate(DEFAULT_TEMPLATES['wrong-shipment'] as CustomerTemplate, vars, 'sms');
    expect(sms.text.startsWith('王先生您好，我是客服小刘。非常抱歉，我们给您发错了商品（应为羽绒服）。原因是：仓库爆单。')).toBe(true);
    expect(sms.segments).toBe(Math.ceil(sms.characters / 67));
    expect(sms.segments).toBeGreaterThan(1);
  });

  it('renders an e-mail in English with the values escaped', () => {
    const mail = renderTemplate(delay, { ...vars, customer: '<script>alert(1)</script>', product: 'down jacket "XL" & hat' }, 'email', 'en');
    expect(mail.subject).toBe('We are sorry your order is late');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain('Dear &lt;script&gt;alert(1)&lt;/script&gt;, this is 小刘');
    expect(mail.html).toContain('down jacket &quot;XL&quot; &amp; hat');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text.split('\n\n')).toHaveLength(4);
    expect(mail.text).toContain('Dear <script>alert(1)</script>');
  });

  it('names every missing variable instead of sending a hole', () => {
    const { compensation: _c, newDate: _d, ...partial } = vars;
    let error: unknown;
    try {
      renderTemplate(delay, { ...partial, agent: '  ' }, 'email');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).missing).toEqual(['agent', 'newDate', 'compensation']);
    expect((error as TemplateError).message).toBe('the template needs values for: agent, newDate, compensation');
  });

  it('only asks for the variables the chosen form uses', () => {
    const comfort = DEFAULT_TEMPLATES.comfort as CustomerTemplate;
    expect(renderTemplate(comfort, { customer: '李女士', product: '茶叶', reason: '物流延误', newDate: '明天' }, 'sms').text).toBe(
      '李女士您好，您的茶叶因物流延误稍有延迟，预计明天发出，感谢耐心等待。',
    );
  });

  it('ships every template in both languages and four parts', () => {
    for (const [id, t] of Object.entries(DEFAULT_TEMPLATES)) {
      for (const lang of ['zh', 'en'] as const) expect(() => renderTemplate(t, vars, 'email', lang), `${id}/${lang}`).not.toThrow();
    }
  });
});

describe('smsSegments and escapeHtml', () => {
  it.each([
    { text: '字'.repeat(70), segments: 1 },
    { text: '字'.repeat(71), segments: 2 },
    { text: '字'.repeat(134), segments: 2 },
    { text: '字'.repeat(135), segments: 3 },
    { text: 'a'.repeat(160), segments: 1 },
    { text: 'a'.repeat(161), segments: 2 },
  ])('$text.length characters → $segments segment(s)', ({ text, segments }) => expect(smsSegments(text)).toBe(segments));

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
