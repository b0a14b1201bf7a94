import type { ChannelAdapter } from '../adapter.js';
import { normaliseWechatShopOrder } from './normalise.js';
import { splitWechatShopDocument } from './split.js';

/** wechatShopAdapter reads 微信小店 (视频号小店) orders (/channels/ec/order/get). */
export const wechatShopAdapter: ChannelAdapter = {
  channel: 'wechat_shop',
  split: splitWechatShopDocument,
  normalise: normaliseWechatShopOrder,
};

export { normaliseWechatShopOrder } from './normalise.js';
export { splitWechatShopDocument } from './split.js';
export { WECHAT_SHOP_ORDER_STAGES, wechatShopStageOf } from './status.js';
