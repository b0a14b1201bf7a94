import { z } from 'zod';
import { SCOPES } from './policy-vocabulary.js';
import { DurationSchema } from './value-schemas.js';

/**
 * GroupingSchema is the `grouping` section: how findings that share a key
 * (batch, SKU, warehouse, carrier, channel sync) become one incident.
 */
export const GroupingSchema = z
  .object({
    /** A new group waits this long for more members before its first notification, so one batch pages once. */
    wait: DurationSchema.prefault('5m'),
    /** A batch, SKU, warehouse or carrier group becomes one incident at this many orders; below it, its orders stay single. */
    minOrders: z.number().int().min(2).max(100_000).default(3),
    /** Scopes that are one incident from their first order (a sync failure is a failure however few orders it has hit yet). */
    immediateScopes: z.array(z.enum(SCOPES)).default(['channel_sync', 'system']),
    /** Scopes whose group incident is level 3 (stock-out, sync failure); every other group is level 2. */
    levelThreeScopes: z.array(z.enum(SCOPES)).default(['sku', 'channel_sync', 'system']),
    /** An incident of this level or higher mutes the individual notifications of the orders it covers. */
    inhibitMembersFromLevel: z.literal([2, 3]).default(2),
  })
  .strict()
  .prefault({});

/** GroupingPolicy is the parsed `grouping` section. */
export type GroupingPolicy = z.infer<typeof GroupingSchema>;
