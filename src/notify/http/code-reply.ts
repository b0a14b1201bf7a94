import { rateLimited, rejected, retryLater, sent, type SendResult } from '../send-result.js';
import { classifyHttpFailure } from './classify-http.js';
import { parseJsonObject, type HttpOutcome } from './post.js';

/**
 * CodeReplyRules describe a chat platform that answers HTTP 200 with a code
 * in the body ({"errcode":0,"errmsg":"ok"}, {"code":0,"msg":"success"}):
 * only the code decides, and the platform's message goes into the error.
 */
export interface CodeReplyRules {
  readonly platform: string;
  /** Body fields holding the code and message, first present wins (Feishu has two spellings). */
  readonly codeFields: readonly string[];
  readonly messageFields: readonly string[];
  readonly rateLimitCodes: ReadonlyMap<number, number | undefined>;
  readonly retryableCodes: ReadonlySet<number>;
  /** Extra words for a code whose platform message is terse. */
  readonly explain?: ReadonlyMap<number, string>;
  /** Where the platform's reply carries a message id. */
  readonly messageIdField?: string;
}

/** decideCodeReply classifies one exchange with a code-in-body platform; a non-JSON or non-2xx answer falls back to HTTP rules. */
export function decideCodeReply(rules: CodeReplyRules, outcome: HttpOutcome, now: number): SendResult {
  if (outcome.kind === 'failed') return classifyHttpFailure(rules.platform, outcome, now);
  const reply = parseJsonObject(outcome.text);
  const code = reply === undefined ? undefined : firstField(reply, rules.codeFields);
  const success = outcome.status >= 200 && outcome.status < 300;
  if (typeof code !== 'number') {
    return success ? rejected(`${rules.platform}: unexpected reply: ${outcome.text.slice(0, 200)}`) : classifyHttpFailure(rules.platform, outcome, now);
  }
  if (code === 0) {
    const id = rules.messageIdField === undefined || reply === undefined ? undefined : reply[rules.messageIdField];
    return sent(typeof id === 'string' ? id : undefined);
  }
  const message = reply === undefined ? undefined : firstField(reply, rules.messageFields);
  const explanation = rules.explain?.get(code);
  const error = `${rules.platform} ${code}: ${typeof message === 'string' ? message : ''}${explanation === undefined ? '' : ` (${explanation})`}`;
  if (rules.rateLimitCodes.has(code)) return rateLimited(error, rules.rateLimitCodes.get(code));
  if (rules.retryableCodes.has(code) || outcome.status >= 500) return retryLater(error);
  return rejected(error);
}

function firstField(reply: Record<string, unknown>, fields: readonly string[]): unknown {
  for (const field of fields) if (reply[field] !== undefined) return reply[field];
  return undefined;
}
