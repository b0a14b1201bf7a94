import { describe, expect, it } from 'vitest';
import { parseSettings } from '../config/load-settings.js';
import { customerTierOf, policyOf } from './index.js';

describe('customerTierOf', () => {
  it.each([
    { name: 'a VIP tag', tags: ['VIP客户'], prior: 12, tier: 'vip' },
    { name: '88VIP, any case', tags: ['88vip'], prior: 3, tier: 'vip' },
    { name: 'a JD PLUS member', tags: ['PLUS会员'], prior: 3, tier: 'vip' },
    { name: 'a shop member', tags: ['店铺会员'], prior: 3, tier: 'vip' },
    { name: 'a VIP on a first order is still a VIP', tags: ['88VIP'], prior: 0, tier: 'vip' },
    { name: '非会员 is not a member', tags: ['非会员'], prior: 3, tier: 'regular' },
    { name: 'no prior orders', tags: [], prior: 0, tier: 'new' },
    { name: 'an unrelated tag', tags: ['老客户', '顺丰'], prior: 7, tier: 'regular' },
    { name: 'unknown history counts as regular', tags: [], prior: undefined, tier: 'regular' },
  ])('$name → $tier', ({ tags, prior, tier }) => {
    expect(customerTierOf(prior === undefined ? { tags } : { tags, priorOrderCount: prior })).toBe(tier);
  });

  it('reads the tags from the policy', () => {
    const policy = policyOf(parseSettings('customerTiers:\n  vipTags: [金卡]\n  notVipTags: []\n', 'p.yaml'));
    expect(customerTierOf({ tags: ['金卡会员'], priorOrderCount: 2 }, policy)).toBe('vip');
    expect(customerTierOf({ tags: ['VIP'], priorOrderCount: 2 }, policy)).toBe('regular');
  });
});
