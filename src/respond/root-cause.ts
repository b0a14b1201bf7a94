import type { SubCause } from '../config/policy/root-causes-schema.js';
import { ROOT_CAUSE_CLASSES, type RootCauseClass } from '../config/policy/policy-vocabulary.js';
import type { Bilingual } from '../domain/finding.js';
import type { RootCause } from '../domain/incident.js';
import type { ResponsePolicy } from './policy.js';

/** RootCause (the domain's) is what an incident closes with: a class, a sub-cause id of that class, and a free note. */
export { ROOT_CAUSE_CLASSES, type RootCause, type RootCauseClass, type SubCause };

type RootCausePolicy = Pick<ResponsePolicy, 'rootCauses'>;

/** ROOT_CAUSE_CLASS_LABELS name the classes for people. */
export const ROOT_CAUSE_CLASS_LABELS: Readonly<Record<RootCauseClass, Bilingual>> = {
  system: { zh: '系统原因', en: 'system' },
  human: { zh: '人为原因', en: 'human' },
  external: { zh: '外部原因', en: 'external' },
  not_abnormal: { zh: '非异常（误报）', en: 'not abnormal (false alarm)' },
};

/** subCausesOf lists the sub-causes a class may close with. */
export function subCausesOf(policy: RootCausePolicy, cls: RootCauseClass): readonly SubCause[] {
  return cls === 'not_abnormal' ? policy.rootCauses.notAbnormal : policy.rootCauses[cls];
}

/** rootCauseProblem says what is wrong with a root cause (unknown class or a sub-cause not of its class), or undefined when it is sound. */
export function rootCauseProblem(policy: RootCausePolicy, rootCause: RootCause): Bilingual | undefined {
  if (!(ROOT_CAUSE_CLASSES as readonly string[]).includes(rootCause.class)) {
    return { zh: `未知的根因类别"${rootCause.class}"`, en: `unknown root cause class "${rootCause.class}" (expected ${ROOT_CAUSE_CLASSES.join(', ')})` };
  }
  const subs = subCausesOf(policy, rootCause.class);
  if (!subs.some((s) => s.id === rootCause.subCause)) {
    return {
      zh: `"${rootCause.subCause}"不是${ROOT_CAUSE_CLASS_LABELS[rootCause.class].zh}的子原因（可选：${subs.map((s) => s.zh).join('、')}）`,
      en: `"${rootCause.subCause}" is not a sub-cause of ${rootCause.class} (expected one of ${subs.map((s) => s.id).join(', ')})`,
    };
  }
  return undefined;
}

/**
 * isFalseAlarm tells whether an incident closed with this root cause counts
 * as a false alarm in the KPIs: every `not_abnormal` cause, and the
 * sub-causes listed in `rootCauses.falseAlarm` (by default the misfiring
 * rule, which is also a system fault to fix).
 */
export function isFalseAlarm(policy: RootCausePolicy, rootCause: RootCause): boolean {
  return rootCause.class === 'not_abnormal' || policy.rootCauses.falseAlarm.includes(rootCause.subCause);
}
