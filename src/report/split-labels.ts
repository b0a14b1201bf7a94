import { carrierName } from '../domain/carrier.js';
import type { Bilingual } from '../domain/finding.js';
import { LABELS } from './labels.js';
import type { WarRoomSplit } from '../store/dashboard-store.js';

const CHANNEL_EN: Readonly<Record<string, string>> = {
  taobao: 'Taobao/Tmall',
  jd: 'JD',
  douyin: 'Douyin shop',
  pdd: 'Pinduoduo',
  kuaishou: 'Kuaishou shop',
  wechat_shop: 'WeChat shop',
  youzan: 'Youzan',
  shopify: 'Shopify',
  generic: 'generic API',
  olist: 'Olist',
};

/**
 * splitLabel says a war-room value in words, in both languages: a carrier
 * by its one name (ZTO → 中通快递), a shop as "旗舰店（淘宝/天猫）", a SKU with
 * its title, and the empty value as what it means (not yet shipped, no
 * warehouse named).
 */
export function splitLabel(split: WarRoomSplit, key: string, title?: string): Bilingual {
  switch (split) {
    case 'carrier':
      return key === '' ? { zh: '未发货（无快递）', en: 'not shipped (no carrier)' } : carrierName(key);
    case 'warehouse':
      return key === '' ? { zh: '未指定仓库', en: 'no warehouse named' } : { zh: `${key} 仓`, en: `warehouse ${key}` };
    case 'sku':
      if (key === '') return { zh: '未知商品', en: 'unknown SKU' };
      return title ? { zh: `${title}（${key}）`, en: `${title} (${key})` } : { zh: key, en: key };
    case 'shop': {
      const colon = key.indexOf(':');
      const channel = colon >= 0 ? key.slice(0, colon) : key;
      const shop = colon >= 0 ? key.slice(colon + 1) : '';
      const zh = LABELS.channel(channel);
      const en = CHANNEL_EN[channel] ?? channel;
      return shop === '' ? { zh, en } : { zh: `${shop}（${zh}）`, en: `${shop} (${en})` };
    }
  }
}
