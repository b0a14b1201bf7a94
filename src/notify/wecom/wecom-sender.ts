import { decideCodeReply, type CodeReplyRules } from '../http/code-reply.js';
import { postRequest } from '../http/post.js';
import type { WecomReceiver } from '../receiver.js';
import type { Sender, SenderDeps } from '../sender.js';
import { wecomPayload } from './wecom-payload.js';

/** WeCom answers {"errcode":0,"errmsg":"ok"}; 45009 is its "over 20 a minute", -1 "system busy". */
export const WECOM_REPLY_RULES: CodeReplyRules = {
  platform: 'wecom',
  codeFields: ['errcode'],
  messageFields: ['errmsg'],
  rateLimitCodes: new Map([[45009, 60_000]]),
  retryableCodes: new Set([-1]),
  explain: new Map([
    [40058, 'content too long'],
    [93000, 'invalid webhook URL or key'],
    [45009, 'over 20 messages a minute'],
  ]),
};

/** createWecomSender sends to a WeCom group robot; the key travels in the configured URL. */
export function createWecomSender(receiver: WecomReceiver, deps: SenderDeps = {}): Sender {
  return {
    async send(message, options) {
      const outcome = await postRequest({
        url: receiver.url,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(wecomPayload(message, receiver)),
        fetch: deps.fetch,
        timeoutMs: deps.timeoutMs,
      });
      return decideCodeReply(WECOM_REPLY_RULES, outcome, options.now);
    },
  };
}
