import { z } from 'zod';
import { CHANNELS } from '../domain/channel.js';
import { DetectionSchema } from './detection-schema.js';
import { CompensationSchema } from './policy/compensation-schema.js';
import { crossReferenceIssues } from './policy/cross-references.js';
import { CustomerTiersSchema } from './policy/customer-tiers-schema.js';
import { EscalationSchema, RemindersSchema } from './policy/escalation-schema.js';
import { FixListSchema } from './policy/fix-list-schema.js';
import { GradingSchema } from './policy/grading-schema.js';
import { GroupingSchema } from './policy/grouping-schema.js';
import { OnCallSchema } from './policy/on-call-schema.js';
import { PlaybooksSchema } from './policy/playbooks-schema.js';
import { ReceiverSchema } from './policy/receivers-schema.js';
import { RootCausesSchema } from './policy/root-causes-schema.js';
import { RouteSchema } from './policy/routes-schema.js';
import { TemplatesSchema } from './policy/templates-schema.js';

const secret = z.string().min(16, 'must be at least 16 characters');

/**
 * SETTINGS_SECTIONS is the shape of the `--config` YAML file, section by
 * section: where to listen, how ingest is authenticated, the promise
 * warnings' leads (detection; docs/detection.md), and the response policy
 * (receivers, routes, grading … root causes; docs/policy.md). Every
 * section is optional and takes the shipped default when left out, so a file
 * with only receivers and routes is complete; unknown keys are errors.
 */
export const SETTINGS_SECTIONS = {
  server: z
    .object({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(1).max(65535).default(8080),
      /** The console's address as people reach it, for links in messages. */
      publicUrl: z.url().optional(),
      /** Largest request body accepted, in bytes (ingest of big pages). */
      bodyLimit: z.number().int().min(1024).max(256 * 1024 * 1024).default(32 * 1024 * 1024),
    })
    .strict()
    .prefault({}),
  auth: z
    .object({
      sessionHours: z.number().min(1).max(24 * 90).default(12),
      /** Set the Secure flag on the session cookie (behind HTTPS). */
      secureCookie: z.boolean().default(false),
    })
    .strict()
    .prefault({}),
  ingest: z
    .object({
      /** Per-channel HMAC-SHA256 secrets for signed ingest requests. */
      secrets: z.partialRecord(z.enum([...CHANNELS, 'kuaidi100']), secret).default({}),
      /** Kuaidi100's callback salt (sign = md5(param + salt)). */
      kuaidi100Salt: z.string().min(1).optional(),
    })
    .strict()
    .prefault({}),
  detection: DetectionSchema,
  receivers: z.array(ReceiverSchema).default([]),
  routes: z.array(RouteSchema).default([]),
  customerTiers: CustomerTiersSchema,
  grading: GradingSchema,
  grouping: GroupingSchema,
  fixList: FixListSchema,
  escalation: EscalationSchema,
  reminders: RemindersSchema,
  onCall: OnCallSchema,
  playbooks: PlaybooksSchema,
  templates: TemplatesSchema,
  compensation: CompensationSchema,
  rootCauses: RootCausesSchema,
};

/** SettingsSchema validates a whole config file, cross references included. */
export const SettingsSchema = z
  .object(SETTINGS_SECTIONS)
  .strict()
  .superRefine((settings, ctx) => {
    for (const issue of crossReferenceIssues({ ...settings, receiverNames: settings.receivers.map((r) => r.name), routeReceivers: settings.routes.map((r) => r.receivers) })) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
  });

/** Settings is the validated configuration with defaults filled in. */
export type Settings = z.infer<typeof SettingsSchema>;

/** SettingsSection names a top-level key of the file. */
export type SettingsSection = keyof typeof SETTINGS_SECTIONS;

/** DEFAULT_SETTINGS is what runs when no config file is given. */
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
