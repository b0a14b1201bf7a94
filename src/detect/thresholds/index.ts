export { calibrate, DEFAULT_MIN_SAMPLES, type CalibrateOptions, type ThresholdTable } from './calibrate.js';
export { conditionalDurationQuantile, durationCdf, durationQuantile, summariseDurations, QUANTILE_GRID_STEPS, type DurationSample, type DurationStats } from './duration-stats.js';
export { lookup, type LookupContext } from './lookup.js';
export { SEGMENT_DIMENSIONS, type OrderTimeline, type SegmentAttributes, type SegmentDimension } from './order-timeline.js';
export { predictCompletion, promiseAtRisk, type OrderProgress } from './promise-risk.js';
export { findSegmentStats, type SegmentMatch } from './segment-stats.js';
export { DEFAULT_HIERARCHIES, GLOBAL_SEGMENT, segmentKey, segmentLabel, type SegmentHierarchy } from './segments.js';
export { SPAN_NAMES, STAGE_SPANS, spanEnd, spanStart, type StageSpan } from './stage-span.js';
export { DEFAULT_POLICY, describePolicy, isStallPolicy, policySpans, SEED_POLICY, type StallPolicy, type ThresholdPolicy } from './threshold-policy.js';
