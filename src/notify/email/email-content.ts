import { escapeHtml, toHtml } from '../format/html.js';
import { toPlainText } from '../format/plain-text.js';
import { SEVERITY_LABEL, type NotificationMessage, type NotificationSeverity } from '../../domain/notification.js';

/** EmailContent is a message as a mail: subject, plain-text part, HTML part. */
export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const ACCENT: Readonly<Record<NotificationSeverity, string>> = { critical: '#d4380d', warning: '#d48806', info: '#1677ff' };

/**
 * emailContent renders a message for e-mail. Both parts carry everything
 * (a plain-text reader loses only the colours); the HTML uses inline styles
 * only, because mail clients drop <style> blocks. No size fitting: mail has
 * no limit a notification gets near. The subject is the title as is;
 * nodemailer encodes non-ASCII subjects (RFC 2047).
 */
export function emailContent(message: NotificationMessage): EmailContent {
  const subject = message.title.replace(/\s*\r?\n\s*/g, ' ').trim();
  const label = SEVERITY_LABEL[message.severity];
  const textParts = [`[${label}] ${subject}`, toPlainText(message.body)];
  if (message.link !== undefined) textParts.push(`在控制台打开: ${message.link}`);
  if (message.actions?.length) textParts.push(message.actions.map((a) => `${a.label}: ${a.url}`).join('\n'));
  textParts.push('-- \n此邮件由 orderwatch 自动发送。');

  const accent = ACCENT[message.severity];
  const button =
    message.link === undefined
      ? ''
      : `<p style="margin:20px 0"><a href="${escapeHtml(message.link)}" style="background:${accent};color:#fff;padding:8px 16px;border-radius:4px;text-decoration:none">在控制台打开</a></p>`;
  const actionButtons = (message.actions ?? [])
    .map((a) => `<a href="${escapeHtml(a.url)}" style="border:1px solid ${accent};color:${accent};padding:6px 14px;border-radius:4px;text-decoration:none;margin-right:8px">${escapeHtml(a.label)}</a>`)
    .join('');
  const html = [
    '<!doctype html>',
    `<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:-apple-system,\'PingFang SC\',\'Microsoft YaHei\',sans-serif;font-size:14px;line-height:1.6;color:#222">',
    `<div style="border-left:4px solid ${accent};padding:4px 12px;margin-bottom:12px">`,
    `<div style="color:${accent};font-weight:bold">${escapeHtml(label)}</div>`,
    `<h2 style="margin:4px 0;font-size:18px">${escapeHtml(subject)}</h2>`,
    '</div>',
    toHtml(message.body),
    button,
    actionButtons === '' ? '' : `<p style="margin:12px 0">${actionButtons}</p>`,
    '<p style="color:#888;font-size:12px">此邮件由 orderwatch 自动发送。</p>',
    '</body></html>',
  ].join('\n');
  return { subject, text: textParts.filter((p) => p !== '').join('\n\n'), html };
}
