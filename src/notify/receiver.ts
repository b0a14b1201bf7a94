/**
 * Receiver configuration: one entry of the policy file's `receivers:` list.
 *
 * These are plain types, not a schema: src/config validates the YAML with zod
 * and its inferred type must stay structurally assignable to ReceiverConfig,
 * which is why the field names here are a contract (SPEC "Policy file").
 */

/** ReceiverBase holds what every receiver has: its name (routes refer to it) and an optional rate limit override. */
export interface ReceiverBase {
  readonly name: string;
  /** Overrides the platform's default per-minute limit (see rate-limit.ts). */
  readonly rateLimitPerMinute?: number;
}

/** WecomReceiver is a WeCom (企业微信) group robot, addressed by its full webhook URL. */
export interface WecomReceiver extends ReceiverBase {
  readonly type: 'wecom';
  readonly url: string;
  /** Mobiles (or "@all") to @-mention on every message of this robot. */
  readonly mentionMobiles?: readonly string[];
}

/** DingtalkReceiver is a DingTalk (钉钉) custom robot; `secret` (SEC...) turns on signed URLs. */
export interface DingtalkReceiver extends ReceiverBase {
  readonly type: 'dingtalk';
  readonly url: string;
  readonly secret?: string;
  /** The robot's security keyword, inserted into messages that lack it. */
  readonly keyword?: string;
  readonly atMobiles?: readonly string[];
  readonly style?: 'markdown' | 'actionCard';
}

/** FeishuReceiver is a Feishu / Lark custom bot; `secret` turns on the signature in the body. */
export interface FeishuReceiver extends ReceiverBase {
  readonly type: 'feishu';
  readonly url: string;
  readonly secret?: string;
  readonly keyword?: string;
}

/** EmailSmtp is how to reach the SMTP server; `secure` defaults to true on port 465 (implicit TLS). */
export interface EmailSmtp {
  readonly host: string;
  readonly port: number;
  readonly secure?: boolean;
  readonly user?: string;
  readonly password?: string;
}

/** EmailReceiver is a list of mailboxes reached through one SMTP server. */
export interface EmailReceiver extends ReceiverBase {
  readonly type: 'email';
  readonly smtp: EmailSmtp;
  readonly from: string;
  readonly to: readonly string[];
}

/** ALIYUN_SMS_DEFAULT_URL is Aliyun's SMS endpoint, used when an sms receiver names no `url`. */
export const ALIYUN_SMS_DEFAULT_URL = 'https://dysmsapi.aliyuncs.com/';

/** SmsReceiver is an SMS provider account with one template; `phoneNumbers` are the staff to text when a message names none. */
export interface SmsReceiver extends ReceiverBase {
  readonly type: 'sms';
  readonly provider: 'aliyun';
  /** Defaults to ALIYUN_SMS_DEFAULT_URL. */
  readonly url?: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly signName: string;
  readonly templateCode: string;
  readonly phoneNumbers?: readonly string[];
}

/** WebhookReceiver is any HTTP endpoint that takes orderwatch's own signed JSON. */
export interface WebhookReceiver extends ReceiverBase {
  readonly type: 'webhook';
  readonly url: string;
  readonly secret?: string;
}

/** TicketReceiver is the in-app ticket pool (工单池): the app writes tickets into the store, no sender is involved. */
export interface TicketReceiver extends ReceiverBase {
  readonly type: 'ticket';
}

/** ReceiverConfig is any receiver of the policy file. */
export type ReceiverConfig =
  | WecomReceiver
  | DingtalkReceiver
  | FeishuReceiver
  | EmailReceiver
  | SmsReceiver
  | WebhookReceiver
  | TicketReceiver;

/** ReceiverType is the `type:` of a receiver. */
export type ReceiverType = ReceiverConfig['type'];

/** RECEIVER_TYPES lists every receiver type, in the order the docs describe them. */
export const RECEIVER_TYPES: readonly ReceiverType[] = ['wecom', 'dingtalk', 'feishu', 'email', 'sms', 'webhook', 'ticket'];

/** DeliverableReceiver is a receiver that a Sender delivers to (all but the in-app ticket pool). */
export type DeliverableReceiver = Exclude<ReceiverConfig, TicketReceiver>;

/** isDeliverable tells whether a receiver is sent to by a Sender rather than written to the ticket pool. */
export function isDeliverable(receiver: ReceiverConfig): receiver is DeliverableReceiver {
  return receiver.type !== 'ticket';
}
