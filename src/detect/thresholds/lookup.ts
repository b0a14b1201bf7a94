import type { Threshold } from '../../domain/finding.js';
import { HOUR_MS, type Instant } from '../../domain/time.js';
import type { ThresholdTable } from './calibrate.js';
import { durationQuantile } from './duration-stats.js';
import type { SegmentAttributes } from './order-timeline.js';
import { findSegmentStats, type SegmentMatch } from './segment-stats.js';
import { segmentLabel } from './segments.js';
import { SPAN_NAMES, type StageSpan } from './stage-span.js';

/** LookupContext is what a lookup needs of the order beyond its segment: when the stage began, and its deadlines. */
export interface LookupContext {
  /** When the order entered the span (the span's start). */
  readonly since: Instant;
  /** The platform's ship-by deadline (needed by `ship-by`). */
  readonly shipBy?: Instant;
}

/**
 * lookup gives the allowance an order in `segment` has for `span` under the
 * table's policy, as a Threshold whose derivation says, in Chinese and
 * English, which similar orders it came from ("P90 of 412 similar orders
 * (bed_bath_table × SP), 26.0 h"). Undefined when the policy cannot judge
 * the order: no history for the span, or a deadline the order lacks.
 */
export function lookup(table: ThresholdTable, segment: SegmentAttributes, span: StageSpan, context: LookupContext): Threshold | undefined {
  const policy = table.policy;
  const spanName = SPAN_NAMES[span];
  const make = (hours: number, match: SegmentMatch | undefined, derivation: Threshold['derivation'], deadline?: Instant): Threshold => ({
    hours: round1(hours),
    deadline: deadline ?? context.since + hours * HOUR_MS,
    policy: policy.kind,
    segment: match ? segmentLabel(match.key) : 'global',
    ...(match ? { sampleSize: match.stats.count } : {}),
    version: table.version,
    derivation,
  });
  switch (policy.kind) {
    case 'fixed':
      return make(policy.hours, undefined, { zh: `固定阈值（${spanName.zh}）${h1(policy.hours)} 小时`, en: `fixed ${spanName.en} allowance, ${h1(policy.hours)} h` });
    case 'ship-by': {
      if (context.shipBy === undefined) return undefined;
      const hours = (context.shipBy - context.since) / HOUR_MS;
      return make(hours, undefined, { zh: `平台最晚发货时间，${h1(hours)} 小时`, en: `platform ship-by deadline, ${h1(hours)} h` }, context.shipBy);
    }
    case 'quantile': {
      const match = findSegmentStats(table, segment, span);
      if (!match) return undefined;
      const hours = durationQuantile(match.stats, policy.q);
      const p = `P${Math.round(policy.q * 100)}`;
      return make(hours, match, {
        zh: `${match.stats.count} 个同类订单（${segmentLabel(match.key)}${fallbackZh(match)}）${spanName.zh}的 ${p}，${h1(hours)} 小时`,
        en: `${p} of ${match.stats.count} similar orders (${segmentLabel(match.key)}${fallbackEn(match)}) ${spanName.en}, ${h1(hours)} h`,
      });
    }
    case 'seed-formula': {
      const match = findSegmentStats(table, segment, span);
      if (!match) return undefined;
      const region = segment.customerState;
      const buffer = region !== undefined ? (table.regionBuffers[region] ?? 0) : 0;
      const mean = match.stats.meanHours;
      const hours = mean * policy.factor + buffer;
      const where = region ?? '—';
      return make(hours, match, {
        zh: `${match.stats.count} 个同类订单（${segmentLabel(match.key)}${fallbackZh(match)}）${spanName.zh}平均 ${h1(mean)} 小时 × ${policy.factor} + 地区物流缓冲 ${h1(buffer)} 小时（${where}）= ${h1(hours)} 小时`,
        en: `mean ${h1(mean)} h of ${match.stats.count} similar orders (${segmentLabel(match.key)}${fallbackEn(match)}) ${spanName.en} × ${policy.factor} + ${h1(buffer)} h regional buffer (${where}) = ${h1(hours)} h`,
      });
    }
  }
}

function fallbackZh(match: SegmentMatch): string {
  return match.fellBackFrom ? `；${segmentLabel(match.fellBackFrom.key)} 仅 ${match.fellBackFrom.count} 单，已回退` : '';
}

function fallbackEn(match: SegmentMatch): string {
  return match.fellBackFrom ? `; fell back from ${segmentLabel(match.fellBackFrom.key)}, only ${match.fellBackFrom.count}` : '';
}

function h1(hours: number): string {
  return hours.toFixed(1);
}

function round1(hours: number): number {
  return Math.round(hours * 10) / 10;
}
