import { decideCodeReply, type CodeReplyRules } from '../http/code-reply.js';
import { postRequest } from '../http/post.js';
import type { DingtalkReceiver } from '../receiver.js';
import type { Sender, SenderDeps } from '../sender.js';
import { dingtalkPayload } from './dingtalk-payload.js';
import { signedDingtalkUrl } from './dingtalk-sign.js';

/** DINGTALK_THROTTLE_MS is how long DingTalk silences a robot that went over 20 a minute. */
export const DINGTALK_THROTTLE_MS = 10 * 60_000;

/**
 * DingTalk answers {"errcode":0,"errmsg":"ok"}. 310000 covers a bad sign, a
 * missing keyword, a stale timestamp and a foreign IP alike (only errmsg
 * tells which), all of which the same request will meet again.
 */
export const DINGTALK_REPLY_RULES: CodeReplyRules = {
  platform: 'dingtalk',
  codeFields: ['errcode'],
  messageFields: ['errmsg'],
  rateLimitCodes: new Map([[130101, DINGTALK_THROTTLE_MS]]),
  retryableCodes: new Set([-1]),
  explain: new Map([
    [310000, 'security check failed: sign, keyword, timestamp or IP'],
    [300001, 'access token does not exist'],
    [130101, 'over 20 messages a minute; robot throttled for 10 minutes'],
  ]),
};

/** createDingtalkSender sends to a DingTalk custom robot, signing the URL when the receiver has a secret. */
export function createDingtalkSender(receiver: DingtalkReceiver, deps: SenderDeps = {}): Sender {
  return {
    async send(message, options) {
      let url = receiver.url;
      if (receiver.secret !== undefined && receiver.secret !== '') {
        try {
          url = signedDingtalkUrl(receiver.url, receiver.secret, options.now);
        } catch (error) {
          return { ok: false, retryable: false, rateLimited: false, error: `dingtalk: bad robot URL: ${String(error)}` };
        }
      }
      const outcome = await postRequest({
        url,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(dingtalkPayload(message, receiver)),
        fetch: deps.fetch,
        timeoutMs: deps.timeoutMs,
      });
      return decideCodeReply(DINGTALK_REPLY_RULES, outcome, options.now);
    },
  };
}
