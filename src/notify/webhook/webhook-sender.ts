import { classifyHttpFailure } from '../http/classify-http.js';
import { postRequest } from '../http/post.js';
import type { WebhookReceiver } from '../receiver.js';
import { sent } from '../send-result.js';
import type { Sender, SenderDeps } from '../sender.js';
import { webhookPayload } from './webhook-payload.js';
import { IDEMPOTENCY_KEY_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, webhookSignature } from './webhook-signature.js';

/**
 * createWebhookSender posts orderwatch's notification JSON to any HTTP
 * endpoint. Any 2xx is a success; the rest follows the HTTP rules (5xx, 408
 * and network errors retry, 429 is a rate limit honouring Retry-After, other
 * 4xx do not retry). The body is signed when the receiver has a secret.
 */
export function createWebhookSender(receiver: WebhookReceiver, deps: SenderDeps = {}): Sender {
  return {
    async send(message, options) {
      const body = JSON.stringify(
        webhookPayload(message, { receiver: receiver.name, idempotencyKey: options.idempotencyKey, now: options.now }),
      );
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        [WEBHOOK_TIMESTAMP_HEADER]: String(Math.floor(options.now / 1000)),
        [IDEMPOTENCY_KEY_HEADER]: options.idempotencyKey,
      };
      if (receiver.secret !== undefined && receiver.secret !== '') {
        headers[WEBHOOK_SIGNATURE_HEADER] = webhookSignature(receiver.secret, body);
      }
      const outcome = await postRequest({ url: receiver.url, headers, body, fetch: deps.fetch, timeoutMs: deps.timeoutMs });
      if (outcome.kind === 'answered' && outcome.status >= 200 && outcome.status < 300) {
        return sent(outcome.headers.get('x-request-id') ?? undefined);
      }
      return classifyHttpFailure('webhook', outcome, options.now);
    },
  };
}
