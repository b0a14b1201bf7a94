import { carrierName } from '../../domain/carrier.js';
import type { Bilingual, FindingCode } from '../../domain/finding.js';
import { FINDING_LABELS } from '../../domain/finding-labels.js';
import type { IncidentScope } from '../../domain/incident.js';

/**
 * incidentTitle names an incident the way people say it: the order or the
 * shared thing (batch, SKU, warehouse, carrier, sync) and what is wrong.
 * `subject` is the part after the scope in the group key (the batch id …).
 * `codes` are the incident's distinct finding codes: with one, every order
 * has that problem ("8 单已超承诺时效"); with several, the title names them
 * without claiming any for all ("8 单异常（已超承诺时效、环节停滞）") — the
 * per-code counts are the members', which grouping never reads.
 */
export function incidentTitle(scope: IncidentScope, subject: string, codes: readonly FindingCode[], orders: number, channelOrderId?: string): Bilingual {
  const named = [...new Set(codes)].map((c) => FINDING_LABELS[c]);
  const what: Bilingual =
    named.length === 1 ? named[0]! : { zh: `异常（${named.map((n) => n.zh).join('、')}）`, en: `with problems (${named.map((n) => n.en).join(', ')})` };
  const one = named.length === 1 ? what : { zh: named.map((n) => n.zh).join('、'), en: named.map((n) => n.en).join(', ') };
  switch (scope) {
    case 'order':
      return { zh: `订单 ${channelOrderId ?? subject}：${one.zh}`, en: `Order ${channelOrderId ?? subject}: ${one.en}` };
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
