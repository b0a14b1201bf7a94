import { z } from 'zod';
import { CHANNELS } from '../../domain/channel.js';
import { FINDING_CODES } from '../../domain/finding.js';
import { ROLES } from '../../domain/role.js';
import { GRADES, LEVELS } from './policy-vocabulary.js';
import { oneOrMany } from './value-schemas.js';

/**
 * RouteSchema sends incidents to receivers: the routes are tried in order and
 * the first whose `match` fits wins, unless it says `continue: true`, in which
 * case the next matching routes are taken too. Every field of `match` is one
 * value or a list; `{}` matches everything.
 */
export const RouteSchema = z
  .object({
    match: z
      .object({
        grade: oneOrMany(z.enum(GRADES)).optional(),
        level: oneOrMany(z.literal(LEVELS)).optional(),
        code: oneOrMany(z.enum(FINDING_CODES)).optional(),
        channel: oneOrMany(z.enum(CHANNELS)).optional(),
        ownerRole: oneOrMany(z.enum(ROLES)).optional(),
      })
      .strict()
      .prefault({}),
    receivers: z.array(z.string().min(1)).min(1, 'expected at least one receiver name'),
    continue: z.boolean().optional(),
  })
  .strict();

/** Route is a parsed route. */
export type Route = z.infer<typeof RouteSchema>;
