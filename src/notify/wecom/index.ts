export { createWecomSender, WECOM_REPLY_RULES } from './wecom-sender.js';
export { wecomPayload, WECOM_MARKDOWN_MAX_BYTES, WECOM_TEXT_MAX_BYTES, type WecomPayload } from './wecom-payload.js';
export { sendWecomFile, wecomUploadUrl, WECOM_FILE_MAX_BYTES } from './wecom-file.js';
