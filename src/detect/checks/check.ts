import type { Bilingual, Finding, FindingCode, Severity } from '../../domain/finding.js';
import type { ArrivalContext, OrderFacts } from '../facts.js';

/**
 * ArrivalCheck is one pre-shipment check of SPEC C3 (前置拦截): a pure
 * function of the order's facts and its context that returns the findings it
 * sees, never throws on odd data, and raises only the codes it declares.
 */
export interface ArrivalCheck {
  readonly name: string;
  readonly codes: readonly FindingCode[];
  run(facts: OrderFacts, context: ArrivalContext): Finding[];
}

/** FindingDraft is what a check decides; makeFinding adds the order and the time. */
export interface FindingDraft {
  readonly code: FindingCode;
  readonly key?: string;
  readonly severity: Severity;
  readonly explanation: Bilingual;
  readonly evidence: Readonly<Record<string, unknown>>;
}

/** makeFinding stamps a check's draft with the order id and `context.now`, so every check dates findings alike. */
export function makeFinding(facts: OrderFacts, context: ArrivalContext, draft: FindingDraft): Finding {
  return {
    orderId: facts.order.id,
    code: draft.code,
    key: draft.key ?? '',
    severity: draft.severity,
    detectedAt: context.now,
    explanation: draft.explanation,
    evidence: draft.evidence,
  };
}

/** clip shortens a text quoted in an explanation, so a hostile 1 MB field cannot bloat a message. */
export function clip(text: string, max = 40): string {
  if (text.length <= max) return text;
  // Slice by code points so an emoji is never cut in half.
  const chars = Array.from(text.slice(0, max * 2));
  return chars.length <= max ? text.slice(0, max * 2) : `${chars.slice(0, max).join('')}…`;
}

const NEEDS_NFKC = /[\uff00-\uffef\u3000]/;

/** foldWidth turns full-width letters, digits and spaces into ASCII (NFKC), skipping the costly normalisation when there are none. */
export function foldWidth(text: string): string {
  return NEEDS_NFKC.test(text) ? text.normalize('NFKC') : text;
}
