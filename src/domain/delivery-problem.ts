import type { Bilingual } from './finding.js';

/**
 * deliveryProblem says in words why a message did not go, from the sender's
 * reason (a short English line with the platform's own code, kept for the
 * technical details) and where the message stands: a supervisor on the
 * Chinese console should not have to read "sms aliyun: network error: fetch
 * failed" to know that the SMS may have gone and will not be repeated.
 * Said the same on the incident page (the API adds it to each outbox entry)
 * and in the evidence PDF. The first rule that matches wins; the order puts the specific before the
 * general (an SMS "may have been sent" is also a network error).
 */
export function deliveryProblem(reason: string, state: string): Bilingual {
  const rule = RULES.find(([pattern]) => pattern.test(reason));
  const [, zh, en] = rule ?? [/./, '发送失败', 'Sending failed'];
  // A message still pending is retried by the worker; a dead one is not.
  const retried = state === 'pending' && !/may have been sent/.test(reason);
  return {
    zh: `${zh}${state === 'dead' ? '，已停止重试' : retried ? '，将自动重试' : ''}`,
    en: `${en}${state === 'dead' ? '; no more retries' : retried ? '; it will be retried' : ''}`,
  };
}

const RULES: ReadonlyArray<readonly [RegExp, string, string]> = [
  [/may have been sent/i, '短信可能已发出：为免客户收到两条，不再重发，请在短信平台的发送记录中核对', 'The SMS may have been sent: not sent again so the customer does not get it twice; check the SMS platform’s delivery report'],
  [/not in the policy file/i, '接收方已不在策略文件中', 'The receiver is no longer in the policy file'],
  [/no phone numbers/i, '没有可发送的手机号', 'No phone number to send to'],
  [/invalid URL/i, '接收方地址无效，请检查策略中的地址', 'The receiver’s address is not valid; check it in the policy'],
  [/rate limit|HTTP 429|too many|频率|限流/i, '接收方限流，稍后再发', 'The receiver is limiting how often we send'],
  [/timeout|timed out/i, '接收方没有在时限内应答', 'The receiver did not answer in time'],
  [/network error|fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|socket/i, '连不上接收方（网络错误）', 'Could not reach the receiver (network error)'],
  [/sign|secret|token|keyword|关键词|签名|\bIP\b|whitelist|白名单/i, '接收方拒收：签名、令牌、关键词或 IP 设置不符，请检查策略与平台后台', 'Refused by the receiver: signature, token, keyword or IP settings do not match; check the policy and the platform'],
  [/bytes; a robot takes|too large|too long|超过/i, '消息或文件超出接收方的大小限制', 'The message or file is larger than the receiver takes'],
  [/HTTP 5\d\d/, '接收方服务出错', 'The receiver’s service failed'],
  [/HTTP 4\d\d|rejected|unexpected reply/i, '接收方拒收', 'Refused by the receiver'],
];
