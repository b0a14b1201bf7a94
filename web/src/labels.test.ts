import { describe, expect, it } from 'vitest';
import { anyLabel, carrierLabel, label, levelLabel, RULES } from './labels';

describe('codes in words', () => {
  it('names one carrier one way whatever code a channel used', () => {
    for (const code of ['1499', 'ZTO', 'zhongtong', '快递 1499']) expect(carrierLabel(code, 'zh')).toBe('中通快递');
    expect(carrierLabel('SF', 'en')).toBe('SF Express');
    expect(carrierLabel(undefined, 'zh')).toBe('快递');
    expect(carrierLabel('unknown-co', 'zh')).toBe('unknown-co');
  });

  it('names levels, rules and the codes the issue found raw in the UI', () => {
    expect(levelLabel(1, 'zh')).toBe('一级');
    expect(levelLabel('level-3', 'en')).toBe('Level 3');
    expect(label(RULES, 'high-value-late', 'zh')).toContain('高价值');
    expect(anyLabel('acknowledge', 'zh')).toBe('响应（认领）');
    expect(anyLabel('pickup_failed', 'zh')).toBe('揽收失败');
    expect(anyLabel('courier_delay', 'zh')).toBe('快递延误');
    expect(anyLabel('level-1', 'zh')).toBe('一级');
  });
});
