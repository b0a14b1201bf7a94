import type { OrderId } from './order.js';
import type { Instant } from './time.js';

/** FINDING_CODES are the stable finding codes of SPEC "Contracts"; they keep their meaning. */
export const FINDING_CODES = [
  'stock.oversold',
  'stock.sync_stale',
  'phone.invalid',
  'address.unresolved',
  'address.vague',
  'amount.mismatch',
  'amount.outlier',
  'order.placeholder',
  'order.duplicate',
  'stage.stalled',
  'promise.at_risk',
  'promise.breached',
  'logistics.exception',
] as const;

/** FindingCode names what is wrong with an order. */
export type FindingCode = (typeof FINDING_CODES)[number];

/** EXEMPTION_CODES are the six legitimate-delay scenarios (SPEC C5). */
export const EXEMPTION_CODES = [
  'exempt.presale',
  'exempt.customer_request',
  'exempt.holiday_prestock',
  'exempt.customs',
  'exempt.split_shipment',
  'exempt.dropship',
] as const;

/** ExemptionCode names why an order may legitimately be later than usual. */
export type ExemptionCode = (typeof EXEMPTION_CODES)[number];

/** Severity is how urgent a finding is before grading (the response engine grades it). */
export type Severity = 'info' | 'warning' | 'critical';

/** Bilingual is a text people read, in Simplified Chinese and English. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/**
 * Threshold is the deadline a time-based finding was judged against and how
 * it was derived, so every alert can show its reasoning ("P90 of 412 similar
 * orders (fresh × 浙江省 × taobao), 6.2 h + 2 h regional buffer").
 */
export interface Threshold {
  /** The allowed duration, in hours. */
  readonly hours: number;
  /** When the allowance runs out. */
  readonly deadline: Instant;
  /** The policy that produced it (e.g. `quantile`, `seed-formula`, `fixed`, `platform-promise`). */
  readonly policy: string;
  /** The segment whose history it came from (e.g. `fresh/浙江省/taobao`, or `global`). */
  readonly segment: string;
  /** Orders in that segment's history. */
  readonly sampleSize?: number;
  /** The threshold table version it came from. */
  readonly version?: number;
  /** How it was derived, for people. */
  readonly derivation: Bilingual;
}

/**
 * Finding is one thing wrong (or about to go wrong) with one order, as judged
 * at `detectedAt`. `key` separates several findings of one code on one order
 * (e.g. two oversold SKUs); re-judging never duplicates a finding.
 */
export interface Finding {
  readonly orderId: OrderId;
  readonly code: FindingCode;
  readonly key: string;
  readonly severity: Severity;
  readonly detectedAt: Instant;
  readonly explanation: Bilingual;
  /** The facts the check used, by name (values are plain JSON). */
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly threshold?: Threshold;
}

/**
 * Exemption records why an order's deadline moved instead of raising an
 * alarm: the scenario, what matched (a tag, a note phrase, a pre-sale marker,
 * a SKU attribute) and the new deadline it is still watched against.
 */
export interface Exemption {
  readonly orderId: OrderId;
  readonly code: ExemptionCode;
  readonly reason: Bilingual;
  /** Where it was recognised: `tag`, `buyer_note`, `seller_note`, `order_note`, `presale`, `sku_attribute`, `calendar`. */
  readonly source: string;
  /** The text or marker that matched. */
  readonly matched: string;
  /** The moved deadline: the order is watched against it. */
  readonly newDeadline: Instant;
}

/** findingIdentity is the identity a finding keeps across re-judgements. */
export function findingIdentity(f: Pick<Finding, 'orderId' | 'code' | 'key'>): string {
  return `${f.orderId}|${f.code}|${f.key}`;
}
