import type { Finding } from '../../domain/finding.js';
import { formatMoney } from '../../domain/currency.js';
import { formatYuan, type Fen } from '../../domain/money.js';
import type { OrderItem } from '../../domain/order.js';
import type { PriceStats } from '../facts.js';
import { clip, makeFinding, type ArrivalCheck } from './check.js';

/**
 * priceStats summarises unit prices robustly: the median and the median
 * absolute deviation (MAD), both rounded to whole fen; non-finite prices are
 * ignored and an empty list gives zeros with `samples: 0`.
 */
export function priceStats(prices: readonly number[]): PriceStats {
  const values = Float64Array.from(prices.filter((p) => Number.isFinite(p)));
  if (values.length === 0) return { median: 0, mad: 0, samples: 0 };
  values.sort();
  const median = medianOfSorted(values);
  const deviations = values.map((v) => Math.abs(v - median)).sort();
  return { median: Math.round(median), mad: Math.round(medianOfSorted(deviations)), samples: values.length };
}

function medianOfSorted(values: Float64Array): number {
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** AmountProblem is one inconsistency between what the buyer paid and what the order says. */
type AmountProblem = 'not_paid' | 'total_mismatch' | 'lines_mismatch' | 'items_total_mismatch';

/**
 * amountCheck raises `amount.mismatch` when the payment does not add up
 * (paid vs items + shipping − discount, zero or negative payment, line
 * payments vs the order, the items' own prices vs the stated total) and
 * `amount.outlier` (key = SKU) when a unit price is far from what the SKU (or
 * its category) usually sells at, by both MADs and a ratio, so that neither a
 * tight price history nor a cheap item alone raises it. Unpaid orders and
 * staged pre-sales are not judged on payment: only the deposit is paid yet.
 */
export const amountCheck: ArrivalCheck = {
  name: 'amount',
  codes: ['amount.mismatch', 'amount.outlier'],
  run(facts, context) {
    const findings: Finding[] = [];
    const mismatch = amountMismatch(facts, context.settings.amountToleranceFen);
    if (mismatch) findings.push(makeFinding(facts, context, mismatch));
    const seen = new Set<string>();
    // Price history is kept in fen of whatever currency sold: only a CNY order compares with it.
    const comparable = (facts.order.currency ?? 'CNY') === 'CNY';
    for (const item of comparable ? facts.order.items ?? [] : []) {
      if (seen.has(item.sku)) continue;
      const outlier = priceOutlier(item, context);
      if (!outlier) continue;
      seen.add(item.sku);
      findings.push(makeFinding(facts, context, outlier));
    }
    return findings;
  },
};

function amountMismatch(facts: Parameters<ArrivalCheck['run']>[0], tolerance: Fen) {
  const o = facts.order;
  if (o.stage === 'pending_payment' || o.stage === 'cancelled') return undefined;
  // A partial answer without the payment (JD's optional_fields) or the lines has nothing to compare.
  if (o.incomplete?.includes('payment') || o.incomplete?.includes('items')) return undefined;
  const items = o.items ?? [];
  const tax = o.taxFen ?? 0;
  const expected = o.itemsTotalFen + o.shippingFen + tax - o.discountFen;
  const money = (fen: Fen): string => formatMoney(fen, o.currency);
  const computedItems = items.reduce((sum, i) => sum + i.unitPriceFen * i.quantity, 0);
  const problems: AmountProblem[] = [];
  const staged = o.presale !== undefined && o.presale.kind !== 'full_payment';
  // Nothing paid for priced goods is the placeholder check's signal (a slot
  // held with a zero order); one cause, one finding. A negative payment is
  // broken arithmetic and stays here.
  if (o.paidFen === 0 && (o.itemsTotalFen > 0 || computedItems > 0)) return undefined;
  if (o.paidFen < 0 && (o.itemsTotalFen > 0 || computedItems > 0)) problems.push('not_paid');
  else if (!staged && Math.abs(o.paidFen - expected) > tolerance) problems.push('total_mismatch');
  if (items.length > 0 && Math.abs(computedItems - o.itemsTotalFen) > tolerance * items.length) problems.push('items_total_mismatch');
  let linesPaid: Fen | undefined;
  if (!staged && items.length > 0 && items.every((i) => typeof i.paidFen === 'number')) {
    linesPaid = items.reduce((sum, i) => sum + (i.paidFen ?? 0), 0);
    // Channels differ on whether line payments carry the shipping fee (and the tax): any reading is consistent.
    const slack = tolerance * items.length;
    const ok = [0, o.shippingFen, tax, o.shippingFen + tax].some((extra) => Math.abs(linesPaid! + extra - o.paidFen) <= slack);
    if (!ok) problems.push('lines_mismatch');
  }
  const first = problems[0];
  if (!first) return undefined;
  const evidence = {
    problems,
    paidFen: o.paidFen,
    expectedFen: expected,
    differenceFen: o.paidFen - expected,
    itemsTotalFen: o.itemsTotalFen,
    computedItemsTotalFen: computedItems,
    shippingFen: o.shippingFen,
    discountFen: o.discountFen,
    ...(tax !== 0 ? { taxFen: tax } : {}),
    currency: o.currency ?? 'CNY',
    ...(linesPaid === undefined ? {} : { linesPaidFen: linesPaid }),
  };
  const taxZh = tax !== 0 ? ` + 税 ${formatYuan(tax)}` : '';
  const taxEn = tax !== 0 ? ` + tax ${formatYuan(tax)}` : '';
  const texts = {
    not_paid: {
      zh: `订单实付 ${money(o.paidFen)}，但商品金额 ${money(Math.max(o.itemsTotalFen, computedItems))}，未收到货款`,
      en: `The order paid ${money(o.paidFen)} for items worth ${money(Math.max(o.itemsTotalFen, computedItems))}; no payment was received`,
    },
    total_mismatch: {
      zh: `实付 ${money(o.paidFen)} 与应付 ${money(expected)}（商品 ${formatYuan(o.itemsTotalFen)} + 运费 ${formatYuan(o.shippingFen)}${taxZh} − 优惠 ${formatYuan(o.discountFen)}）不符`,
      en: `Paid ${money(o.paidFen)} differs from the ${money(expected)} due (items ${formatYuan(o.itemsTotalFen)} + shipping ${formatYuan(o.shippingFen)}${taxEn} − discount ${formatYuan(o.discountFen)})`,
    },
    items_total_mismatch: {
      zh: `商品单价×数量合计 ${money(computedItems)} 与订单商品金额 ${money(o.itemsTotalFen)} 不符`,
      en: `Unit prices × quantities add up to ${money(computedItems)}, not the order's items total ${money(o.itemsTotalFen)}`,
    },
    lines_mismatch: {
      zh: `各商品行实付合计 ${money(linesPaid ?? 0)} 与订单实付 ${money(o.paidFen)} 不符`,
      en: `The lines' payments add up to ${money(linesPaid ?? 0)}, not the order's ${money(o.paidFen)}`,
    },
  };
  return { code: 'amount.mismatch' as const, severity: first === 'not_paid' ? ('critical' as const) : ('warning' as const), explanation: texts[first], evidence };
}

function priceOutlier(item: OrderItem, context: Parameters<ArrivalCheck['run']>[1]) {
  const s = context.settings;
  // Gifts (赠品) sell at 0: a price of nothing is a promotion, not an outlier.
  if (!(item.unitPriceFen > 0)) return undefined;
  const bySku = context.priceBySku.get(item.sku);
  const byCategory = item.category === undefined ? undefined : context.priceByCategory.get(item.category);
  const useSku = bySku !== undefined && bySku.samples >= s.outlierMinSamples;
  const stats = useSku ? bySku : byCategory;
  if (!stats || stats.samples < s.outlierMinSamples || !(stats.median > 0)) return undefined;
  const price = item.unitPriceFen;
  const scale = Math.max(stats.mad, stats.median * 0.01);
  const ratio = price >= stats.median ? price / stats.median : stats.median / price;
  if (!(Math.abs(price - stats.median) > s.outlierMads * scale && ratio >= s.outlierFactor)) return undefined;
  const high = price > stats.median;
  const basis = useSku ? 'sku' : 'category';
  const name = clip(item.title ?? item.sku, 30);
  const r = Math.round(ratio * 10) / 10;
  return {
    code: 'amount.outlier' as const,
    key: item.sku,
    severity: 'warning' as const,
    explanation: {
      zh: `商品「${name}」单价 ¥${formatYuan(price)}，是${basis === 'sku' ? '该商品' : '同类商品'}常见价格 ¥${formatYuan(stats.median)} 的${high ? `${r}倍` : `${r}分之一`}，可能标价或改价错误`,
      en: `"${name}" sold at ¥${formatYuan(price)}, ${r}× ${high ? 'above' : 'below'} its usual ¥${formatYuan(stats.median)} (${basis} median); the price may be wrong`,
    },
    evidence: { sku: item.sku, basis, ...(basis === 'category' ? { category: item.category } : {}), price, median: stats.median, mad: stats.mad, samples: stats.samples, ratio: r, direction: high ? 'high' : 'low' },
  };
}
