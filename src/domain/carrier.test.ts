import { describe, expect, it } from 'vitest';
import { carrierCode, carrierName, isKnownCarrier } from './carrier.js';

describe('one carrier, one name', () => {
  it.each(['1499', '中通快递', 'zhongtong', 'ZTO', ' zto ', '中通'])('%s is ZTO, 中通快递', (alias) => {
    expect(carrierCode(alias)).toBe('ZTO');
    expect(carrierName(alias)).toEqual({ zh: '中通快递', en: 'ZTO Express' });
  });

  it('folds JD logistics ids and Kuaidi100 codes of the other carriers too', () => {
    expect(['467', 'shunfeng', 'SF', '顺丰速运'].map(carrierCode)).toEqual(['SF', 'SF', 'SF', 'SF']);
    expect(['2087', 'jd', '京东物流'].map(carrierCode)).toEqual(['JD', 'JD', 'JD']);
  });

  it('keeps an unknown carrier as written, and says 快递 when there is none', () => {
    expect(carrierCode(' 安能物流 ')).toBe('安能物流');
    expect(isKnownCarrier('安能物流')).toBe(false);
    expect(carrierName('安能物流')).toEqual({ zh: '安能物流', en: '安能物流' });
    expect(carrierName(undefined)).toEqual({ zh: '快递', en: 'carrier' });
  });
});
