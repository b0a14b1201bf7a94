import { z } from 'zod';

/**
 * CustomerTiersSchema is the `customerTiers` section: an order tag that
 * contains one of `vipTags` (case-insensitive) makes the customer a VIP,
 * unless it contains one of `notVipTags` ("非会员" contains "会员").
 */
export const CustomerTiersSchema = z
  .object({
    vipTags: z.array(z.string().min(1)).default(['VIP', '会员', 'PLUS', '黑卡', '钻石', '至尊']),
    notVipTags: z.array(z.string().min(1)).default(['非会员', '非VIP', 'non-vip', '普通会员']),
  })
  .strict()
  .prefault({});

/** CustomerTiersPolicy is the parsed `customerTiers` section. */
export type CustomerTiersPolicy = z.infer<typeof CustomerTiersSchema>;
