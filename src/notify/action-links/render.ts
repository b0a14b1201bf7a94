import type { MessageAction } from '../../domain/notification.js';
import { utf8Bytes } from '../fit.js';

/** actionsMarkdown is a message's one-click actions as one line of markdown links: [认领](…) · [暂停提醒](…) · [查看](…). */
export function actionsMarkdown(actions: readonly MessageAction[] | undefined): string {
  return (actions ?? []).map((a) => `[${a.label}](${a.url})`).join(' · ');
}

/** actionsPlain is the actions as "认领: URL" lines, for plain text (a mentioning WeCom text, an e-mail's text part). */
export function actionsPlain(actions: readonly MessageAction[] | undefined): string {
  return (actions ?? []).map((a) => `${a.label}: ${a.url}`).join('\n');
}

/**
 * withTail fits `fit` (which fits a text to a byte budget) so that `tail`
 * still follows it on its own line within `maxBytes`: the actions are never
 * the part a long message loses.
 */
export function withTail(maxBytes: number, tail: string, fit: (budget: number) => string): string {
  if (tail === '') return fit(maxBytes);
  return `${fit(maxBytes - utf8Bytes(tail) - 1)}\n${tail}`;
}
