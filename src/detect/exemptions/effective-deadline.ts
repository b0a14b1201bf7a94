import type { Exemption } from '../../domain/finding.js';
import type { Instant } from '../../domain/time.js';

/**
 * effectiveDeadline is the deadline an order is watched against: the latest of
 * its exemptions' new deadlines, never earlier than the base (an exemption
 * only ever grants time).
 */
export function effectiveDeadline(base: Instant, exemptions: readonly Exemption[]): Instant {
  let deadline = base;
  for (const e of exemptions) if (e.newDeadline > deadline) deadline = e.newDeadline;
  return deadline;
}
