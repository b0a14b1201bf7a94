import { describe, expect, it } from 'vitest';
import { reasonInWords } from './incident-sections.js';

describe('reasonInWords', () => {
  it('says the role an escalation went to in words, and keeps only the Chinese half', () => {
    expect(reasonInWords('响应超时未确认，升级至 executive / not acknowledged in time')).toBe('响应超时未确认，升级至 副总');
    expect(reasonInWords('升级至 ops_manager')).toBe('升级至 运营经理');
  });

  it('leaves words that only contain a role code alone', () => {
    expect(reasonInWords('agents 已联系 supervisory 团队')).toBe('agents 已联系 supervisory 团队');
  });
});
