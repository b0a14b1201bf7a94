export { createDingtalkSender, DINGTALK_REPLY_RULES, DINGTALK_THROTTLE_MS } from './dingtalk-sender.js';
export { dingtalkPayload, DINGTALK_MAX_BODY_BYTES, type DingtalkAt, type DingtalkPayload } from './dingtalk-payload.js';
export { dingtalkSign, signedDingtalkUrl } from './dingtalk-sign.js';
