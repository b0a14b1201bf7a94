import { describe, expect, it } from 'vitest';
import { missingVariables, PLACEHOLDER, placeholder, smsSize } from './script';

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

describe('placeholders', () => {
  it('reads the missing values out of the server refusal', () => {
    expect(missingVariables('the template needs values for: compensation (pass them in vars)')).toEqual(['compensation']);
    expect(missingVariables('the template needs values for: compensation, newDate (pass them in vars)')).toEqual(['compensation', 'newDate']);
    expect(missingVariables('no incident X')).toEqual([]);
  });

  it('shows a value nobody has yet as a visible placeholder the marker finds', () => {
    expect(placeholder('compensation', 'zh')).toBe('【补偿金额】');
    expect(placeholder('compensation', 'en')).toBe('[compensation]');
    expect(placeholder('somethingElse', 'zh')).toBe('【somethingElse】');
    expect('我们将为您补偿【补偿金额】，并于[new date]前发出'.match(PLACEHOLDER)).toEqual(['【补偿金额】', '[new date]']);
  });
});
