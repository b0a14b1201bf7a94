import type { ChannelAdapter } from '../adapter.js';
import { normaliseShopify } from './shopify-order.js';
import { splitShopify } from './shopify-split.js';

/** shopifyAdapter reads Shopify orders from order webhooks (orders/create, orders/updated ...) and the Admin REST API. */
export const shopifyAdapter: ChannelAdapter = {
  channel: 'shopify',
  split: splitShopify,
  normalise: normaliseShopify,
};

export { normaliseShopify } from './shopify-order.js';
export { splitShopify } from './shopify-split.js';
export { readShopifyId } from './shopify-id.js';
export { SHOPIFY_FINANCIAL_STATUSES, SHOPIFY_FULFILLMENT_STATUSES, shopifyStages, type ShopifyFulfillmentStatus, type ShopifyTimeline } from './shopify-stages.js';
export { verifyShopifyHmac } from './verify-webhook.js';
