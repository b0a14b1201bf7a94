import { stageOfEvent } from '../../domain/event.js';
import type { Stage } from '../../domain/stage.js';
import type { Instant } from '../../domain/time.js';
import type { OrderFacts } from '../facts.js';
import { assessPromise, lookup, type StageSpan, type ThresholdTable } from '../thresholds/index.js';
import { segmentOf } from './order-segment.js';
import { fixedStallThresholds, type StallThresholds } from './stall-thresholds.js';

/**
 * STALL_MARGIN widens the learned percentile: the slowest 1 % of normal
 * orders are slow, not stalled; a stall is well past them.
 */
export const STALL_MARGIN = 1.25;

/**
 * NO_PROGRESS_HOURS is how long a parcel with the carrier may go without any
 * update (a new track line or stage) before it counts as stalled: a parcel
 * that keeps moving is late at worst, which the delivery promise judges;
 * one that stops moving is stuck. Kuaidi100 itself gives up on a track after
 * three days without data.
 */
export const NO_PROGRESS_HOURS = 72;

/**
 * PICKUP_HOURS is how long a parcel handed over may wait for the carrier to
 * collect it: carriers collect daily, and the platforms count a shipment
 * without a pickup scan within 24 h as a false shipment (虚假发货).
 */
export const PICKUP_HOURS = 24;

const CARRIER_STAGES: ReadonlySet<Stage> = new Set(['collected', 'in_transit', 'out_for_delivery']);

/** SPAN_OF_STAGE says which calibrated span an order in a stage is measured on. */
const SPAN_OF_STAGE: Readonly<Partial<Record<Stage, StageSpan>>> = {
  paid: 'review',
  reviewed: 'dispatch',
  label_printed: 'dispatch',
  picked: 'dispatch',
  shipped: 'transit',
  collected: 'transit',
  in_transit: 'transit',
  out_for_delivery: 'transit',
};

function firstTime(facts: OrderFacts, stages: readonly Stage[]): Instant | undefined {
  let first: Instant | undefined;
  for (const e of facts.events) {
    const s = stageOfEvent(e);
    if (s !== undefined && stages.includes(s) && (first === undefined || e.occurredAt < first)) first = e.occurredAt;
  }
  return first;
}

/**
 * calibratedStallThresholds judges stalls against a calibrated table: an
 * order in a warehouse stage is measured on the dispatch span from its
 * review, against similar orders' history (falling back through the segment
 * hierarchy, then to fixed allowances where there is no history); a parcel
 * handed over must be collected within PICKUP_HOURS, and a parcel the
 * carrier has is stalled only when it stops moving (NO_PROGRESS_HOURS).
 * The table's learned promise warning, if it has one, comes with it.
 */
export function calibratedStallThresholds(table: ThresholdTable, fallback: StallThresholds = fixedStallThresholds()): StallThresholds {
  const model = table.promiseModel;
  return {
    ...(model ? { promiseRisk: { assess: (order) => assessPromise(model, table, order), version: table.version, examples: model.examples } } : {}),
    allowance(facts, stage) {
      const span = SPAN_OF_STAGE[stage];
      if (span === undefined) return undefined;
      const { order } = facts;
      if (CARRIER_STAGES.has(stage)) {
        const lastUpdate = facts.events.reduce((latest, e) => (e.kind === 'logistics' || e.kind === 'stage' ? Math.max(latest, e.occurredAt) : latest), order.stageEnteredAt);
        return {
          hours: NO_PROGRESS_HOURS,
          since: lastUpdate,
          policy: 'no-progress',
          segment: 'global',
          derivation: { zh: `承运中的包裹 ${NO_PROGRESS_HOURS} 小时无任何物流更新即视为停滞`, en: `a parcel with the carrier and no update for ${NO_PROGRESS_HOURS} h is stalled` },
        };
      }
      if (stage === 'shipped') {
        return {
          hours: PICKUP_HOURS,
          // From this hand-over: a second parcel is handed over days after the first.
          since: order.stageEnteredAt,
          policy: 'no-pickup',
          segment: 'global',
          derivation: { zh: `出库交接后 ${PICKUP_HOURS} 小时内应有揽收记录（平台虚假发货规则）`, en: `a parcel handed over should be collected within ${PICKUP_HOURS} h (the platforms' false-shipment rule)` },
        };
      }
      const since =
        span === 'review'
          ? (order.paidAt ?? order.placedAt)
          : span === 'dispatch'
            ? (firstTime(facts, ['reviewed']) ?? order.paidAt ?? order.placedAt)
            : (firstTime(facts, ['shipped', 'collected']) ?? order.stageEnteredAt);
      const t = lookup(table, segmentOf(order), span, { since });
      if (!t) return fallback.allowance(facts, stage);
      const hours = Math.round(t.hours * STALL_MARGIN * 10) / 10;
      return {
        hours,
        since,
        policy: t.policy,
        segment: t.segment,
        derivation: {
          zh: `${t.derivation.zh} × ${STALL_MARGIN} = ${hours} 小时`,
          en: `${t.derivation.en} × ${STALL_MARGIN} = ${hours} h`,
        },
        ...(t.sampleSize !== undefined ? { sampleSize: t.sampleSize } : {}),
        ...(t.version !== undefined ? { version: t.version } : {}),
      };
    },
  };
}
