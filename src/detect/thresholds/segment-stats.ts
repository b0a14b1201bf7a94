import type { ThresholdTable } from './calibrate.js';
import type { DurationStats } from './duration-stats.js';
import type { SegmentAttributes } from './order-timeline.js';
import { segmentKey } from './segments.js';
import type { StageSpan } from './stage-span.js';

/** SegmentMatch is the segment whose statistics a lookup used, and what it fell back from. */
export interface SegmentMatch {
  readonly key: string;
  readonly stats: DurationStats;
  /** The more specific segment that had too few samples, if any. */
  readonly fellBackFrom?: { readonly key: string; readonly count: number };
}

/**
 * findSegmentStats walks the span's hierarchy, most specific first, and
 * returns the first segment of the order with at least `minSamples` orders;
 * the global segment is used with however many it has. Undefined when the
 * table has no history of the span at all.
 */
export function findSegmentStats(table: ThresholdTable, attributes: SegmentAttributes, span: StageSpan): SegmentMatch | undefined {
  const bySegment = table.stats[span];
  let fellBackFrom: SegmentMatch['fellBackFrom'];
  const levels = table.hierarchies[span];
  for (let i = 0; i < levels.length; i += 1) {
    const level = levels[i]!;
    const key = segmentKey(attributes, level);
    if (key === undefined) continue;
    const stats = bySegment[key];
    const isGlobal = level.length === 0;
    if (stats && (stats.count >= table.minSamples || isGlobal)) return { key, stats, ...(fellBackFrom ? { fellBackFrom } : {}) };
    fellBackFrom ??= { key, count: stats?.count ?? 0 };
  }
  return undefined;
}
