import type { Clock } from '../../domain/time.js';
import type { Connector, ShopConnection } from './connector.js';
import { douyinConnector } from './douyin/douyin-connector.js';
import { jdConnector } from './jd/jd-connector.js';
import { pddConnector } from './pdd/pdd-connector.js';
import { shopifyConnector } from './shopify/shopify-connector.js';
import { youzanConnector } from './youzan/youzan-connector.js';
import { taobaoConnector } from './taobao/taobao-connector.js';

export { ConnectorError, type Connector, type PulledPage, type PullWindow, type ShopConnection } from './connector.js';
export { syncShop, type SyncLedger, type SyncShopOptions } from './sync-shop.js';

/** CONNECTORS builds each platform's pull connector; a platform missing here has no pull connector yet. */
const CONNECTORS: Readonly<Record<string, (shop: ShopConnection, clock: Clock) => Connector>> = {
  taobao: (shop, clock) => taobaoConnector(shop, { clock }),
  shopify: (shop) => shopifyConnector(shop),
  pdd: (shop, clock) => pddConnector(shop, { clock }),
  douyin: (shop, clock) => douyinConnector(shop, { clock }),
  jd: (shop, clock) => jdConnector(shop, { clock }),
  youzan: (shop, clock) => youzanConnector(shop, { clock }),
};

/** connectorFor builds a platform's connector, or says it has none. */
export function connectorFor(platform: string, shop: ShopConnection, clock: Clock): Connector | undefined {
  return CONNECTORS[platform]?.(shop, clock);
}
