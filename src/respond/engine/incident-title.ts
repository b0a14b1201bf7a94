import { carrierName } from '../../domain/carrier.js';
import type { Bilingual, FindingCode } from '../../domain/finding.js';
import { FINDING_LABELS } from '../../domain/finding-labels.js';
import type { IncidentScope } from '../../domain/incident.js';

/**
 * incidentTitle names an incident the way people say it: the order or the
 * shared thing (batch, SKU, warehouse, carrier, sync) and what is wrong.
 * `subject` is the part after the scope in the group key (the batch id …).
 */
export function incidentTitle(scope: IncidentScope, subject: string, code: FindingCode, orders: number, channelOrderId?: string): Bilingual {
  const what = FINDING_LABELS[code];
  switch (scope) {
    case 'order':
      return { zh: `订单 ${channelOrderId ?? subject}：${what.zh}`, en: `Order ${channelOrderId ?? subject}: ${what.en}` };
    case 'batch':
      return { zh: `批次 ${subject}：${orders} 单${what.zh}`, en: `Batch ${subject}: ${orders} orders ${what.en}` };
    case 'sku':
      return { zh: `商品 ${subject}：${orders} 单${what.zh}`, en: `SKU ${subject}: ${orders} orders ${what.en}` };
    case 'warehouse':
      return { zh: `仓库 ${subject}：${orders} 单${what.zh}`, en: `Warehouse ${subject}: ${orders} orders ${what.en}` };
    case 'carrier': {
      const name = carrierName(subject);
      return { zh: `${name.zh}：${orders} 单${what.zh}`, en: `${name.en}: ${orders} orders ${what.en}` };
    }
    case 'channel_sync':
      return { zh: `${subject.replace(/^warehouse:/, '仓库 ').replace(/^channel:/, '渠道 ')} 库存同步故障：${orders} 单受影响`, en: `Stock sync failure at ${subject}: ${orders} orders affected` };
    case 'system':
      return { zh: `系统故障：${orders} 单受影响`, en: `System failure: ${orders} orders affected` };
  }
}

/** subjectOf takes the shared thing out of a group key (`stage.stalled|batch:W-3` → `W-3`). */
export function subjectOf(groupKey: string): string {
  const bar = groupKey.indexOf('|');
  const rest = bar >= 0 ? groupKey.slice(bar + 1) : groupKey;
  const colon = rest.indexOf(':');
  return colon >= 0 ? rest.slice(colon + 1) : rest;
}
