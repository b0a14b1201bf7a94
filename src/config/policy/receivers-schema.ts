import { z } from 'zod';
import { NameSchema } from './value-schemas.js';

const webhookUrl = z.url({ protocol: /^https?$/, error: 'expected the full http(s) URL' });
const mobiles = z.array(z.string().regex(/^\+?\d{5,15}$/, 'expected a phone number of digits')).optional();
const common = {
  /** Unique; routes name receivers by it. */
  name: NameSchema,
  /** At most this many messages a minute to this receiver (WeCom and DingTalk robots allow 20). */
  rateLimitPerMinute: z.number().int().min(1).max(10_000).optional(),
};

/**
 * ReceiverSchema is one place notifications go, discriminated by `type`.
 * The shape is the contract with src/notify: field names stay as they are.
 */
export const ReceiverSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('wecom'), url: webhookUrl, mentionMobiles: mobiles }).strict(),
  z
    .object({
      ...common,
      type: z.literal('dingtalk'),
      url: webhookUrl,
      secret: z.string().min(1).optional(),
      keyword: z.string().min(1).optional(),
      atMobiles: mobiles,
      style: z.enum(['markdown', 'actionCard']).optional(),
    })
    .strict(),
  z.object({ ...common, type: z.literal('feishu'), url: webhookUrl, secret: z.string().min(1).optional(), keyword: z.string().min(1).optional() }).strict(),
  z
    .object({
      ...common,
      type: z.literal('email'),
      smtp: z
        .object({
          host: z.string().min(1),
          port: z.number().int().min(1).max(65535),
          secure: z.boolean().optional(),
          user: z.string().min(1).optional(),
          password: z.string().min(1).optional(),
        })
        .strict(),
      from: z.string().min(3),
      to: z.array(z.email()).min(1, 'expected at least one address'),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('sms'),
      provider: z.literal('aliyun'),
      url: webhookUrl.optional(),
      accessKeyId: z.string().min(1),
      accessKeySecret: z.string().min(1),
      signName: z.string().min(1),
      templateCode: z.string().min(1),
      phoneNumbers: z.array(z.string().regex(/^\+?\d{5,15}$/, 'expected a phone number of digits')).optional(),
    })
    .strict(),
  z.object({ ...common, type: z.literal('webhook'), url: webhookUrl, secret: z.string().min(1).optional() }).strict(),
  z.object({ ...common, type: z.literal('ticket') }).strict(),
]);

/** Receiver is a parsed receiver. */
export type Receiver = z.infer<typeof ReceiverSchema>;

/** ReceiverType names the integrations. */
export type ReceiverType = Receiver['type'];
