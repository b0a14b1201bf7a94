import { z } from 'zod';
import { CHANNELS } from '../domain/channel.js';

const secret = z.string().min(16, 'must be at least 16 characters');

/**
 * SettingsSchema is the part of the `--config` YAML file the foundation
 * reads: where to listen and how ingest requests are authenticated. Every
 * section is optional; unknown keys are errors. The response engine's
 * sections (receivers, routes, grading …) are accepted here and validated by
 * their own schema when that engine reads them.
 */
export const SettingsSchema = z
  .object({
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
    receivers: z.array(z.unknown()).optional(),
    routes: z.array(z.unknown()).optional(),
  })
  .strict();

/** Settings is the validated configuration with defaults filled in. */
export type Settings = z.infer<typeof SettingsSchema>;

/** DEFAULT_SETTINGS is what runs when no config file is given. */
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
