import { z } from 'zod';
import { FINDING_CODES } from '../../domain/finding.js';
import { DATA_CODES } from './default-grading.js';

/**
 * FixListSchema is the `fixList` section: which findings are data to fix
 * (worked through in bulk, per shop, cause and day) rather than incidents
 * someone must act on now, and when one buyer's many orders are worth a
 * message (a reseller, a script placing orders: 刷单).
 */
export const FixListSchema = z
  .object({
    /** Findings that go to the fix list instead of becoming incidents. */
    codes: z.array(z.enum(FINDING_CODES)).default([...DATA_CODES]),
    /** A buyer case that reaches this many orders in a day is announced once to the routes (level 2, ops manager). */
    alertBuyerOrders: z.number().int().min(2).max(1_000_000).default(20),
  })
  .strict()
  .prefault({});

/** FixListPolicy is the parsed `fixList` section. */
export type FixListPolicy = z.infer<typeof FixListSchema>;
