import type { Bilingual } from '../../domain/finding.js';
import type { Fen } from '../../domain/money.js';
import type { Order } from '../../domain/order.js';
import { stageRank, type Stage } from '../../domain/stage.js';
import { HOUR_MS, type Instant } from '../../domain/time.js';
import { configuredRule } from './configured.js';
import type { PenaltyRule, PercentRule } from './penalty-rule.js';
import { TAOBAO_LATE_SHIPMENT } from './taobao.js';
import { unknownRule } from './unknown.js';

/** PenaltySettings: per-channel rules the policy sets (over the built-in ones), and the grading hook's threshold. */
export interface PenaltySettings {
  readonly rules: Readonly<Record<string, PercentRule & { readonly source?: string | undefined }>>;
  /** Raise an incident's grade one step when its money at stake reaches this; undefined: off. */
  readonly raiseAtFen?: Fen | undefined;
}

export const DEFAULT_PENALTY_SETTINGS: PenaltySettings = { rules: {} };

const BUILT_IN: Readonly<Record<string, PenaltyRule>> = {
  taobao: TAOBAO_LATE_SHIPMENT,
  jd: unknownRule('jd', '京东'),
  douyin: unknownRule('douyin', '抖店'),
  pdd: unknownRule('pdd', '拼多多'),
};

/** penaltyRuleOf is the late-shipment rule of a channel: the policy's own, else the built-in one, else none. */
export function penaltyRuleOf(channel: string, settings: PenaltySettings = DEFAULT_PENALTY_SETTINGS): PenaltyRule | undefined {
  const own = settings.rules[channel];
  return own ? configuredRule(channel, own) : BUILT_IN[channel];
}

/** OrderPenalty is the money a late shipment of one order costs, and until when it can be avoided. */
export interface OrderPenalty {
  /** Fen; null when the platform's rule is not known. */
  readonly amountFen: Fen | null;
  /** Ship by then to owe nothing: the platform's promised ship time, else the usual ship deadline. */
  readonly deadlineAt: Instant;
  /** Whether the deadline has passed (the amount is owed, not at stake). */
  readonly incurred: boolean;
  readonly rule: { readonly id: string; readonly label: Bilingual; readonly source: string };
}

/**
 * orderPenalty says what shipping one order late will cost: only while it has
 * not shipped (a shipped order owes nothing more under a late-shipment rule),
 * for a channel with a rule. The deadline is the platform's promised ship
 * time, else `defaultShipHours` after payment.
 */
export function orderPenalty(order: Pick<Order, 'channel' | 'paidFen' | 'paidAt' | 'placedAt' | 'promisedShipBy'> & { readonly stage: Stage }, now: Instant, settings: PenaltySettings = DEFAULT_PENALTY_SETTINGS, defaultShipHours = 48): OrderPenalty | undefined {
  if (stageRank(order.stage) >= stageRank('shipped')) return undefined;
  if (order.stage === 'cancelled' || order.stage === 'pending_payment') return undefined;
  const rule = penaltyRuleOf(order.channel, settings);
  if (!rule) return undefined;
  const deadlineAt = order.promisedShipBy ?? (order.paidAt ?? order.placedAt) + defaultShipHours * HOUR_MS;
  const amount = rule.amount(order.paidFen);
  return { amountFen: amount ?? null, deadlineAt, incurred: now > deadlineAt, rule: { id: rule.id, label: rule.label, source: rule.source } };
}

/** IncidentPenalty is the money at stake across an incident's orders and the time left before the first of it is owed. */
export interface IncidentPenalty {
  /** Sum over the orders with a known rule, fen. */
  readonly amountFen: Fen;
  /** Orders counted in the sum / orders whose platform rule is unknown. */
  readonly orders: number;
  readonly unknownOrders: number;
  /** The earliest deadline still ahead, and how long until it; undefined when every one has passed. */
  readonly nextDeadlineAt?: Instant;
  readonly msLeft?: number;
  /** Of amountFen, what is already owed (deadline passed). */
  readonly incurredFen: Fen;
}

/** incidentPenalty sums orderPenalty over an incident's orders. */
export function incidentPenalty(orders: readonly Parameters<typeof orderPenalty>[0][], now: Instant, settings: PenaltySettings = DEFAULT_PENALTY_SETTINGS, defaultShipHours = 48): IncidentPenalty {
  let amountFen = 0;
  let incurredFen = 0;
  let counted = 0;
  let unknown = 0;
  let next: Instant | undefined;
  for (const order of orders) {
    const p = orderPenalty(order, now, settings, defaultShipHours);
    if (!p) continue;
    if (p.amountFen === null) {
      unknown++;
      continue;
    }
    counted++;
    amountFen += p.amountFen;
    if (p.incurred) incurredFen += p.amountFen;
    else if (next === undefined || p.deadlineAt < next) next = p.deadlineAt;
  }
  return { amountFen, orders: counted, unknownOrders: unknown, incurredFen, ...(next !== undefined ? { nextDeadlineAt: next, msLeft: next - now } : {}) };
}
