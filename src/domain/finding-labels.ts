import type { Bilingual, FindingCode } from './finding.js';

/** FINDING_LABELS name each finding code for people: incident titles, messages, the console. */
export const FINDING_LABELS: Readonly<Record<FindingCode, Bilingual>> = {
  'stock.oversold': { zh: '超卖缺货', en: 'oversold' },
  'stock.sync_stale': { zh: '库存同步中断', en: 'stock sync stale' },
  'phone.invalid': { zh: '手机号无效', en: 'invalid phone' },
  'address.unresolved': { zh: '地址无法解析', en: 'unresolved address' },
  'address.vague': { zh: '地址模糊', en: 'vague address' },
  'amount.mismatch': { zh: '金额不符', en: 'amount mismatch' },
  'amount.outlier': { zh: '金额异常', en: 'amount outlier' },
  'order.placeholder': { zh: '疑似测试/虚假订单', en: 'placeholder order' },
  'order.duplicate': { zh: '重复订单', en: 'duplicate order' },
  'stage.stalled': { zh: '环节停滞', en: 'stage stalled' },
  'promise.at_risk': { zh: '即将超时', en: 'promise at risk' },
  'promise.breached': { zh: '已超承诺时效', en: 'promise breached' },
  'logistics.exception': { zh: '物流异常', en: 'logistics exception' },
};
