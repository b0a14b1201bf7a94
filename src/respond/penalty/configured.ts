import { percentOf, type PenaltyRule, type PercentRule } from './penalty-rule.js';

/** configuredRule is a late-shipment rule the shop set in its policy for a channel (its own agreement with the platform). */
export function configuredRule(channel: string, rule: PercentRule & { readonly source?: string | undefined }): PenaltyRule {
  const yuan = (fen: number): string => (fen / 100).toFixed(fen % 100 === 0 ? 0 : 2);
  return {
    id: `${channel}.configured`,
    label: {
      zh: `${channel} 延迟发货（策略配置）：实付 ${rule.percent}%，最低 ${yuan(rule.minFen)} 元，最高 ${yuan(rule.maxFen)} 元`,
      en: `${channel} late shipment (policy): ${rule.percent} % of paid, min ¥${yuan(rule.minFen)}, max ¥${yuan(rule.maxFen)}`,
    },
    source: rule.source ?? 'the policy file (grading.penalty.rules)',
    amount: (paidFen) => percentOf(rule, paidFen),
  };
}
