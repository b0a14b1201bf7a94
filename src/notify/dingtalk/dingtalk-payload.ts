import { fitSerialized } from '../fit.js';
import { parseBody } from '../format/inline.js';
import { SEVERITY_LABEL, type NotificationMessage } from '../../domain/notification.js';
import type { DingtalkReceiver } from '../receiver.js';
import { actionsMarkdown } from '../action-links/render.js';

/**
 * DINGTALK_MAX_BODY_BYTES bounds the whole request body. PROTOCOLS.md gives
 * no DingTalk figure, so this is the same conservative 20 000 bytes as
 * Feishu: far more than a readable chat message needs.
 */
export const DINGTALK_MAX_BODY_BYTES = 20_000;

/** DingtalkAt is who a message mentions; DingTalk also needs "@mobile" in the text to render it. */
export interface DingtalkAt {
  readonly atMobiles: readonly string[];
  readonly isAtAll: boolean;
}

/** DingtalkPayload is the JSON body of one robot message. */
export type DingtalkPayload =
  | { readonly msgtype: 'markdown'; readonly markdown: { readonly title: string; readonly text: string }; readonly at: DingtalkAt }
  | {
      readonly msgtype: 'actionCard';
      readonly actionCard: { readonly title: string; readonly text: string; readonly singleTitle: string; readonly singleURL: string };
    }
  | {
      readonly msgtype: 'actionCard';
      /** Independent-jump card: one button per action; btnOrientation "1" lays them side by side. */
      readonly actionCard: { readonly title: string; readonly text: string; readonly btnOrientation: '0' | '1'; readonly btns: ReadonlyArray<{ readonly title: string; readonly actionURL: string }> };
    };

/**
 * dingtalkPayload renders a message for a DingTalk custom robot.
 *
 * `style: actionCard` gives the console link a real button, but an action
 * card cannot mention anyone; when someone must be @-ed, or there is no link
 * for the button, the message goes as markdown with the link as a line.
 * A configured keyword is put in front of the title when the message lacks
 * it, because a robot in keyword mode drops every message without one.
 */
export function dingtalkPayload(message: NotificationMessage, receiver: DingtalkReceiver): DingtalkPayload {
  const mentions = [...new Set([...(receiver.atMobiles ?? []), ...(message.mentionMobiles ?? [])])];
  const isAtAll = mentions.includes('@all');
  const atMobiles = mentions.filter((m) => m !== '@all');
  const title = withKeyword(oneLine(message.title), message.body, receiver.keyword);
  const head = `#### ${title}\n\n> 级别: **${SEVERITY_LABEL[message.severity]}**\n\n${dingtalkMarkdown(message.body)}`;
  const link = message.link;
  const actions = message.actions ?? [];

  // One-click actions (认领 / 暂停提醒 / 查看) are card buttons; a card cannot @ anyone, so with mentions they are links below.
  if (actions.length > 0 && mentions.length === 0) {
    const btns = actions.map((a) => ({ title: a.label, actionURL: a.url }));
    const build = (text: string): DingtalkPayload => ({ msgtype: 'actionCard', actionCard: { title, text, btnOrientation: '1', btns } });
    return build(fitSerialized(head, DINGTALK_MAX_BODY_BYTES, (t) => JSON.stringify(build(t)), { link }));
  }

  if (receiver.style === 'actionCard' && link !== undefined && mentions.length === 0) {
    const build = (text: string): DingtalkPayload => ({
      msgtype: 'actionCard',
      actionCard: { title, text, singleTitle: '在控制台打开', singleURL: link },
    });
    return build(fitSerialized(head, DINGTALK_MAX_BODY_BYTES, (t) => JSON.stringify(build(t)), { link }));
  }

  const links = actions.length > 0 ? `\n\n${actionsMarkdown(actions)}` : link === undefined ? '' : `\n\n[在控制台打开](${link})`;
  const main = `${head}${links}`;
  // The @mobile tail is outside the fitted part so that truncation never drops a mention.
  const tail = [...atMobiles.map((m) => `@${m}`), ...(isAtAll ? ['@所有人'] : [])].join(' ');
  const build = (text: string): DingtalkPayload => ({
    msgtype: 'markdown',
    markdown: { title, text: tail === '' ? text : `${text}\n\n${tail}` },
    at: { atMobiles, isAtAll },
  });
  return build(fitSerialized(main, DINGTALK_MAX_BODY_BYTES, (t) => JSON.stringify(build(t)), { link }));
}

/**
 * DingTalk's markdown joins single newlines into one paragraph; a line that
 * should stay a line ends with two spaces, and a list needs a blank line
 * before it.
 */
function dingtalkMarkdown(body: string): string {
  const lines = body.split(/\r?\n/);
  const kinds = parseBody(body);
  const out: string[] = [];
  lines.forEach((line, i) => {
    const isList = kinds[i]?.listItem ?? false;
    const previousIsList = i > 0 && (kinds[i - 1]?.listItem ?? false);
    if (isList && i > 0 && !previousIsList && out.length > 0 && out[out.length - 1] !== '') out.push('');
    out.push(isList || line.trim() === '' ? line : `${line}  `);
  });
  return out.join('\n');
}

function withKeyword(title: string, body: string, keyword: string | undefined): string {
  if (keyword === undefined || keyword === '' || title.includes(keyword) || body.includes(keyword)) return title;
  return `【${keyword}】${title}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
