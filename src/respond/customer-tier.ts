import type { CustomerTier } from '../config/policy/policy-vocabulary.js';
import { DEFAULT_POLICY, type ResponsePolicy } from './policy.js';

/** CustomerFacts are what the tier is read from: the order's tags and how many orders the customer placed before. */
export interface CustomerFacts {
  readonly tags: readonly string[];
  /** Orders before this one; undefined when unknown (then the customer counts as regular). */
  readonly priorOrderCount?: number;
}

/**
 * customerTierOf ranks a customer: a tag containing one of the VIP keywords
 * (VIP, 会员, 88VIP, PLUS …, case-insensitive) and none of the exclusions
 * (非会员 …) makes a VIP; otherwise no prior orders makes a new customer;
 * otherwise regular. VIP wins over new: an 88VIP member's first order here is
 * still a VIP's.
 */
export function customerTierOf(customer: CustomerFacts, policy: Pick<ResponsePolicy, 'customerTiers'> = DEFAULT_POLICY): CustomerTier {
  const vip = policy.customerTiers.vipTags.map((t) => t.toLowerCase());
  const notVip = policy.customerTiers.notVipTags.map((t) => t.toLowerCase());
  const isVipTag = (tag: string): boolean => {
    const t = tag.toLowerCase();
    return vip.some((k) => t.includes(k)) && !notVip.some((k) => t.includes(k));
  };
  if (customer.tags.some(isVipTag)) return 'vip';
  if (customer.priorOrderCount === 0) return 'new';
  return 'regular';
}
