export { createFeishuSender, FEISHU_REPLY_RULES } from './feishu-sender.js';
export { feishuPayload, FEISHU_MAX_BODY_BYTES, type FeishuCard, type FeishuPayload, type FeishuSignature } from './feishu-card.js';
export { feishuSign } from './feishu-sign.js';
