import { fitText } from './fit.js';
import { maxSeverity, type NotificationMessage } from '../domain/notification.js';

/**
 * DIGEST_MAX_BODY_BYTES keeps a digest within the smallest chat limit (WeCom
 * markdown, 4096 bytes) with room for the title, colour and button that the
 * senders add, so a digest is cut here, by whole lines, and not by a sender.
 */
export const DIGEST_MAX_BODY_BYTES = 3_600;

/** DigestOptions: `link` is the console page listing these notifications (the digest's button and truncation target). */
export interface DigestOptions {
  readonly link?: string;
  readonly maxBodyBytes?: number;
}

/**
 * isDigestible tells whether a message may be merged into a digest. A
 * message with `sms` is addressed to particular phones through a template
 * (often a customer's comfort SMS): merging it would send a staff summary
 * to a customer or lose the SMS, and a digest drops attachments (an
 * evidence PDF), so the outbox sends those one by one.
 */
export function isDigestible(message: NotificationMessage): boolean {
  // A message carrying a file (an evidence PDF) would lose it in a digest: it waits for its own slot.
  return message.sms === undefined && (message.attachments === undefined || message.attachments.length === 0);
}

/**
 * mergeIntoDigest turns the messages that a rate limit held back for one
 * receiver into one message: title "N 条新通知", one line per message (its
 * title, linked to its console page), the highest severity, everyone
 * mentioned by any of them, fitted to DIGEST_MAX_BODY_BYTES. Attachments and
 * SMS parameters are not carried: the digest points to the console instead.
 * Its `link` is `options.link`, or the messages' link when they all share one.
 * Throws a RangeError for no messages: there is nothing to say.
 */
export function mergeIntoDigest(messages: readonly NotificationMessage[], options: DigestOptions = {}): NotificationMessage {
  if (messages.length === 0) throw new RangeError('mergeIntoDigest needs at least one message');
  const links = new Set(messages.map((m) => m.link));
  const link = options.link ?? (links.size === 1 ? messages[0]?.link : undefined);

  // Most severe first, then in the order they were decided.
  const ordered = messages
    .map((message, index) => ({ message, index }))
    .sort((a, b) => rank(b.message) - rank(a.message) || a.index - b.index)
    .map(({ message }) => message);
  const lines = ordered.map((m) => `- ${digestLine(m)}`);
  const body = fitText(lines.join('\n'), options.maxBodyBytes ?? DIGEST_MAX_BODY_BYTES, { link });

  const mentions = [...new Set(messages.flatMap((m) => m.mentionMobiles ?? []))];
  return {
    title: `${messages.length} 条新通知`,
    body,
    severity: maxSeverity(messages.map((m) => m.severity)),
    ...(link === undefined ? {} : { link }),
    ...(mentions.length === 0 ? {} : { mentionMobiles: mentions }),
  };
}

function rank(message: NotificationMessage): number {
  return message.severity === 'critical' ? 2 : message.severity === 'warning' ? 1 : 0;
}

/** One line: the title as a link when the message has one. Brackets in a title would end the link text early. */
function digestLine(message: NotificationMessage): string {
  const title = message.title.replace(/\r?\n/g, ' ').trim();
  if (message.link === undefined || message.link === '') return title;
  return `[${title.replace(/\[/g, '［').replace(/\]/g, '］')}](${message.link})`;
}
