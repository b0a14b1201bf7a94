/** CHANNELS lists the sales channels (and data sets) orderwatch can take orders from. */
export const CHANNELS = ['taobao', 'jd', 'douyin', 'pdd', 'kuaishou', 'wechat_shop', 'youzan', 'shopify', 'generic', 'olist'] as const;

/** Channel names where an order came from; part of every order's id. */
export type Channel = (typeof CHANNELS)[number];

/** isChannel narrows a string to a known channel. */
export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}
