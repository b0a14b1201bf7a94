export { createWecomSender, WECOM_REPLY_RULES } from './wecom-sender.js';
export { wecomPayload, WECOM_MARKDOWN_MAX_BYTES, WECOM_TEXT_MAX_BYTES, type WecomPayload } from './wecom-payload.js';
