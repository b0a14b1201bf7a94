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
import { DurationSchema } from './policy/value-schemas.js';
import { Kuaidi100Schema, kuaidi100Issues } from './kuaidi100-schema.js';
import { ShopsSchema } from './shops-schema.js';

const secret = z.string().min(16, 'must be at least 16 characters');
/** A channel's secret, or up to three while rotating (the new one first): each is accepted. */
const secrets = z.union([secret, z.array(secret).min(1, 'expected at least one secret').max(3, 'at most three secrets at once (the new one and those being retired)')]);

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
      /**
       * The console's address as people reach it, for links in messages; its
       * origin is also accepted as the Origin of state-changing requests (set
       * it behind a proxy that changes the Host header).
       */
      publicUrl: z.url().optional(),
      /** Largest ingest request body, in bytes (big pages of orders); other routes take far less. */
      bodyLimit: z.number().int().min(1024).max(256 * 1024 * 1024).default(32 * 1024 * 1024),
      /**
       * Request bodies read at once before their sender is known (signed
       * webhooks, whose signature covers the body); more wait, then get 503.
       */
      unauthenticatedBodies: z.number().int().min(1).max(64).default(2),
      /**
       * Trust X-Forwarded-For from these proxies (true: from any) to know a
       * client's address, which sign-in throttling counts by. Leave false
       * unless a proxy sits in front, or every client shares its address.
       */
      trustProxy: z.union([z.boolean(), z.array(z.string().min(1)).min(1)]).default(false),
      /**
       * Secret (≥ 32 characters) that signs the one-click links in messages
       * (认领 / 暂停提醒 / 查看, docs/notifications.md). Without it, and
       * without publicUrl, messages carry only the plain console link.
       */
      linkSecret: z.string().min(32, 'server.linkSecret must be at least 32 characters').optional(),
      /** How long a one-click link stays valid, in hours. */
      linkHours: z.number().min(0.25).max(24 * 7).default(24),
    })
    .strict()
    .prefault({}),
  auth: z
    .object({
      /** A session ends this long after sign-in, used or not. */
      sessionHours: z.number().min(1).max(24 * 90).default(12),
      /** A session not used for this long ends (ASVS 3.3.2: 30 minutes at level 2). */
      idleMinutes: z.number().int().min(5).max(24 * 60).default(30),
      /** Set the Secure flag on the session cookie (behind HTTPS). */
      secureCookie: z.boolean().default(false),
      /** Default lifetime of a new API token, in days (each token may say less or more, up to a year). */
      tokenDays: z.number().int().min(1).max(366).default(90),
    })
    .strict()
    .prefault({}),
  ingest: z
    .object({
      /** Per-channel HMAC-SHA256 secrets for signed ingest requests: one, or up to three while rotating. */
      secrets: z.partialRecord(z.enum([...CHANNELS, 'kuaidi100']), secrets).default({}),
      /** Kuaidi100's callback salt (sign = md5(param + salt)). */
      kuaidi100Salt: z.string().min(1).optional(),
      /** How long a secret (or salt) replaced by a reload is still accepted, so senders can switch without a gap. */
      secretOverlap: DurationSchema.prefault('1h'),
      /**
       * When set, X-Orderwatch-Signature must sign `<X-Orderwatch-Timestamp>.<body>`
       * and the timestamp (unix seconds) be at most this old: a captured
       * request cannot be replayed later.
       */
      signatureMaxAge: DurationSchema.optional(),
    })
    .strict()
    .prefault({}),
  storage: z
    .object({
      /**
       * SQLite's commit durability: `normal` syncs the WAL at checkpoints (a
       * power loss can lose the last commits, a crash cannot); `full` syncs
       * every commit (slower writes). PostgreSQL follows its own settings.
       */
      durability: z.enum(['normal', 'full']).default('normal'),
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
  /** Connected shops the worker pulls (docs/connectors.md). */
  shops: ShopsSchema,
  /** Kuaidi100 subscription of shipped orders' tracking numbers (docs/connectors.md). */
  kuaidi100: Kuaidi100Schema,
};

/** SettingsSchema validates a whole config file, cross references included. */
export const SettingsSchema = z
  .object(SETTINGS_SECTIONS)
  .strict()
  .superRefine((settings, ctx) => {
    for (const issue of crossReferenceIssues({ ...settings, receiverNames: settings.receivers.map((r) => r.name), routeReceivers: settings.routes.map((r) => r.receivers) })) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
    for (const issue of kuaidi100Issues(settings)) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
  });

/** Settings is the validated configuration with defaults filled in. */
export type Settings = z.infer<typeof SettingsSchema>;

/** SettingsSection names a top-level key of the file. */
export type SettingsSection = keyof typeof SETTINGS_SECTIONS;

/** DEFAULT_SETTINGS is what runs when no config file is given. */
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
