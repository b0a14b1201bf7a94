import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, domesticSmsSegments, renderScript, type CustomerTemplate } from './index.js';

describe('renderScript', () => {
  it.each(Object.keys(DEFAULT_TEMPLATES))('renders the shipped "%s" template with no values at all, every value a visible placeholder', (name) => {
    const script = renderScript(name, DEFAULT_TEMPLATES[name] as CustomerTemplate, {});
    expect(script.missing.length).toBeGreaterThan(0);
    expect(script.phone.text).not.toContain('{{');
    expect(script.sms.text).not.toContain('{{');
    expect(script.phone.text).toContain('【客户称呼】');
  });

  it('shows only the missing values as placeholders, and lists them', () => {
    const script = renderScript('delay', DEFAULT_TEMPLATES.delay as CustomerTemplate, { customer: '王先生', agent: '小刘', product: '羽绒服', reason: '仓库爆单', newDate: '11月15日' });
    expect(script.missing).toEqual(['compensation']);
    expect(script.phone.steps[2]?.text).toBe('我们已安排优先处理，预计11月15日送达，并为您提供【补偿金额】作为补偿。');
    expect(script.sms.text).toBe('王先生您好，您的羽绒服因仓库爆单延迟，预计11月15日送达，已为您补偿【补偿金额】，非常抱歉。');
  });

  it('uses English placeholders in English', () => {
    const script = renderScript('delay', DEFAULT_TEMPLATES.delay as CustomerTemplate, {}, 'en');
    expect(script.sms.text).toContain('[compensation]');
    expect(script.email.subject).toBe('We are sorry your order is late');
  });

  it('counts the SMS as it arrives: the signature with its 【】 included', () => {
    const vars = { customer: '王先生', agent: '小刘', product: '羽绒服', reason: '仓库爆单', newDate: '11月15日', compensation: '20元优惠券' };
    const bare = renderScript('delay', DEFAULT_TEMPLATES.delay as CustomerTemplate, vars);
    const signed = renderScript('delay', DEFAULT_TEMPLATES.delay as CustomerTemplate, vars, 'zh', '小店旗舰店');
    expect(bare.chars).toBe(47);
    expect(signed.chars).toBe(47 + 7);
    expect(signed.sms.signatureChars).toBe(7);
  });
});

describe('domesticSmsSegments', () => {
  it.each([
    [1, 1],
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
    [160, 3],
  ])('bills %i characters as %i messages (70 in one, 67 a segment beyond)', (chars, segments) => {
    expect(domesticSmsSegments(chars)).toBe(segments);
  });
});
