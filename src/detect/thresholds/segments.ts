import type { SegmentAttributes, SegmentDimension } from './order-timeline.js';
import type { StageSpan } from './stage-span.js';

/**
 * SegmentHierarchy lists, most specific first, the dimension combinations a
 * span's thresholds are looked up by; a segment with too few samples falls
 * back to the next level, and the empty level (`[]`) is the global segment.
 */
export type SegmentHierarchy = readonly (readonly SegmentDimension[])[];

/**
 * DEFAULT_HIERARCHIES are the fallback chains per span: the seller side
 * (category × origin) drives how long dispatch takes, the route (origin →
 * destination) drives transit, and the destination alone is the region of
 * SPEC C4's "regional logistics buffer".
 */
export const DEFAULT_HIERARCHIES: Readonly<Record<StageSpan, SegmentHierarchy>> = {
  review: [['category', 'customerState'], ['category'], []],
  // A SKU's own history is the best guide to how long it takes to leave the
  // warehouse (custom furniture vs. fresh fruit); channels often send no category.
  dispatch: [['sku', 'warehouse'], ['sku'], ['category', 'customerState'], ['category'], ['warehouse'], []],
  transit: [['sellerState', 'customerState'], ['customerState'], []],
  end_to_end: [['category', 'customerState'], ['category'], []],
};

/** GLOBAL_SEGMENT is the key of the all-orders segment. */
export const GLOBAL_SEGMENT = 'global';

/**
 * segmentKey is the key of an order's segment at one hierarchy level
 * (`category×customerState=bed_bath_table/SP`, or `global`), or undefined
 * when the order lacks one of the level's attributes.
 */
export function segmentKey(attributes: SegmentAttributes, level: readonly SegmentDimension[]): string | undefined {
  if (level.length === 0) return GLOBAL_SEGMENT;
  const values: string[] = [];
  for (const dimension of level) {
    const value = attributes[dimension];
    if (value === undefined || value === '') return undefined;
    values.push(value);
  }
  return `${level.join('×')}=${values.join('/')}`;
}

/** segmentLabel is the human part of a segment key: `bed_bath_table × SP`, or `global`. */
export function segmentLabel(key: string): string {
  const at = key.indexOf('=');
  return at < 0 ? key : key.slice(at + 1).split('/').join(' × ');
}
