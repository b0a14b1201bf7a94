import type { Finding } from '../../domain/finding.js';
import type { ArrivalContext, OrderFacts } from '../facts.js';
import { addressCheck } from './address.js';
import { amountCheck } from './amount.js';
import type { ArrivalCheck } from './check.js';
import { duplicateCheck } from './duplicate.js';
import { phoneCheck } from './phone.js';
import { placeholderCheck } from './placeholder.js';
import { stockCheck } from './stock.js';

export type { ArrivalCheck } from './check.js';
export { priceStats } from './amount.js';
export { resolveDivisions, type DivisionResolution } from './divisions.js';
export { phoneVerdict } from './phone.js';
export { vagueDetail } from './address.js';

/** ARRIVAL_CHECKS are the checks of SPEC C3 (前置拦截), in the order their findings are listed. */
export const ARRIVAL_CHECKS: readonly ArrivalCheck[] = [stockCheck, phoneCheck, addressCheck, amountCheck, placeholderCheck, duplicateCheck];

/** testAddressFlagged says whether a placeholder finding names the address detail as a test address. */
function testAddressFlagged(findings: readonly Finding[]): boolean {
  return findings.some((f) => {
    if (f.code !== 'order.placeholder') return false;
    const signals = (f.evidence as { signals?: unknown }).signals;
    return Array.isArray(signals) && signals.some((s: { signal?: unknown }) => s.signal === 'test_address');
  });
}

/**
 * runArrivalChecks runs every arrival check on one order and returns their
 * findings in ARRIVAL_CHECKS order. Checks never throw on odd data (their
 * tests feed them empty, huge and hostile fields), so nothing is caught here:
 * an exception would be a bug to see, not a verdict to swallow. One cause,
 * one finding: a detail that the placeholder check recognised as a test
 * address ("测试地址") is that finding's, not also a vague address.
 */
export function runArrivalChecks(facts: OrderFacts, context: ArrivalContext): Finding[] {
  const findings: Finding[] = [];
  for (const check of ARRIVAL_CHECKS) findings.push(...check.run(facts, context));
  return testAddressFlagged(findings) ? findings.filter((f) => f.code !== 'address.vague') : findings;
}
