export { createSmsSender, defaultTemplateParam, smsOutId, SMS_TITLE_MAX_CHARS } from './sms-sender.js';
export type { SmsProvider, SmsRequest } from './sms-provider.js';
export { ALIYUN_SEND_SMS, ALIYUN_SMS_VERSION, createAliyunSmsProvider, type AliyunSmsConfig, type AliyunSmsDeps } from './aliyun/aliyun-sms-provider.js';
export { acs3CanonicalQuery, acs3Date, acs3PercentEncode, ACS3_ALGORITHM, signAcs3, type Acs3Request, type Acs3Signed } from './aliyun/acs3-signature.js';
