import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, isFalseAlarm, rootCauseProblem, subCausesOf } from './index.js';

describe('root causes', () => {
  it('ships sub-causes for every class', () => {
    expect(subCausesOf(DEFAULT_POLICY, 'system').map((s) => s.zh)).toEqual(expect.arrayContaining(['库存同步失败', 'ERP故障', '规则误报']));
    expect(subCausesOf(DEFAULT_POLICY, 'human').map((s) => s.zh)).toEqual(expect.arrayContaining(['拣货错误', '漏发', '客服未跟进']));
    expect(subCausesOf(DEFAULT_POLICY, 'external').map((s) => s.zh)).toEqual(expect.arrayContaining(['快递延误', '天气', '供应商缺货', '平台故障']));
    expect(subCausesOf(DEFAULT_POLICY, 'not_abnormal').length).toBeGreaterThan(0);
  });

  it.each([
    { cause: { class: 'not_abnormal', subCause: 'legitimate_delay' }, falseAlarm: true },
    { cause: { class: 'system', subCause: 'rule_false_positive' }, falseAlarm: true },
    { cause: { class: 'system', subCause: 'erp_failure' }, falseAlarm: false },
    { cause: { class: 'external', subCause: 'courier_delay' }, falseAlarm: false },
  ] as const)('$cause.class/$cause.subCause is a false alarm: $falseAlarm', ({ cause, falseAlarm }) => {
    expect(isFalseAlarm(DEFAULT_POLICY, cause)).toBe(falseAlarm);
    expect(rootCauseProblem(DEFAULT_POLICY, cause)).toBeUndefined();
  });

  it('says what is wrong with an unknown class', () => {
    expect(rootCauseProblem(DEFAULT_POLICY, { class: 'cosmic' as 'system', subCause: 'x' })?.en).toBe('unknown root cause class "cosmic" (expected system, human, external, not_abnormal)');
  });
});
