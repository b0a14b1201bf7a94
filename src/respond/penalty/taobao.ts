import { percentOf, type PenaltyRule } from './penalty-rule.js';

/**
 * TAOBAO_LATE_SHIPMENT: on Taobao / Tmall a seller who ships after the
 * promised time pays the buyer 5 % of the order's paid amount, at least ¥5 and
 * at most ¥30 (paid as Tmall points / a coupon). Source: the figures of issue
 * 14 and the Taobao rule on delayed shipment (淘宝《发货管理规范》延迟发货);
 * docs/penalties.md says what was and was not verified.
 */
export const TAOBAO_LATE_SHIPMENT: PenaltyRule = {
  id: 'taobao.late_shipment',
  label: { zh: '淘宝/天猫延迟发货：实付 5%，最低 5 元，最高 30 元', en: 'Taobao/Tmall late shipment: 5 % of paid, min ¥5, max ¥30' },
  source: '淘宝《发货管理规范》延迟发货违约金 (Taobao shipping rules, late shipment)',
  amount: (paidFen) => percentOf({ percent: 5, minFen: 500, maxFen: 3000 }, paidFen),
};
