import { fitText } from '../fit.js';
import { toPlainText } from '../format/plain-text.js';
import { SEVERITY_LABEL, type NotificationMessage, type NotificationSeverity } from '../../domain/notification.js';
import type { WecomReceiver } from '../receiver.js';
import { actionsMarkdown, actionsPlain, withTail } from '../action-links/render.js';

/** WECOM_MARKDOWN_MAX_BYTES is WeCom's limit on markdown content (longer → errcode 40058). */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
/** WECOM_TEXT_MAX_BYTES is WeCom's limit on text content. */
export const WECOM_TEXT_MAX_BYTES = 2048;

/** WecomPayload is the JSON body of one robot message. */
export type WecomPayload =
  | { readonly msgtype: 'markdown'; readonly markdown: { readonly content: string } }
  | {
      readonly msgtype: 'text';
      readonly text: { readonly content: string; readonly mentioned_mobile_list: readonly string[] };
    };

// WeCom markdown knows three colours: info (green), comment (grey), warning (orange-red).
const COLOUR: Readonly<Record<NotificationSeverity, string>> = { info: 'info', warning: 'warning', critical: 'warning' };

/**
 * wecomPayload renders a message for a WeCom group robot.
 *
 * Markdown is the default: it shows bold, links and the severity colour. But
 * WeCom's markdown has no mention list, and an alert that must wake someone
 * is useless without the @; so when anyone is to be mentioned the message
 * goes as one text message with `mentioned_mobile_list` instead. One send is
 * always one robot message: that keeps the 20-a-minute accounting exact and
 * avoids a half-delivered pair whose retry would repeat the first half.
 */
export function wecomPayload(message: NotificationMessage, receiver: WecomReceiver): WecomPayload {
  const mentions = [...new Set([...(receiver.mentionMobiles ?? []), ...(message.mentionMobiles ?? [])])];
  const title = oneLine(message.title);
  const link = message.link;
  if (mentions.length > 0) {
    const parts = [`[${SEVERITY_LABEL[message.severity]}] ${title}`, toPlainText(message.body)];
    if (link !== undefined) parts.push(`在控制台打开: ${link}`);
    const content = withTail(WECOM_TEXT_MAX_BYTES, actionsPlain(message.actions), (budget) => fitText(parts.filter((p) => p !== '').join('\n'), budget, { link }));
    return { msgtype: 'text', text: { content, mentioned_mobile_list: mentions } };
  }
  const parts = [
    `### ${title}`,
    `> 级别: <font color="${COLOUR[message.severity]}">${SEVERITY_LABEL[message.severity]}</font>`,
    message.body,
  ];
  if (link !== undefined) parts.push(`[在控制台打开](${link})`);
  // WeCom robots have no buttons: the one-click actions are markdown links, kept whole after the fitted text.
  const content = withTail(WECOM_MARKDOWN_MAX_BYTES, actionsMarkdown(message.actions), (budget) => fitText(parts.filter((p) => p !== '').join('\n'), budget, { link }));
  return { msgtype: 'markdown', markdown: { content } };
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
