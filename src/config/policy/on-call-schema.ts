import { z } from 'zod';
import { ROLES } from '../../domain/role.js';
import { GRADES, WEEKDAYS } from './policy-vocabulary.js';
import { LocalTimeSchema } from './value-schemas.js';

const users = z.array(z.string().min(1)).min(1, 'expected at least one user');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like "2026-01-05"');

/** RotationSchema hands the duty from one user to the next every `lengthDays`, at `handoverAt` (Asia/Shanghai). */
export const RotationSchema = z
  .object({
    users,
    /** The local date the first user's turn begins. */
    startsOn: localDate,
    handoverAt: LocalTimeSchema.default('09:00'),
    lengthDays: z.number().int().min(1).max(366).default(7),
  })
  .strict();

/** ShiftSchema puts users on call on some weekdays between two local times; `from` after `to` runs overnight into the next day. */
export const ShiftSchema = z
  .object({
    users,
    days: z.array(z.enum(WEEKDAYS)).min(1).default([...WEEKDAYS]),
    from: LocalTimeSchema,
    to: LocalTimeSchema,
  })
  .strict()
  .refine((s) => s.from !== s.to, { message: 'from and to must differ (use "00:00" to "24:00" for a whole day)', path: ['to'] });

/** OnCallScheduleSchema is who is on call for a role: a weekly rotation or fixed shifts. */
export const OnCallScheduleSchema = z
  .object({ role: z.enum(ROLES), rotation: RotationSchema.optional(), shifts: z.array(ShiftSchema).min(1).optional() })
  .strict()
  .refine((s) => (s.rotation === undefined) !== (s.shifts === undefined), { message: 'give either rotation or shifts, not both and not neither' });

/**
 * QuietHoursSchema: between `start` and `end` (Asia/Shanghai) only incidents
 * of level ≥ `wakeMinLevel` or of a grade in `wakeGrades` wake the person on
 * call; the others wait until the quiet hours end.
 */
export const QuietHoursSchema = z
  .object({
    enabled: z.boolean().default(true),
    start: LocalTimeSchema.default('22:00'),
    end: LocalTimeSchema.default('08:00'),
    wakeMinLevel: z.literal([1, 2, 3]).default(2),
    wakeGrades: z.array(z.enum(GRADES)).default(['A']),
  })
  .strict()
  .refine((q) => q.start !== q.end, { message: 'start and end must differ', path: ['end'] })
  .prefault({});

/** OnCallSchema is the `onCall` section. */
export const OnCallSchema = z
  .object({ quietHours: QuietHoursSchema, schedules: z.array(OnCallScheduleSchema).default([]) })
  .strict()
  .prefault({});

/** OnCallPolicy is the parsed `onCall` section. */
export type OnCallPolicy = z.infer<typeof OnCallSchema>;
