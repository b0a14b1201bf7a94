export { createWebhookSender } from './webhook-sender.js';
export { webhookPayload, WEBHOOK_PAYLOAD_VERSION, type WebhookPayload } from './webhook-payload.js';
export {
  IDEMPOTENCY_KEY_HEADER,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  webhookSignature,
} from './webhook-signature.js';
