import type { OutboxEntry } from '../../domain/incident.js';
import type { Instant } from '../../domain/time.js';
import { messageToJson, type NotificationMessage, type ReceiverConfig } from '../../notify/index.js';
import { ReportError } from '../../report/index.js';

/** ReportDocument is a finished report to hand to people: its words, its file, and where to fetch it again. */
export interface ReportDocument {
  /** evidence | review | kpi: part of every outbox id. */
  readonly kind: string;
  /** What the document is about (order, incident, period): with `kind`, the idempotency key. */
  readonly key: string;
  readonly title: string;
  readonly body: string;
  readonly filename: string;
  readonly pdf: Buffer;
  /** The API address that serves this document (for platforms that cannot take a file). */
  readonly link?: string;
  readonly incidentId?: string;
}

/**
 * reportEntries decides how a report reaches each receiver, as outbox
 * entries (kind `report`), so sending has the outbox's guarantees (never
 * lost, retried, rate-limited, sent once):
 * - e-mail and webhook: one message with the PDF attached;
 * - WeCom: the summary as a message, then the PDF as a file (upload_media +
 *   `file` message; a file message has no caption of its own);
 * - DingTalk and Feishu: the summary with the download link — their custom
 *   robots cannot send files;
 * - the ticket pool: a ticket with the link;
 * - SMS: refused, a PDF does not go by text message.
 * `stamp` makes the ids: the same stamp twice queues nothing new.
 */
export function reportEntries(receivers: readonly ReceiverConfig[], names: readonly string[], doc: ReportDocument, now: Instant, stamp: string = String(now)): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  const summary: NotificationMessage = { title: doc.title, body: doc.body, severity: 'info', ...(doc.link ? { link: doc.link } : {}) };
  const withFile: NotificationMessage = { ...summary, attachments: [{ filename: doc.filename, contentType: 'application/pdf', content: doc.pdf }] };
  const entry = (receiver: string, step: string, message: NotificationMessage, dueAt: Instant): OutboxEntry => ({
    id: `report|${doc.kind}|${doc.key}|${receiver}|${stamp}|${step}`,
    ...(doc.incidentId ? { incidentId: doc.incidentId } : {}),
    receiver,
    kind: 'report',
    createdAt: now,
    dueAt,
    attempts: 0,
    state: 'pending',
    message: messageToJson(message),
  });
  for (const name of [...new Set(names)]) {
    const receiver = receivers.find((r) => r.name === name);
    if (!receiver) throw new ReportError(400, 'unknown_receiver', { zh: `没有接收方"${name}"`, en: `no receiver "${name}" in the policy file (known: ${receivers.map((r) => r.name).join(', ') || 'none'})` });
    switch (receiver.type) {
      case 'email':
      case 'webhook':
        entries.push(entry(name, 'file', withFile, now));
        break;
      case 'wecom':
        // The words first, the file a millisecond later: the worker sends in due order.
        entries.push(entry(name, 'text', summary, now), entry(name, 'file', withFile, now + 1));
        break;
      case 'dingtalk':
      case 'feishu':
        entries.push(entry(name, 'text', { ...summary, body: `${doc.body}\n\n（${receiver.type === 'dingtalk' ? '钉钉' : '飞书'}机器人不能发送文件，请点击链接下载 PDF：${doc.filename}）` }, now));
        break;
      case 'ticket':
        entries.push(entry(name, 'text', summary, now));
        break;
      case 'sms':
        throw new ReportError(400, 'wrong_receiver', { zh: `接收方"${name}"是短信，不能发送 PDF`, en: `receiver "${name}" is an SMS receiver: a PDF cannot go by text message` });
    }
  }
  return entries;
}
