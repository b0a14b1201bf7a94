/** KUAIDI100_POLL_URL is the subscription address (订阅请求地址) of Kuaidi100's 快递信息推送服务. */
export const KUAIDI100_POLL_URL = 'https://poll.kuaidi100.com/poll';

/** KUAIDI100_SUBSCRIBE_TIMEOUT_MS bounds one subscription: a Kuaidi100 that hangs is a failure to retry, not a stuck worker. */
export const KUAIDI100_SUBSCRIBE_TIMEOUT_MS = 10_000;

/** Kuaidi100Account is what every subscription carries: the key, where to push, and the salt pushes are signed with. */
export interface Kuaidi100Account {
  readonly key: string;
  readonly callbackUrl: string;
  readonly salt: string;
  /** The subscription address; KUAIDI100_POLL_URL unless a stand-in. */
  readonly url?: string;
}

/** Kuaidi100Waybill is one tracking number to subscribe, at its Kuaidi100 company, with the phone SF and ZTO require. */
export interface Kuaidi100Waybill {
  readonly company: string;
  readonly number: string;
  readonly phone?: string;
}

/**
 * SubscribeOutcome is Kuaidi100's answer in our words: `subscribed` (200)
 * and `already` (501, the number is being tracked) both mean the pushes
 * will come; `refused` is this number as sent (700/701/702: it will never
 * be accepted, retrying is useless); `setup` is the account (600/601: key
 * wrong or expired, a person must act); `transient` is worth retrying
 * (500, HTTP errors, no answer).
 */
export interface SubscribeOutcome {
  readonly kind: 'subscribed' | 'already' | 'refused' | 'setup' | 'transient';
  /** Kuaidi100's returnCode, or `HTTP 502`, `timeout`, `network`. */
  readonly code: string;
  /** What happened, in words (Kuaidi100's own message included). */
  readonly message: string;
}

/**
 * KUAIDI100_RETURN_CODES are the subscription's documented return codes
 * (订阅接口 返回码, docs/connectors.md) with what each means for us.
 */
export const KUAIDI100_RETURN_CODES: Readonly<Record<string, { readonly kind: SubscribeOutcome['kind']; readonly zh: string; readonly en: string }>> = {
  '200': { kind: 'subscribed', zh: '提交成功', en: 'subscribed' },
  '501': { kind: 'already', zh: '重复订阅：该单号已在跟踪中', en: 'already subscribed: the number is being tracked' },
  '700': { kind: 'refused', zh: '订阅数据有误（不支持的快递公司、单号为空或超长）或回调地址有误', en: 'the subscription data is wrong (unsupported carrier, empty or too long number) or the callback address is' },
  '701': { kind: 'refused', zh: '快递100拒绝订阅该快递公司', en: 'Kuaidi100 refuses subscriptions for this carrier' },
  '702': { kind: 'refused', zh: '快递100识别不到该单号对应的快递公司', en: 'Kuaidi100 cannot tell which carrier this number belongs to' },
  '600': { kind: 'setup', zh: '授权key无效：不是合法的订阅者，请检查 kuaidi100.key', en: 'the key is not valid (not a subscriber): check kuaidi100.key' },
  '601': { kind: 'setup', zh: '授权key已过期，请续费或更换 kuaidi100.key', en: 'the key has expired: renew it or change kuaidi100.key' },
  '500': { kind: 'transient', zh: '快递100服务器错误，稍后重试', en: 'Kuaidi100 failed on its side; retried later' },
};

/**
 * subscriptionForm writes a subscription as the document says: a form
 * (`application/x-www-form-urlencoded`) of `schema=json` and `param`, the
 * JSON of company, number, key and parameters {callbackurl, salt, resultv2,
 * phone}. `resultv2: "4"` asks for the detailed states (101, 205 …) and the
 * areas the callback reads; the phone goes only to the companies that need
 * it, so no buyer's number leaves for nothing.
 */
export function subscriptionForm(waybill: Kuaidi100Waybill, account: Kuaidi100Account): URLSearchParams {
  const parameters: Record<string, string> = { callbackurl: account.callbackUrl, salt: account.salt, resultv2: '4' };
  if (waybill.phone !== undefined && waybill.phone !== '') parameters['phone'] = waybill.phone;
  const param = { company: waybill.company, number: waybill.number, key: account.key, parameters };
  return new URLSearchParams({ schema: 'json', param: JSON.stringify(param) });
}

/**
 * subscribeKuaidi100 sends one subscription and reads the answer
 * (`{"result": true, "returnCode": "200", "message": "提交成功"}`). It never
 * throws: a network failure, a hang past the timeout or an unreadable
 * answer is a `transient` outcome. The request holds the key: nothing here
 * logs it.
 */
export async function subscribeKuaidi100(waybill: Kuaidi100Waybill, account: Kuaidi100Account, options: { readonly timeoutMs?: number; readonly signal?: AbortSignal } = {}): Promise<SubscribeOutcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? KUAIDI100_SUBSCRIBE_TIMEOUT_MS);
  let status: number;
  let text: string;
  try {
    const response = await fetch(account.url ?? KUAIDI100_POLL_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: subscriptionForm(waybill, account).toString(),
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    const timedOut = timeout.aborted;
    const why = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { kind: 'transient', code: timedOut ? 'timeout' : 'network', message: timedOut ? `Kuaidi100 did not answer within ${(options.timeoutMs ?? KUAIDI100_SUBSCRIBE_TIMEOUT_MS) / 1000} s` : `Kuaidi100 could not be reached: ${why}` };
  }
  if (status >= 500 || status === 429) return { kind: 'transient', code: `HTTP ${status}`, message: `Kuaidi100 answered HTTP ${status}` };
  let body: { result?: unknown; returnCode?: unknown; message?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { kind: 'transient', code: `HTTP ${status}`, message: `Kuaidi100 answered HTTP ${status} with something that is not JSON (${JSON.stringify(text.slice(0, 80))})` };
  }
  const code = String(body.returnCode ?? '');
  const said = typeof body.message === 'string' && body.message !== '' ? ` (${body.message.slice(0, 200)})` : '';
  const known = KUAIDI100_RETURN_CODES[code];
  if (known !== undefined) return { kind: known.kind, code, message: `${known.zh} / ${known.en}${said}` };
  // An undocumented code: retried with back-off rather than given up on, and shown with Kuaidi100's words.
  return { kind: 'transient', code: code === '' ? `HTTP ${status}` : code, message: `Kuaidi100 answered returnCode ${JSON.stringify(code)}${said}` };
}
