import { trackingNotice } from '../../detect/time/tracking-notices.js';
import type { Clock } from '../../domain/time.js';
import type { DetectionStore } from '../../store/detection-store.js';
import type { RouteRegistry } from '../route-registry.js';

/** Shops count when they shipped within this window: a shop that stopped selling is not nagged. */
const RECENT_MS = 30 * 86_400_000;

/**
 * registerSetupRoutes adds the set-up notices: gaps in what orderwatch is
 * connected to, said once per shop instead of as a finding on every order
 * (today: shops with shipped orders and no carrier tracking source). One
 * grouped query over the orders table and the shops a feed has reported on.
 */
export function registerSetupRoutes(routes: RouteRegistry, deps: { detection: DetectionStore; clock: Clock }): void {
  routes.add(
    {
      method: 'GET',
      url: '/api/v1/setup/notices',
      summary: 'Set-up notices: shops whose shipped orders (last 30 days) no carrier tracking source reports on',
      tag: 'detection',
      access: ['admin', 'ops_manager', 'supervisor'],
    },
    async () => {
      const shops = await deps.detection.shopsWithoutTrackingFeed(deps.clock.now() - RECENT_MS);
      return {
        notices: shops.map((s) => {
          const at = s.shopKey.indexOf(':');
          const shop = s.shopKey.slice(at + 1);
          return trackingNotice(s.shopKey.slice(0, at), shop === '' ? undefined : shop, s.shippedOrders);
        }),
      };
    },
  );
}
