import { z } from 'zod';
import { FINDING_CODES } from '../../domain/finding.js';
import { ROLES } from '../../domain/role.js';
import { DEFAULT_GRADING_RULES } from './default-grading.js';
import { CUSTOMER_TIERS, GRADES, LEVELS, RESPONSE_CLOCKS, SCOPES } from './policy-vocabulary.js';
import { HoursDurationSchema, NameSchema, YuanSchema, oneOrMany, rangeSchema } from './value-schemas.js';

const count = z.number().int().nonnegative();

/**
 * GradingMatchSchema is what a grading rule looks at. Every field is optional
 * and ranges are inclusive; `{}` matches every finding. Amounts are yuan in
 * the file and fen once parsed (`orderValueYuan` → `orderValueFen`).
 */
export const GradingMatchSchema = z
  .object({
    code: oneOrMany(z.enum(FINDING_CODES)).optional(),
    /** Business days past the finding's deadline (0 while not yet late). */
    delayDays: rangeSchema(count).optional(),
    tier: oneOrMany(z.enum(CUSTOMER_TIERS)).optional(),
    orderValueYuan: rangeSchema(YuanSchema).optional(),
    /** Orders the incident covers (1 for a single order). */
    batchSize: rangeSchema(count).optional(),
    scope: oneOrMany(z.enum(SCOPES)).optional(),
  })
  .strict()
  .transform(({ orderValueYuan, ...rest }) => ({ ...rest, ...(orderValueYuan === undefined ? {} : { orderValueFen: orderValueYuan }) }));

/**
 * GradingOutcomeSchema is what a matching rule decides. Durations are parsed
 * to milliseconds; `responseClock` says how the response deadline is counted,
 * the resolution target is always counted in business hours.
 */
export const GradingOutcomeSchema = z
  .object({
    grade: z.enum(GRADES),
    level: z.literal(LEVELS),
    ownerRole: z.enum(ROLES),
    respondWithin: HoursDurationSchema,
    responseClock: z.enum(RESPONSE_CLOCKS).default('business'),
    resolveWithin: HoursDurationSchema,
    playbook: NameSchema,
    notifyCustomer: z.boolean().default(false),
  })
  .strict();

/** GradingRuleSchema is one ordered rule: a name for the audit trail, a match and an outcome. */
export const GradingRuleSchema = z.object({ name: NameSchema, match: GradingMatchSchema.prefault({}), then: GradingOutcomeSchema }).strict();

/** GradingRule is a parsed rule. */
export type GradingRule = z.infer<typeof GradingRuleSchema>;

/**
 * GradingSchema is the `grading` section: ordered rules, first match wins.
 * A file that gives `rules` replaces the shipped list entirely, so the last
 * rule must match everything (checked with the cross references).
 */
export const GradingSchema = z
  .object({
    rules: z
      .array(GradingRuleSchema)
      .min(1, 'expected at least one rule')
      .superRefine((rules, ctx) => {
        const seen = new Map<string, number>();
        rules.forEach((rule, i) => {
          const first = seen.get(rule.name);
          if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate rule name "${rule.name}" (also rules[${first}])` });
          else seen.set(rule.name, i);
        });
        const last = rules.length - 1;
        if (last >= 0 && Object.keys(rules[last]!.match).length > 0) {
          ctx.addIssue({ code: 'custom', path: [last, 'match'], message: 'the last rule must match every finding (match: {}) so that every finding gets a grade' });
        }
      })
      .prefault(DEFAULT_GRADING_RULES),
    /**
     * Money at stake (docs/penalties.md): each channel's late-shipment rule a
     * shop sets itself (where no official rule is built in, or its own terms
     * differ), and the grading hook — off unless `raiseAtYuan` is set: an
     * incident whose unshipped orders put at least that much at stake is
     * graded one step more urgent (D→C→B→A).
     */
    penalty: z
      .object({
        raiseAtYuan: YuanSchema.optional(),
        rules: z
          .record(
            z.string().min(1).max(40),
            z.object({ percent: z.number().min(0).max(100), minYuan: YuanSchema.default(0), maxYuan: YuanSchema, source: z.string().max(300).optional() }).strict(),
          )
          .default({}),
      })
      .strict()
      .prefault({})
      .transform(({ raiseAtYuan, rules }) => ({
        ...(raiseAtYuan === undefined ? {} : { raiseAtFen: raiseAtYuan }),
        rules: Object.fromEntries(Object.entries(rules).map(([channel, r]) => [channel, { percent: r.percent, minFen: r.minYuan, maxFen: r.maxYuan, ...(r.source ? { source: r.source } : {}) }])),
      })),
  })
  .strict()
  .prefault({});
