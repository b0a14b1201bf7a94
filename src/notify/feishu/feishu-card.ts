import { fitSerialized } from '../fit.js';
import { SEVERITY_LABEL, type NotificationMessage, type NotificationSeverity } from '../../domain/notification.js';
import type { FeishuReceiver } from '../receiver.js';

/**
 * FEISHU_MAX_BODY_BYTES: Feishu rejects a body over 20 KB (code 9499). Read
 * as 20 000 bytes, not 20 480, to stay clear of whichever one they mean.
 */
export const FEISHU_MAX_BODY_BYTES = 20_000;

/** FeishuSignature is the pair a signed bot expects in the body. */
export interface FeishuSignature {
  readonly timestamp: string;
  readonly sign: string;
}

/** FeishuCard is the interactive card of a message (the "card" object of msg_type interactive). */
export interface FeishuCard {
  readonly config: { readonly wide_screen_mode: boolean };
  readonly header: { readonly template: string; readonly title: { readonly tag: 'plain_text'; readonly content: string } };
  readonly elements: readonly unknown[];
}

/** FeishuPayload is the JSON body of one bot message. */
export type FeishuPayload = Partial<FeishuSignature> & { readonly msg_type: 'interactive'; readonly card: FeishuCard };

// Card header templates: red for what wakes people, orange for attention, blue for news.
const HEADER_TEMPLATE: Readonly<Record<NotificationSeverity, string>> = { critical: 'red', warning: 'orange', info: 'blue' };

/**
 * feishuPayload renders a message as an interactive card: the header colour
 * by severity, the body as card markdown, a button to the console link. The
 * markdown is fitted so that the whole body, signature included, stays
 * within FEISHU_MAX_BODY_BYTES. Mentions are not rendered: Feishu's <at>
 * needs a Feishu user id, and orderwatch knows people by mobile.
 */
export function feishuPayload(message: NotificationMessage, receiver: FeishuReceiver, signature?: FeishuSignature): FeishuPayload {
  const title = withKeyword(oneLine(message.title), message.body, receiver.keyword);
  const link = message.link;
  const actions = message.actions ?? [];
  // One-click actions are the card's buttons (认领 first, as the primary one); without them, the console link is.
  const buttons =
    actions.length > 0
      ? actions.map((a, i) => ({ tag: 'button', text: { tag: 'plain_text', content: a.label }, type: i === 0 ? 'primary' : 'default', url: a.url }))
      : link === undefined
        ? []
        : [{ tag: 'button', text: { tag: 'plain_text', content: '在控制台打开' }, type: 'primary', url: link }];
  const head = `**级别: ${SEVERITY_LABEL[message.severity]}**\n${message.body}`;
  const build = (content: string): FeishuPayload => ({
    ...(signature === undefined ? {} : { timestamp: signature.timestamp, sign: signature.sign }),
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: { template: HEADER_TEMPLATE[message.severity], title: { tag: 'plain_text', content: title } },
      elements: [
        { tag: 'markdown', content },
        ...(buttons.length === 0 ? [] : [{ tag: 'action', actions: buttons }]),
      ],
    },
  });
  return build(fitSerialized(head, FEISHU_MAX_BODY_BYTES, (content) => JSON.stringify(build(content)), { link }));
}

/** A bot in keyword mode drops a message without its keyword; the header is where it reads best. */
function withKeyword(title: string, body: string, keyword: string | undefined): string {
  if (keyword === undefined || keyword === '' || title.includes(keyword) || body.includes(keyword)) return title;
  return `【${keyword}】${title}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
