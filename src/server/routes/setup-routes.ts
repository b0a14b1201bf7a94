import { trackingNotices } from '../../detect/time/tracking-notices.js';
import type { OrderFacts } from '../../detect/facts.js';
import type { DetectionStore } from '../../store/detection-store.js';
import type { RouteRegistry } from '../route-registry.js';

/** SETUP_SCAN_LIMIT bounds the open orders read for the notices: enough to see every active shop, never the whole history. */
const SETUP_SCAN_LIMIT = 20_000;
const PAGE = 500;

/**
 * registerSetupRoutes adds the set-up notices: gaps in what orderwatch is
 * connected to, said once per shop instead of as a finding on every order
 * (today: shops with shipped orders and no carrier tracking source).
 */
export function registerSetupRoutes(routes: RouteRegistry, deps: { detection: DetectionStore }): void {
  routes.add(
    {
      method: 'GET',
      url: '/api/v1/setup/notices',
      summary: 'Set-up notices: shops whose shipped orders no carrier tracking source reports on',
      tag: 'detection',
      access: ['admin', 'ops_manager', 'supervisor'],
    },
    async () => {
      const facts: OrderFacts[] = [];
      let after: string | undefined;
      while (facts.length < SETUP_SCAN_LIMIT) {
        const ids = await deps.detection.openOrderIds(after, PAGE);
        if (ids.length === 0) break;
        facts.push(...(await deps.detection.orderFacts(ids)));
        after = ids[ids.length - 1];
        if (ids.length < PAGE) break;
      }
      return { notices: trackingNotices(facts), ordersRead: facts.length };
    },
  );
}
