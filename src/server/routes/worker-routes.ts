import { z } from 'zod';
import type { Clock } from '../../domain/time.js';
import type { Store } from '../../store/store.js';
import { toWire } from '../wire.js';
import type { RouteRegistry } from '../route-registry.js';

/** A worker not heard from for this long is shown as gone. */
const SEEN_WITHIN_MS = 5 * 60_000;

/**
 * registerWorkerRoutes adds the background work's status: each worker's
 * last heartbeat, what waits (orders due for judgement, findings not yet
 * placed, messages per receiver) and every receiver lane, parked or not.
 */
export function registerWorkerRoutes(routes: RouteRegistry, deps: { store: Store; clock: Clock }): void {
  routes.add(
    {
      method: 'GET',
      url: '/api/v1/worker',
      summary: 'Background work: workers, backlogs (due orders, finding feed, outbox per receiver) and receiver lanes',
      tag: 'worker',
      access: ['admin', 'supervisor', 'ops_manager', 'executive'],
      query: z.object({}).strict(),
    },
    async () => {
      const now = deps.clock.now();
      const [workers, due, feed, pending, lanes] = await Promise.all([
        deps.store.work.workers(now - SEEN_WITHIN_MS),
        deps.store.detection.dueBacklog(now),
        deps.store.feed.backlog(),
        deps.store.response.pendingByReceiver(),
        deps.store.response.lanes(),
      ]);
      return toWire({
        at: now,
        workers: workers.map((w) => ({ owner: w.owner, seenAt: w.seenAt, ...w.doc })),
        backlog: { ordersDue: due, findingsToPlace: feed, messagesPending: Object.fromEntries(pending) },
        lanes,
      });
    },
  );
}
