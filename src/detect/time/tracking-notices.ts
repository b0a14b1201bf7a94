import type { Bilingual } from '../../domain/finding.js';
import { isClosedStage, stageRank } from '../../domain/stage.js';
import type { OrderFacts } from '../facts.js';

/** TrackingNotice is one set-up gap: a shop whose shipped parcels no carrier tracking source reports on. */
export interface TrackingNotice {
  readonly code: 'setup.no_tracking_source';
  readonly channel: string;
  readonly shop: string | undefined;
  /** Open orders of the shop marked shipped (or further) without any carrier event. */
  readonly shippedOrders: number;
  readonly message: Bilingual;
}

/**
 * trackingNotices says once per shop what detection cannot see: a shop with
 * shipped orders and not one carrier event on any of its orders has no
 * tracking source, so "no pickup scan" is not judged for it (see
 * TrackingFeed) and late or lost parcels stay invisible until one is
 * connected. A shop with at least one carrier event has a source.
 */
export function trackingNotices(orders: Iterable<OrderFacts>): TrackingNotice[] {
  const shops = new Map<string, { channel: string; shop: string | undefined; shipped: number; tracked: boolean }>();
  for (const f of orders) {
    const o = f.order;
    const key = `${o.channel}:${o.shop ?? ''}`;
    const entry = shops.get(key) ?? { channel: o.channel, shop: o.shop, shipped: 0, tracked: false };
    if (f.events.some((e) => e.kind === 'logistics')) entry.tracked = true;
    if (!isClosedStage(o.stage) && o.virtualGoods !== true && stageRank(o.stage) >= stageRank('shipped')) entry.shipped += 1;
    shops.set(key, entry);
  }
  const notices: TrackingNotice[] = [];
  for (const s of shops.values()) {
    if (s.tracked || s.shipped === 0) continue;
    notices.push(trackingNotice(s.channel, s.shop, s.shipped));
  }
  return notices.sort((a, b) => b.shippedOrders - a.shippedOrders);
}

/** trackingNotice words the notice of one shop with `shipped` shipped orders and no tracking source. */
export function trackingNotice(channel: string, shop: string | undefined, shipped: number): TrackingNotice {
  const name = shop ?? channel;
  return {
    code: 'setup.no_tracking_source',
    channel,
    shop,
    shippedOrders: shipped,
    message: {
      zh: `店铺「${name}」有 ${shipped} 个已发货订单，但没有接入任何快递轨迹来源（如快递100推送）：无法发现未揽收、停滞或丢件，接入后即可监控`,
      en: `Shop "${name}" has ${shipped} shipped orders but no carrier tracking source (such as a Kuaidi100 push): missed pickups, stalls and lost parcels cannot be seen until one is connected`,
    },
  };
}
