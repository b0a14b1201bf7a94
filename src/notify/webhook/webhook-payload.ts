import type { NotificationMessage } from '../../domain/notification.js';

/** WEBHOOK_PAYLOAD_VERSION changes only when a field changes meaning; new fields may appear without it. */
export const WEBHOOK_PAYLOAD_VERSION = 1;

/** WebhookPayload is orderwatch's own notification JSON, for systems that are not chat robots. */
export interface WebhookPayload {
  readonly type: 'orderwatch.notification';
  readonly version: typeof WEBHOOK_PAYLOAD_VERSION;
  readonly idempotencyKey: string;
  /** ISO-8601 UTC; signed with the rest of the body. */
  readonly sentAt: string;
  readonly receiver: string;
  readonly title: string;
  readonly body: string;
  readonly severity: NotificationMessage['severity'];
  readonly link?: string;
  readonly actions?: readonly { readonly label: string; readonly url: string }[];
  readonly mentionMobiles?: readonly string[];
  readonly attachments?: readonly {
    readonly filename: string;
    readonly contentType: string;
    readonly size: number;
    readonly contentBase64: string;
  }[];
}

/**
 * webhookPayload is the body posted to a webhook receiver: the whole message,
 * untruncated (there is no platform limit to fit), attachments as base64
 * with their byte size. `sms` is not included: a webhook is not a phone.
 */
export function webhookPayload(
  message: NotificationMessage,
  context: { readonly receiver: string; readonly idempotencyKey: string; readonly now: number },
): WebhookPayload {
  return {
    type: 'orderwatch.notification',
    version: WEBHOOK_PAYLOAD_VERSION,
    idempotencyKey: context.idempotencyKey,
    sentAt: new Date(context.now).toISOString(),
    receiver: context.receiver,
    title: message.title,
    body: message.body,
    severity: message.severity,
    ...(message.link === undefined ? {} : { link: message.link }),
    ...(message.actions === undefined ? {} : { actions: message.actions.map((a) => ({ label: a.label, url: a.url })) }),
    ...(message.mentionMobiles === undefined ? {} : { mentionMobiles: message.mentionMobiles }),
    ...(message.attachments === undefined
      ? {}
      : {
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            size: a.content.length,
            contentBase64: a.content.toString('base64'),
          })),
        }),
  };
}
