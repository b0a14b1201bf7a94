import type { ChannelAdapter } from './adapter.js';
import { douyinAdapter } from './douyin/index.js';
import { genericAdapter } from './generic/index.js';
import { jdAdapter } from './jd/index.js';
import { kuaishouAdapter } from './kuaishou/index.js';
import { pddAdapter } from './pdd/index.js';
import { shopifyAdapter } from './shopify/index.js';
import { taobaoAdapter } from './taobao/index.js';
import { wechatShopAdapter } from './wechat-shop/index.js';
import { youzanAdapter } from './youzan/index.js';

/** PAYLOAD_CHANNELS are the channels whose native JSON payloads can be posted or imported. */
export const PAYLOAD_CHANNELS = ['taobao', 'jd', 'douyin', 'pdd', 'kuaishou', 'wechat_shop', 'youzan', 'shopify', 'generic'] as const;
export type PayloadChannel = (typeof PAYLOAD_CHANNELS)[number];

/** CHANNEL_ADAPTERS maps each payload channel to the adapter that reads its native shape. */
export const CHANNEL_ADAPTERS: Readonly<Record<PayloadChannel, ChannelAdapter>> = {
  taobao: taobaoAdapter,
  jd: jdAdapter,
  douyin: douyinAdapter,
  pdd: pddAdapter,
  kuaishou: kuaishouAdapter,
  wechat_shop: wechatShopAdapter,
  youzan: youzanAdapter,
  shopify: shopifyAdapter,
  generic: genericAdapter,
};

/** isPayloadChannel narrows a string to a channel with a payload adapter. */
export function isPayloadChannel(value: string): value is PayloadChannel {
  return (PAYLOAD_CHANNELS as readonly string[]).includes(value);
}
