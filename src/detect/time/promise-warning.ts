import { stageOfEvent } from '../../domain/event.js';
import type { Bilingual, Threshold } from '../../domain/finding.js';
import { stageRank } from '../../domain/stage.js';
import { HOUR_MS, formatShanghai, type Instant } from '../../domain/time.js';
import { factsAsOf } from '../as-of.js';
import type { OrderFacts } from '../facts.js';
import type { PromiseCheckpoint, PromiseFeature } from '../thresholds/promise-features.js';
import type { PromiseAssessment } from '../thresholds/promise-model.js';
import { segmentOf } from './order-segment.js';

/** PromiseRiskScorer is the learned promise warning of a calibrated table (see trainPromiseModel). */
export interface PromiseRiskScorer {
  assess(order: PromiseCheckpoint): PromiseAssessment;
  /** The threshold table version the model came with. */
  readonly version?: number;
  /** The training examples behind it. */
  readonly examples: number;
}

/** DeliveryPromise is the delivery promise being watched: its date's 00:00, its last on-time instant, and the lead. */
export interface DeliveryPromise {
  readonly dayStart: Instant;
  readonly deadline: Instant;
  readonly leadHours: number;
}

/** DeliveryWarning is the verdict at the checkpoint: whether to warn, why in words, and the facts used. */
export interface DeliveryWarning {
  readonly warn: boolean;
  /** The moment the verdict was taken: L hours before 00:00 of the promised date (or the order's arrival, when later). */
  readonly checkpoint: Instant;
  readonly explanation: Bilingual;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly threshold: Threshold;
}

const pct = (p: number): string => `${Math.round(p * 100)}%`;
const days = (d: number): string => d.toFixed(1);

/** firstHandOver is when the order was first handed to the carrier, if it was by `at`. */
function firstHandOver(facts: OrderFacts, at: Instant): Instant | undefined {
  let first: Instant | undefined;
  for (const e of facts.events) {
    const stage = stageOfEvent(e);
    if (stage === undefined || e.occurredAt > at || stageRank(stage) < stageRank('shipped') || stage === 'cancelled' || stage === 'returned') continue;
    if (first === undefined || e.occurredAt < first) first = e.occurredAt;
  }
  return first;
}

/** reasonText renders one feature's fact in words, or undefined when there is nothing to say. */
function reasonText(feature: PromiseFeature, a: PromiseAssessment): Bilingual | undefined {
  const f = a.facts;
  switch (feature) {
    case 'notShipped':
      return f.values.notShipped === 1 ? { zh: '尚未交给快递', en: 'not yet handed to the carrier' } : undefined;
    case 'arrivalChance': {
      if (!f.route) return undefined;
      const route = `${f.route.label}，${f.route.orders} 单`;
      if (f.hoursWithCarrier !== undefined) {
        return {
          zh: `已交快递 ${days(f.hoursWithCarrier / 24)} 天仍未签收，同线路（${route}）在途这么久的包裹只有 ${pct(f.values.arrivalChance)} 在剩余 ${Math.round(f.hoursLeft)} 小时内送达`,
          en: `with the carrier for ${days(f.hoursWithCarrier / 24)} days; of parcels on the route (${f.route.label}, ${f.route.orders} orders) still out this long, ${pct(f.values.arrivalChance)} arrived within the ${Math.round(f.hoursLeft)} h left`,
        };
      }
      return {
        zh: `同线路（${route}）只有 ${pct(f.values.arrivalChance)} 的包裹在途时间短于剩余的 ${Math.round(f.hoursLeft)} 小时`,
        en: `only ${pct(f.values.arrivalChance)} of parcels on the route (${f.route.label}, ${f.route.orders} orders) travel in less than the ${Math.round(f.hoursLeft)} h left`,
      };
    }
    case 'deliveryDays':
      return {
        zh: `剩余 ${Math.round(f.hoursLeft)} 小时按以往签收时段只相当于 ${days(f.values.deliveryDays)} 个正常派送日`,
        en: `the ${Math.round(f.hoursLeft)} h left hold ${days(f.values.deliveryDays)} days of normal delivery activity`,
      };
    case 'promiseStretch':
      return f.usualDays !== undefined
        ? { zh: `承诺 ${days(f.promisedDays)} 天送达，同类订单通常 ${days(f.usualDays)} 天：至今未到，已落后于同类`, en: `promised in ${days(f.promisedDays)} days where similar orders usually take ${days(f.usualDays)}: still not there, it is behind them` }
        : undefined;
    case 'destinationLateShare':
      return f.destination ? { zh: `${f.destination.key} 以往 ${f.destination.orders} 单中 ${f.destination.late} 单晚于承诺送达`, en: `${f.destination.late} of ${f.destination.orders} past orders to ${f.destination.key} arrived after their promise` } : undefined;
    case 'warehouseLateShare':
      return f.warehouse ? { zh: `发货方（${f.warehouse.key}）以往 ${f.warehouse.orders} 单中 ${f.warehouse.late} 单晚于承诺`, en: `${f.warehouse.late} of ${f.warehouse.orders} past orders of the shipper (${f.warehouse.key}) arrived after their promise` } : undefined;
    case 'networkLateShare':
      return f.network
        ? {
            zh: `近 30 天承诺到期的 ${f.network.parcels} 个已发货包裹中 ${pct(f.network.lateShare)} 逾期（以往 ${pct(f.network.usualShare)}）`,
            en: `${pct(f.network.lateShare)} of the ${f.network.parcels} parcels whose promise ended in the last 30 days were late (usually ${pct(f.network.usualShare)})`,
          }
        : undefined;
    case 'promisedDays':
      return { zh: `承诺 ${days(f.promisedDays)} 天送达：路途远或慢的订单`, en: `promised in ${days(f.promisedDays)} days: a far or slow route` };
  }
}

