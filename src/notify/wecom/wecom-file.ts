import { randomBytes } from 'node:crypto';
import { decideCodeReply } from '../http/code-reply.js';
import { parseJsonObject, postRequest } from '../http/post.js';
import type { NotificationAttachment } from '../../domain/notification.js';
import type { WecomReceiver } from '../receiver.js';
import { rejected, type SendResult } from '../send-result.js';
import type { SenderDeps } from '../sender.js';
import { WECOM_REPLY_RULES } from './wecom-rules.js';

/** WECOM_FILE_MAX_BYTES is WeCom's limit on an uploaded file (5 B to 20 MB). */
export const WECOM_FILE_MAX_BYTES = 20 * 1024 * 1024;
const WECOM_FILE_MIN_BYTES = 5;

/** uploadUrl is the robot's upload_media address: the send URL's path changed, its key kept, type=file. */
export function wecomUploadUrl(sendUrl: string): string | undefined {
  try {
    const url = new URL(sendUrl);
    url.pathname = url.pathname.replace(/\/send$/, '/upload_media');
    url.searchParams.set('type', 'file');
    return url.toString();
  } catch {
    return undefined;
  }
}

/** multipartFile is a multipart/form-data body with the one field WeCom reads: `media`, with the file's name and length. */
export function multipartFile(file: NotificationAttachment, boundary: string): Buffer {
  const name = file.filename.replace(/["\r\n\\]/g, '_');
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="media"; filename="${name}"; filelength=${file.content.length}\r\n` +
    `Content-Type: application/octet-stream\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), file.content, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
}

/**
 * sendWecomFile sends a file into a WeCom group: upload it (upload_media,
 * multipart field `media`, answered with a media_id valid three days), then
 * post one `file` message naming it. The upload is not a message; the
 * `file` message is the one robot message this send counts as.
 */
export async function sendWecomFile(receiver: WecomReceiver, file: NotificationAttachment, deps: SenderDeps, now: number): Promise<SendResult> {
  if (file.content.length < WECOM_FILE_MIN_BYTES || file.content.length > WECOM_FILE_MAX_BYTES) {
    return rejected(`wecom: file ${file.filename} is ${file.content.length} bytes; a robot takes 5 B to 20 MB`);
  }
  const url = wecomUploadUrl(receiver.url);
  if (url === undefined) return rejected('wecom: invalid URL: expected an absolute http(s) URL');
  const boundary = `orderwatch${randomBytes(12).toString('hex')}`;
  const upload = await postRequest({
    url,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: multipartFile(file, boundary),
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
  });
  const uploaded = decideCodeReply(WECOM_REPLY_RULES, upload, now);
  if (!uploaded.ok) return { ...uploaded, error: `upload_media: ${uploaded.error}` };
  const mediaId = upload.kind === 'answered' ? parseJsonObject(upload.text)?.media_id : undefined;
  if (typeof mediaId !== 'string' || mediaId === '') return rejected('wecom: upload_media answered without a media_id');
  const outcome = await postRequest({
    url: receiver.url,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ msgtype: 'file', file: { media_id: mediaId } }),
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
  });
  return decideCodeReply(WECOM_REPLY_RULES, outcome, now);
}
