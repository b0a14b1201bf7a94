import { z } from 'zod';
import { ROLES } from '../../domain/role.js';
import { RESPONSE_CLOCKS } from './policy-vocabulary.js';
import { DurationSchema } from './value-schemas.js';

const step = (after: string, clock: 'business' | 'wall') =>
  z
    .object({ after: DurationSchema, clock: z.enum(RESPONSE_CLOCKS).default(clock) })
    .strict()
    .prefault({ after, clock });

/**
 * EscalationSchema is the `escalation` section: an unacknowledged incident
 * passes to the next role of `chain` when its response deadline is missed,
 * and again after every further `after` of its level, counted on `clock`.
 */
export const EscalationSchema = z
  .object({
    chain: z.array(z.enum(ROLES)).min(1).default(['agent', 'supervisor', 'ops_manager', 'executive']),
    /** Where roles outside the chain escalate to; the warehouse goes to the operations manager unless the file says otherwise. */
    offChain: z.partialRecord(z.enum(ROLES), z.enum(ROLES)).default({}),
    level1: step('2h', 'business'),
    level2: step('30m', 'wall'),
    level3: step('15m', 'wall'),
  })
  .strict()
  .superRefine((e, ctx) => {
    e.chain.forEach((role, i) => {
      if (e.chain.indexOf(role) !== i) ctx.addIssue({ code: 'custom', path: ['chain', i], message: `"${role}" appears twice in the chain` });
    });
    for (const [from, to] of Object.entries(e.offChain)) {
      if (e.chain.includes(from as (typeof e.chain)[number])) ctx.addIssue({ code: 'custom', path: ['offChain', from], message: `"${from}" is in the chain already` });
      else if (!e.chain.includes(to)) ctx.addIssue({ code: 'custom', path: ['offChain', from], message: `"${to}" is not in the chain` });
    }
  })
  // The default warehouse → ops_manager applies only where it makes sense, so
  // a file with its own chain is not blamed for a line it never wrote.
  .transform((e) =>
    e.offChain.warehouse === undefined && !e.chain.includes('warehouse') && e.chain.includes('ops_manager')
      ? { ...e, offChain: { ...e.offChain, warehouse: 'ops_manager' as const } }
      : e,
  )
  .prefault({});

/** EscalationPolicy is the parsed `escalation` section. */
export type EscalationPolicy = z.infer<typeof EscalationSchema>;

/** RemindersSchema is the `reminders` section: the gaps between reminders grow, then settle on `thenEvery`. */
export const RemindersSchema = z
  .object({
    intervals: z.array(DurationSchema).min(1).prefault(['30m', '1h', '2h', '4h']),
    thenEvery: DurationSchema.prefault('1d'),
  })
  .strict()
  .prefault({});

/** RemindersPolicy is the parsed `reminders` section. */
export type RemindersPolicy = z.infer<typeof RemindersSchema>;
