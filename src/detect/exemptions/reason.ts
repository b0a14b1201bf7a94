import type { Bilingual } from '../../domain/finding.js';
import { formatShanghai, type Instant } from '../../domain/time.js';
import type { Scenario } from './phrases.js';

const SCENARIO_LABELS: Readonly<Record<Scenario, Bilingual>> = {
  presale: { zh: '预售订单', en: 'pre-sale order' },
  customer_request: { zh: '客户要求延后发货', en: 'customer asked to ship later' },
  customs: { zh: '跨境订单需清关', en: 'cross-border order awaiting customs clearance' },
  split_shipment: { zh: '大件或分批发货', en: 'bulky or multi-parcel shipment' },
  dropship: { zh: '厂家代发，等待厂家排期', en: 'supplier drop-ship waiting for its schedule' },
  custom_made: { zh: '定制商品，等待生产排期', en: 'made-to-order item waiting for production' },
  holiday_prestock: { zh: '节假日仓库停发，节后顺延', en: 'warehouse closed over the holiday' },
};

/** shortTime shows a deadline as "MM-dd HH:mm" (with the year when it is not the base deadline's year). */
function shortTime(at: Instant, base: Instant): string {
  const text = formatShanghai(at).slice(0, 16);
  return text.slice(0, 4) === formatShanghai(base).slice(0, 4) ? text.slice(5) : text;
}

/**
 * exemptionReason writes the sentence a supervisor reads: what was seen, what
 * it means and the new deadline ("买家留言“下周再发”（客户要求延后发货），发货期限顺延至 11-25 18:00").
 */
export function exemptionReason(what: Bilingual, scenario: Scenario, newDeadline: Instant, base: Instant): Bilingual {
  const label = SCENARIO_LABELS[scenario];
  const when = shortTime(newDeadline, base);
  return {
    zh: `${what.zh}（${label.zh}），发货期限顺延至 ${when}`,
    en: `${what.en} (${label.en}): ship-by deadline moved to ${when}`,
  };
}
