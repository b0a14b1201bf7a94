import { stageOfEvent, type OrderEvent } from '../domain/event.js';
import type { StoredOrder } from '../domain/order.js';
import { stageRank, type Stage } from '../domain/stage.js';
import type { Instant } from '../domain/time.js';
import type { OrderFacts } from './facts.js';

/**
 * factsAsOf replays an order to a moment: only the events that had happened
 * by then, and the stage they imply. A scan "as of" a past time then judges
 * what was known at that time, which is what makes replays and backtests
 * honest. Returns undefined for an order not yet placed at that moment.
 */
export function factsAsOf(facts: OrderFacts, at: Instant): OrderFacts | undefined {
  const { order } = facts;
  if (order.placedAt > at) return undefined;
  const events: OrderEvent[] = facts.events.filter((e) => e.occurredAt <= at);
  if (events.length === facts.events.length && order.stageEnteredAt <= at) return facts;
  let stage: Stage = order.paidAt !== undefined && order.paidAt <= at ? 'paid' : 'pending_payment';
  let enteredAt: Instant = order.paidAt !== undefined && order.paidAt <= at ? order.paidAt : order.placedAt;
  for (const e of events) {
    const next = stageOfEvent(e);
    if (next === undefined) continue;
    if (e.occurredAt > enteredAt || (e.occurredAt === enteredAt && stageRank(next) >= stageRank(stage))) {
      stage = next;
      enteredAt = e.occurredAt;
    }
  }
  const replayed: StoredOrder = { ...order, stage, stageEnteredAt: enteredAt };
  return { order: replayed, events };
}
