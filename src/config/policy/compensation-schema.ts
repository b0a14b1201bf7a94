import { z } from 'zod';
import { ROLES, type Role } from '../../domain/role.js';
import { COMPENSATION_KINDS, type CompensationKind } from './policy-vocabulary.js';
import { YuanSchema } from './value-schemas.js';

const limit = z.union([YuanSchema, z.literal('unlimited')], { error: 'expected an amount in yuan or "unlimited"' });
type LimitInput = z.input<typeof limit>;

/** CompensationLimitFen is a parsed limit: integer fen, or no limit. */
export type CompensationLimitFen = number | 'unlimited';

const DEFAULT_LIMITS_YUAN: Partial<Record<Role, Partial<Record<CompensationKind, LimitInput>>>> = {
  agent: { coupon: 20, gift: 20, shipping_refund: 15 },
  supervisor: { coupon: 100, gift: 100, shipping_refund: 50, refund: 200 },
  ops_manager: { coupon: 500, gift: 500, shipping_refund: 200, refund: 2000 },
  executive: { coupon: 'unlimited', gift: 'unlimited', shipping_refund: 'unlimited', refund: 'unlimited' },
};

const limitsOfRole = z.partialRecord(z.enum(COMPENSATION_KINDS), limit);
const DEFAULT_LIMITS_FEN = z.partialRecord(z.enum(ROLES), limitsOfRole).parse(DEFAULT_LIMITS_YUAN);

/**
 * CompensationSchema is the `compensation` section: what each role may grant
 * on its own, per kind, in yuan (`limitsYuan`, merged over the defaults by
 * role; a kind a role does not list is 0). Parsed, the limits are fen
 * (`limitsFen`). Over its limit a role asks the first role above it in
 * `approvalChain` whose limit covers the amount.
 */
export const CompensationSchema = z
  .object({
    approvalChain: z.array(z.enum(ROLES)).min(1).default(['agent', 'supervisor', 'ops_manager', 'executive']),
    limitsYuan: z.partialRecord(z.enum(ROLES), limitsOfRole).default({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    c.approvalChain.forEach((role, i) => {
      if (c.approvalChain.indexOf(role) !== i) ctx.addIssue({ code: 'custom', path: ['approvalChain', i], message: `"${role}" appears twice in the chain` });
    });
  })
  .transform(({ approvalChain, limitsYuan }) => {
    const limitsFen: Partial<Record<Role, Partial<Record<CompensationKind, CompensationLimitFen>>>> = { ...DEFAULT_LIMITS_FEN, ...limitsYuan };
    return { approvalChain, limitsFen };
  })
  .prefault({});

/** CompensationPolicy is the parsed `compensation` section. */
export type CompensationPolicy = z.infer<typeof CompensationSchema>;
