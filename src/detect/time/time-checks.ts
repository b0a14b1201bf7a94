import type { LogisticsEvent, LogisticsState } from '../../domain/event.js';
import type { Exemption, Finding, Threshold } from '../../domain/finding.js';
import { STAGE_NAMES_ZH, isClosedStage, stageRank } from '../../domain/stage.js';
import { HOUR_MS, formatShanghai, type Instant } from '../../domain/time.js';
import type { OrderFacts } from '../facts.js';
import { promisedDayStartOf } from '../thresholds/promise-model.js';
import { judgeDeliveryPromise } from './promise-warning.js';
import type { StallThresholds } from './stall-thresholds.js';
import { DEFAULT_TIME_CHECK_SETTINGS, leadHoursOf, type TimeCheckSettings } from './time-check-settings.js';

export { DEFAULT_TIME_CHECK_SETTINGS, type TimeCheckSettings } from './time-check-settings.js';

/** TimeJudgement is what the time checks found and when the order must be looked at again. */
export interface TimeJudgement {
  readonly findings: Finding[];
  /** The next deadline still ahead (a threshold or promise running out, or a warning time). */
  readonly nextCheckAt: Instant | undefined;
}

const TROUBLE: ReadonlySet<LogisticsState> = new Set(['pickup_failed', 'problem', 'refused', 'returning', 'no_update']);
const TROUBLE_ZH: Readonly<Partial<Record<LogisticsState, string>>> = {
  pickup_failed: '揽收失败',
  problem: '物流异常（问题件）',
  refused: '客户拒收',
  returning: '退回中',
  no_update: '物流长时间无更新',
};

/** BUYER_AGREED are the exemptions the buyer agreed to, the only ones that move a platform's promise. */
const BUYER_AGREED: ReadonlySet<string> = new Set(['exempt.presale', 'exempt.customer_request']);

function hours(ms: number): number {
  return Math.round((ms / HOUR_MS) * 10) / 10;
}

function latestExemption(exemptions: readonly Exemption[]): Exemption | undefined {
  return exemptions.reduce<Exemption | undefined>((a, e) => (!a || e.newDeadline > a.newDeadline ? e : a), undefined);
}

/**
 * runTimeChecks judges an order against time: how long it has been in its
 * stage against its learned allowance (stage.stalled), the platform's ship
 * and delivery promises (promise.at_risk before, promise.breached after), and
 * the carrier's track (logistics.exception). The ship promise is warned of a
 * fixed lead before it; the delivery promise at its checkpoint, L hours
 * before 00:00 of the promised date, when the learned warning says so (see
 * judgeDeliveryPromise). Exemptions move the stall and promise deadlines to
 * their new deadline; the order is still watched against it.
 */
