import { decideCodeReply, type CodeReplyRules } from '../http/code-reply.js';
import { postRequest } from '../http/post.js';
import type { FeishuReceiver } from '../receiver.js';
import type { Sender, SenderDeps } from '../sender.js';
import { feishuPayload } from './feishu-card.js';
import { feishuSign } from './feishu-sign.js';

/**
 * Feishu answers {"code":0,"msg":"success"} (older bots: StatusCode /
 * StatusMessage). 11232 is its rate limit; 19021 bad sign or timestamp,
 * 19024 keyword missing and 9499 bad request or body over 20 KB will not
 * get better by retrying.
 */
export const FEISHU_REPLY_RULES: CodeReplyRules = {
  platform: 'feishu',
  codeFields: ['code', 'StatusCode'],
  messageFields: ['msg', 'StatusMessage'],
  rateLimitCodes: new Map([[11232, undefined]]),
  retryableCodes: new Set(),
  explain: new Map([
    [19021, 'bad sign or timestamp'],
    [19024, 'keyword missing'],
    [9499, 'bad request or body over 20 KB'],
    [11232, 'rate limited'],
  ]),
};

/** createFeishuSender sends an interactive card to a Feishu / Lark custom bot, signed when the receiver has a secret. */
export function createFeishuSender(receiver: FeishuReceiver, deps: SenderDeps = {}): Sender {
  return {
    async send(message, options) {
      const seconds = Math.floor(options.now / 1000);
      const signature =
        receiver.secret === undefined || receiver.secret === ''
          ? undefined
          : { timestamp: String(seconds), sign: feishuSign(receiver.secret, seconds) };
      const outcome = await postRequest({
        url: receiver.url,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(feishuPayload(message, receiver, signature)),
        fetch: deps.fetch,
        timeoutMs: deps.timeoutMs,
      });
      return decideCodeReply(FEISHU_REPLY_RULES, outcome, options.now);
    },
  };
}
