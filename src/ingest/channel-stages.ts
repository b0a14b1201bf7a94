import type { Channel } from '../domain/channel.js';
import type { StageEvent } from '../domain/event.js';
import type { OrderId } from '../domain/order.js';
import type { Stage } from '../domain/stage.js';
import type { Instant } from '../domain/time.js';

/**
 * channelStageEvents turns the timestamps a channel reports on the order
 * itself (paid, shipped, finished ...) into stage events. Their ids are
 * deterministic per order and stage, so a re-import or a newer version of the
 * order never adds a second "paid" to the timeline.
 */
export function channelStageEvents(
  orderId: OrderId,
  channel: Channel,
  stages: ReadonlyArray<{ readonly stage: Stage; readonly at: Instant | undefined }>,
): StageEvent[] {
  const events: StageEvent[] = [];
  for (const { stage, at } of stages) {
    if (at === undefined) continue;
    events.push({ kind: 'stage', id: `${orderId}#${stage}`, source: channel, occurredAt: at, orderId, stage });
  }
  return events;
}
