import { rateLimited, rejected, retryLater, type SendFailure } from '../send-result.js';
import { retryAfterMs, type HttpOutcome } from './post.js';

/**
 * classifyHttpFailure turns a transport failure or a non-2xx status into a
 * SendFailure by the usual HTTP rules: network errors, 408, 5xx retry; 429
 * is a rate limit; any other 4xx is our fault and will not get better.
 * Platform-specific codes are decided by each sender before falling back here.
 */
export function classifyHttpFailure(platform: string, outcome: HttpOutcome, now: number): SendFailure {
  if (outcome.kind === 'failed') {
    return outcome.permanent ? rejected(`${platform}: ${outcome.error}`) : retryLater(`${platform}: ${outcome.error}`);
  }
  const snippet = outcome.text.slice(0, 200);
  const reason = `${platform}: HTTP ${outcome.status}${snippet === '' ? '' : `: ${snippet}`}`;
  if (outcome.status === 429) return rateLimited(reason, retryAfterMs(outcome.headers, now));
  if (outcome.status === 408 || outcome.status >= 500) return retryLater(reason);
  return rejected(reason);
}
