import type { Severity } from './finding.js';

/** NotificationSeverity is the finding severity a message carries; it picks colours and digest order. */
export type NotificationSeverity = Severity;

/** NotificationAttachment is a file sent along (email attaches it, webhook embeds it, chat robots drop it). */
export interface NotificationAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

/** NotificationSms carries what a template-bound SMS needs; other channels ignore it. */
export interface NotificationSms {
  readonly phoneNumbers: readonly string[];
  readonly templateParam: Readonly<Record<string, string>>;
}

/** MessageAction is a one-click button or link of a message (认领 / 暂停提醒 / 查看): its words and its signed URL. */
export interface MessageAction {
  readonly label: string;
  readonly url: string;
}

/**
 * NotificationMessage is what the rest of orderwatch decides to say, before
 * any platform's format. Each sender renders it for its platform and fits it
 * to that platform's size limit, so the message itself is never truncated.
 *
 * `body` is "markdown-ish" on purpose: plain lines, `**bold**`,
 * `[text](url)` and `- ` list items are the subset that WeCom, DingTalk,
 * Feishu, HTML e-mail and plain text can all show faithfully.
 */
export interface NotificationMessage {
  /** Short, Chinese first, e.g. "【A级】订单 taobao:123 延迟 5 天". */
  readonly title: string;
  readonly body: string;
  readonly severity: NotificationSeverity;
  /** Console URL: the "open in console" button and the target of the truncation notice. */
  readonly link?: string;
  /** One-click actions: buttons where the platform has them (DingTalk actionCard, Feishu card), links elsewhere. */
  readonly actions?: readonly MessageAction[];
  readonly mentionMobiles?: readonly string[];
  readonly sms?: NotificationSms;
  readonly attachments?: readonly NotificationAttachment[];
}

const SEVERITY_RANK: Readonly<Record<NotificationSeverity, number>> = { info: 0, warning: 1, critical: 2 };

/** maxSeverity is the most severe of the given severities ('info' for none). */
export function maxSeverity(severities: Iterable<NotificationSeverity>): NotificationSeverity {
  let max: NotificationSeverity = 'info';
  for (const severity of severities) if (SEVERITY_RANK[severity] > SEVERITY_RANK[max]) max = severity;
  return max;
}

/** SEVERITY_LABEL is the Chinese word shown beside a message's title. */
export const SEVERITY_LABEL: Readonly<Record<NotificationSeverity, string>> = {
  info: '通知',
  warning: '警告',
  critical: '紧急',
};
