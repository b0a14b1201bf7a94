export { classifySmtpError, createEmailSender, IDEMPOTENCY_MAIL_HEADER, mailMessageId } from './email-sender.js';
export { emailContent, type EmailContent } from './email-content.js';