export function runTimeChecks(
  facts: OrderFacts,
  exemptions: readonly Exemption[],
  thresholds: StallThresholds,
  now: Instant,
  settings: TimeCheckSettings = DEFAULT_TIME_CHECK_SETTINGS,
): TimeJudgement {
  const { order } = facts;
  const findings: Finding[] = [];
  const upcoming: Instant[] = [];
  const exemption = latestExemption(exemptions);
  // A platform's promise is the platform's own date, set for the item with
  // the platform's calendar: the shop's own circumstances (a holiday, a
  // supplier's schedule, customs, a second parcel) do not move it — the
  // platform still penalises the late shipment. What the buyer agreed to
  // (a pre-sale date, "ship next week") does.
  const promiseExemption = latestExemption(exemptions.filter((e) => BUYER_AGREED.has(e.code)));
  const base = { orderId: order.id, detectedAt: now } as const;
  if (isClosedStage(order.stage)) return { findings, nextCheckAt: undefined };
  // Virtual goods (coupons, top-ups, services) never ship: no stage of the parcel pipeline applies.
  if (order.virtualGoods === true) return { findings, nextCheckAt: undefined };

  // Stage stall against the learned allowance. A shipped order waits for a
  // pickup scan only where a tracking source could report one.
  const awaitsScanNobodySends = order.stage === 'shipped' && facts.trackingFeed === 'none' && !facts.events.some((e) => e.kind === 'logistics');
  const allowance = awaitsScanNobodySends ? undefined : thresholds.allowance(facts, order.stage);
  if (allowance && order.stage !== 'pending_payment') {
    const since = allowance.since ?? order.stageEnteredAt;
    const own = since + allowance.hours * HOUR_MS;
    const deadline = exemption && exemption.newDeadline > own ? exemption.newDeadline : own;
    const threshold: Threshold = {
      hours: allowance.hours,
      deadline,
      policy: allowance.policy,
      segment: allowance.segment,
      derivation: allowance.derivation,
      ...(allowance.sampleSize !== undefined ? { sampleSize: allowance.sampleSize } : {}),
      ...(allowance.version !== undefined ? { version: allowance.version } : {}),
    };
    if (now > deadline) {
      const stuck = hours(now - since);
      const stageZh = STAGE_NAMES_ZH[order.stage];
      findings.push({
        ...base,
        code: 'stage.stalled',
        key: order.stage,
        severity: now - deadline > 24 * HOUR_MS ? 'critical' : 'warning',
        explanation: {
          zh: `订单处于「${stageZh}」阶段已 ${stuck} 小时，超过阈值 ${allowance.hours} 小时（${allowance.derivation.zh}）${exemption ? `；已按豁免顺延：${exemption.reason.zh}` : ''}`,
          en: `order has been at "${order.stage}" for ${stuck} h, over its ${allowance.hours} h threshold (${allowance.derivation.en})${exemption ? `; moved by ${exemption.code}` : ''}`,
        },
        evidence: { stage: order.stage, since, stageEnteredAt: order.stageEnteredAt, hoursInStage: stuck, ...(exemption ? { exemption: exemption.code } : {}) },
        threshold,
      });
    } else upcoming.push(deadline);
  }

  // Platform promises: warn before, flag after.
  const shipped = stageRank(order.stage) >= stageRank('shipped');
  const promises: Array<{ kind: 'ship' | 'delivery'; at: Instant | undefined; done: boolean }> = [
    { kind: 'ship', at: order.promisedShipBy, done: shipped },
    { kind: 'delivery', at: order.promisedDeliveryBy, done: order.stage === 'delivered' },
  ];
  for (const p of promises) {
    if (p.at === undefined || p.done) continue;
    const deadline = promiseExemption && promiseExemption.newDeadline > p.at ? promiseExemption.newDeadline : p.at;
    const what = p.kind === 'ship' ? { zh: '最晚发货时间', en: 'latest ship time' } : { zh: '承诺送达时间', en: 'promised delivery' };
    const evidence = { promise: p.kind, promisedAt: p.at, deadline, ...(promiseExemption ? { exemption: promiseExemption.code } : {}) };
    if (now > deadline) {
      findings.push({
        ...base,
        code: 'promise.breached',
        key: p.kind,
        severity: 'critical',
        explanation: {
          zh: `已超过平台${what.zh}（${formatShanghai(deadline).slice(0, 16)}）${hours(now - deadline)} 小时，订单仍为「${STAGE_NAMES_ZH[order.stage]}」`,
          en: `${what.en} (${formatShanghai(deadline).slice(0, 16)} Asia/Shanghai) passed ${hours(now - deadline)} h ago; order is still "${order.stage}"`,
        },
        evidence,
      });
      continue;
    }
    if (p.kind === 'delivery') {
      // A delivery promise is a date: it runs to the end of its day, and the warning's lead is counted to its 00:00.
      const promise = { dayStart: promisedDayStartOf(deadline), deadline, leadHours: leadHoursOf(settings, order.channel, 'delivery') };
      const checkpoint = Math.max(promise.dayStart - promise.leadHours * HOUR_MS, order.placedAt);
      if (now < checkpoint) {
        upcoming.push(checkpoint);
        continue;
      }
      const warning = judgeDeliveryPromise(facts, promise, thresholds.promiseRisk);
      if (warning.warn) {
        findings.push({
          ...base,
          code: 'promise.at_risk',
          key: 'delivery',
          severity: 'warning',
          explanation: warning.explanation,
          evidence: { ...evidence, ...warning.evidence },
          threshold: warning.threshold,
        });
      }
      upcoming.push(deadline);
      continue;
    }
    const warnFrom = deadline - leadHoursOf(settings, order.channel, 'ship') * HOUR_MS;
    if (now >= warnFrom) {
      findings.push({
        ...base,
        code: 'promise.at_risk',
        key: p.kind,
        severity: 'warning',
        explanation: {
          zh: `距平台${what.zh}（${formatShanghai(deadline).slice(0, 16)}）仅剩 ${hours(deadline - now)} 小时，订单仍为「${STAGE_NAMES_ZH[order.stage]}」`,
          en: `${hours(deadline - now)} h left before the ${what.en} (${formatShanghai(deadline).slice(0, 16)} Asia/Shanghai); order is still "${order.stage}"`,
        },
        evidence: { ...evidence, leadHours: hours(deadline - now) },
      });
      upcoming.push(deadline);
    } else upcoming.push(warnFrom);
  }

  // The carrier's latest word on each parcel.
  const latestByParcel = new Map<string, LogisticsEvent>();
  for (const e of facts.events) {
    if (e.kind !== 'logistics' || e.occurredAt > now) continue;
    const prev = latestByParcel.get(e.trackingNo);
    if (!prev || prev.occurredAt <= e.occurredAt) latestByParcel.set(e.trackingNo, e);
  }
  for (const [trackingNo, e] of latestByParcel) {
    if (!TROUBLE.has(e.state)) continue;
    findings.push({
      ...base,
      code: 'logistics.exception',
      key: trackingNo,
      severity: e.state === 'refused' || e.state === 'returning' ? 'critical' : 'warning',
      explanation: {
        zh: `运单 ${trackingNo}${e.carrier ? `（${e.carrier}）` : ''}：${TROUBLE_ZH[e.state] ?? e.state}——${e.detail}`,
        en: `parcel ${trackingNo}${e.carrier ? ` (${e.carrier})` : ''}: ${e.state.replace('_', ' ')} — ${e.detail}`,
      },
      evidence: { trackingNo, carrier: e.carrier, state: e.state, at: e.occurredAt, detail: e.detail },
    });
  }
  const next = upcoming.filter((t) => t > now).sort((a, b) => a - b)[0];
  return { findings, nextCheckAt: next };
}