/** REASONS_SHOWN is how many of the strongest reasons an alert names. */
const REASONS_SHOWN = 3;

/**
 * judgeDeliveryPromise decides the promise warning: at the checkpoint, L
 * hours before 00:00 of the promised date, from the order as it stood then
 * (shipped or not, how long with the carrier, the route, the time left, how
 * generous the promise was, the destination's and the shipper's record),
 * the learned model gives a probability of arriving late and warns at or
 * above its cut, naming the strongest reasons. Without a learned model (too
 * little history) every order not delivered at the checkpoint is warned of,
 * and the explanation says so. The verdict depends only on the checkpoint,
 * so every later judgement repeats it.
 */
export function judgeDeliveryPromise(facts: OrderFacts, promise: DeliveryPromise, scorer: PromiseRiskScorer | undefined): DeliveryWarning {
  const { order } = facts;
  const checkpoint = Math.max(promise.dayStart - promise.leadHours * HOUR_MS, order.placedAt);
  const date = formatShanghai(promise.dayStart).slice(0, 10);
  const leadToDay = Math.round(((promise.dayStart - checkpoint) / HOUR_MS) * 10) / 10;
  const asOf = factsAsOf(facts, checkpoint) ?? facts;
  const shippedAt = firstHandOver(asOf, checkpoint);
  const base = { promise: 'delivery', promisedDate: date, promisedAt: promise.dayStart, deadline: promise.deadline, checkpoint, leadHours: leadToDay };
  if (!scorer) {
    return {
      warn: true,
      checkpoint,
      explanation: {
        zh: `距承诺送达日（${date}）00:00 仅剩 ${leadToDay} 小时，订单仍未签收（历史数据不足，预测模型未启用，按检查点规则预警）`,
        en: `${leadToDay} h before 00:00 of the promised date (${date}) the order is not delivered (too little history for the learned warning: the checkpoint rule applies)`,
      },
      evidence: { ...base, rule: 'checkpoint' },
      threshold: {
        hours: promise.leadHours,
        deadline: promise.deadline,
        policy: 'checkpoint',
        segment: 'global',
        derivation: { zh: `承诺日 00:00 前 ${promise.leadHours} 小时仍未签收即预警`, en: `warn when not delivered ${promise.leadHours} h before 00:00 of the promised date` },
      },
    };
  }
  const a = scorer.assess({
    purchasedAt: asOf.order.paidAt ?? asOf.order.placedAt,
    ...(shippedAt !== undefined ? { shippedAt } : {}),
    segment: segmentOf(order),
    promisedDayStart: promise.dayStart,
    deadline: promise.deadline,
    at: checkpoint,
  });
  // Where the order stood always comes first; the strongest reasons follow (not shipped is said by the state).
  const state =
    shippedAt !== undefined
      ? { zh: `已交快递 ${days((checkpoint - shippedAt) / HOUR_MS / 24)} 天仍未签收`, en: `with the carrier for ${days((checkpoint - shippedAt) / HOUR_MS / 24)} days, not delivered` }
      : { zh: '尚未交给快递', en: 'not yet handed to the carrier' };
  const pushing = (Object.entries(a.contributions) as [PromiseFeature, number][])
    .filter(([f, c]) => c > 0 && f !== 'notShipped')
    .sort((x, y) => y[1] - x[1])
    .map(([f]) => f);
  // The stretch's sentence already names the promised days: said once.
  const saidOnce = pushing.includes('promiseStretch') && a.facts.usualDays !== undefined ? pushing.filter((f) => f !== 'promisedDays') : pushing;
  const reasons = saidOnce
    .map((f) => reasonText(f, a))
    .filter((r): r is Bilingual => r !== undefined)
    .slice(0, REASONS_SHOWN);
  const head = {
    zh: `承诺日（${date}）00:00 前 ${leadToDay} 小时判断：逾期概率 ${pct(a.probability)}（≥ ${pct(a.cut)} 预警）`,
    en: `judged ${leadToDay} h before 00:00 of the promised date (${date}): ${pct(a.probability)} likely late (warned at ≥ ${pct(a.cut)})`,
  };
  const derivation = {
    zh: `按 ${scorer.examples} 个历史检查点学习的逾期概率模型，≥ ${pct(a.cut)} 预警`,
    en: `lateness model learned from ${scorer.examples} past checkpoints, warns at ≥ ${pct(a.cut)}`,
  };
  return {
    warn: a.atRisk,
    checkpoint,
    explanation: {
      zh: `${head.zh}：${[state, ...reasons].map((r) => r.zh).join('；')}`,
      en: `${head.en}: ${[state, ...reasons].map((r) => r.en).join('; ')}`,
    },
    evidence: {
      ...base,
      rule: 'model',
      probability: Math.round(a.probability * 1000) / 1000,
      cut: a.cut,
      features: a.facts.values,
      ...(a.facts.hoursWithCarrier !== undefined ? { hoursWithCarrier: Math.round(a.facts.hoursWithCarrier * 10) / 10 } : {}),
    },
    threshold: {
      hours: promise.leadHours,
      deadline: promise.deadline,
      policy: 'promise-model',
      segment: a.facts.route?.label ?? 'global',
      sampleSize: scorer.examples,
      ...(scorer.version !== undefined ? { version: scorer.version } : {}),
      derivation,
    },
  };
}
