import type { CodeReplyRules } from '../http/code-reply.js';

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
