import { z } from 'zod';
import { CHANNELS } from '../domain/channel.js';

const hours = (max: number) => z.number().min(0, 'must be 0 or more hours').max(max, `must be at most ${max} hours`);

/**
 * DetectionSchema is the `detection` section: the leads of the promise
 * warnings. `promiseWarning.leadHours` is when the delivery promise is
 * judged, counted back from 00:00 of the promised date (the backtest's
 * figures are for 48 h); `shipByWarning.leadHours` is how long before a
 * platform's latest ship time an unshipped order is warned of. Each takes
 * per-channel values, e.g. `channels: { jd: 24 }`.
 */
export const DetectionSchema = z
  .object({
    promiseWarning: z
      .object({
        leadHours: hours(24 * 14).default(48),
        channels: z.partialRecord(z.enum(CHANNELS), hours(24 * 14)).default({}),
      })
      .strict()
      .prefault({}),
    shipByWarning: z
      .object({
        leadHours: hours(24 * 7).default(12),
        channels: z.partialRecord(z.enum(CHANNELS), hours(24 * 7)).default({}),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

/** DetectionSettings is the parsed `detection` section. */
export type DetectionSettings = z.infer<typeof DetectionSchema>;
