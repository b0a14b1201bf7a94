import type { Bilingual } from '../../domain/finding.js';
import type { Fen } from '../../domain/money.js';

/**
 * PenaltyRule is one platform's compensation rule for a late shipment: what
 * the shop owes the buyer (or the platform) when an order leaves after its
 * promised ship time. `amount` is undefined when the rule cannot say.
 */
export interface PenaltyRule {
  /** Stable id shown with the amount (`taobao.late_shipment`). */
  readonly id: string;
  readonly label: Bilingual;
  /** Where the rule comes from (docs/penalties.md cites it). */
  readonly source: string;
  amount(paidFen: Fen): Fen | undefined;
}

/** PercentRule is the common shape: a share of the order's paid amount, within a floor and a cap. */
export interface PercentRule {
  readonly percent: number;
  readonly minFen: Fen;
  readonly maxFen: Fen;
}

/** percentOf applies a PercentRule, rounded to the fen. */
export function percentOf(rule: PercentRule, paidFen: Fen): Fen {
  const raw = Math.round((paidFen * rule.percent) / 100);
  return Math.min(rule.maxFen, Math.max(rule.minFen, raw));
}
