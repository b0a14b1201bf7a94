import type { PenaltyRule } from './penalty-rule.js';

/**
 * unknownRule stands for a platform whose official late-shipment rule
 * orderwatch could not verify (JD, Douyin shop, Pinduoduo at the time of
 * writing, docs/penalties.md): no amount is invented. A shop that knows its
 * terms sets them in the policy (`grading.penalty.rules`).
 */
export function unknownRule(channel: string, name: string): PenaltyRule {
  return {
    id: `${channel}.unknown`,
    label: { zh: `${name}延迟发货赔付：未找到官方规则，未计算（可在策略文件中配置）`, en: `${channel} late shipment: no official rule found, not computed (configure it in the policy)` },
    source: 'none verified (docs/penalties.md)',
    amount: () => undefined,
  };
}
