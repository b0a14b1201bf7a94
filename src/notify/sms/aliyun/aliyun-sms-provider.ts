import { randomUUID } from 'node:crypto';
import type { FetchLike } from '../../http/fetch-like.js';
import { parseJsonObject, postRequest, retryAfterMs } from '../../http/post.js';
import { rateLimited, rejected, retryLater, sent, type SendResult } from '../../send-result.js';
import type { SmsProvider, SmsRequest } from '../sms-provider.js';
import { acs3Date, signAcs3 } from './acs3-signature.js';

/** ALIYUN_SMS_VERSION and ALIYUN_SEND_SMS are the RPC API version and action of SendSms. */
export const ALIYUN_SMS_VERSION = '2017-05-25';
export const ALIYUN_SEND_SMS = 'SendSms';

/** AliyunSmsConfig is one Aliyun account, sign and template. */
export interface AliyunSmsConfig {
  readonly url: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly signName: string;
  readonly templateCode: string;
}

/** AliyunSmsDeps: HTTP seams, and the nonce source so a test can pin it. */
export interface AliyunSmsDeps {
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
  readonly nonce?: () => string;
}

// Codes worth another try later: flow control (per number and per account) and Aliyun's own trouble.
const RATE_LIMIT_CODES = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL', 'Throttling', 'Throttling.User', 'Throttling.Api']);
const TRANSIENT_CODES = new Set(['isp.SYSTEM_ERROR', 'ServiceUnavailable', 'InternalError', 'isp.GATEWAY_ERROR']);

/**
 * createAliyunSmsProvider calls Aliyun SendSms with the RPC parameters in the
 * query string and an ACS3-HMAC-SHA256 Authorization header. Success is
 * `Code: "OK"`, its BizId becomes the provider message id. Everything else is
 * decided on `Code` (signature, key, sign name, template and number errors
 * do not retry), falling back to the HTTP status when the answer is not JSON.
 */
export function createAliyunSmsProvider(config: AliyunSmsConfig, deps: AliyunSmsDeps = {}): SmsProvider {
  return {
    name: 'aliyun',
    async send(request: SmsRequest): Promise<SendResult> {
      let endpoint: URL;
      try {
        endpoint = new URL(config.url);
      } catch {
        return rejected('sms aliyun: invalid URL');
      }
      const signed = signAcs3({
        method: 'POST',
        host: endpoint.host,
        path: endpoint.pathname,
        query: {
          PhoneNumbers: request.phoneNumbers.join(','),
          SignName: config.signName,
          TemplateCode: config.templateCode,
          // Aliyun wants the template variables as a JSON *string* parameter.
          TemplateParam: JSON.stringify(request.templateParam),
          OutId: request.outId,
        },
        action: ALIYUN_SEND_SMS,
        version: ALIYUN_SMS_VERSION,
        date: acs3Date(request.now),
        nonce: (deps.nonce ?? randomUUID)(),
        body: '',
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
      });
      const outcome = await postRequest({
        url: `${endpoint.origin}${endpoint.pathname}?${signed.queryString}`,
        headers: signed.headers,
        body: '',
        fetch: deps.fetch,
        timeoutMs: deps.timeoutMs,
      });

      if (outcome.kind === 'failed') {
        if (outcome.permanent) return rejected(`sms aliyun: ${outcome.error}`);
        if (outcome.delivered === 'no') return retryLater(`sms aliyun: ${outcome.error}`);
        return rejected(
          `sms aliyun: ${outcome.error}; the SMS may have been sent, so it is not retried (SMS is not idempotent); ` +
            `look up OutId ${request.outId} in the delivery report`,
        );
      }
      const reply = parseJsonObject(outcome.text);
      const code = reply?.Code;
      if (typeof code !== 'string') {
        const error = `sms aliyun: HTTP ${outcome.status}: ${outcome.text.slice(0, 200)}`;
        if (outcome.status === 429) return rateLimited(error, retryAfterMs(outcome.headers, request.now));
        return outcome.status >= 500 ? retryLater(error) : rejected(error);
      }
      if (code === 'OK') return sent(typeof reply?.BizId === 'string' ? reply.BizId : undefined);
      const message = typeof reply?.Message === 'string' ? reply.Message : '';
      const requestId = typeof reply?.RequestId === 'string' ? ` (RequestId ${reply.RequestId})` : '';
      const error = `sms aliyun ${code}: ${message}${requestId}`;
      if (RATE_LIMIT_CODES.has(code)) return rateLimited(error);
      if (TRANSIENT_CODES.has(code) || outcome.status >= 500) return retryLater(error);
      return rejected(error);
    },
  };
}
