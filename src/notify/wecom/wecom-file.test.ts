import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../../domain/notification.js';
import type { WecomReceiver } from '../receiver.js';
import { jsonBody, startLocalServer, type LocalServer, type ReceivedRequest, type Reply } from '../testing/local-http-server.js';
import { createWecomSender } from './wecom-sender.js';

const KEY = 'file-key-1';
const NOW = Date.UTC(2026, 10, 14, 2, 0, 0);
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 7), Buffer.from('\n%%EOF\n')]);
const message: NotificationMessage = {
  title: '【证据报告】订单 T20261111001',
  body: '见附件',
  severity: 'info',
  attachments: [{ filename: 'evidence-taobao-T20261111001.pdf', contentType: 'application/pdf', content: PDF }],
};

/** uploads holds what the fake robot took in, by media id. */
const uploads = new Map<string, { filename: string; bytes: Buffer }>();

/**
 * Plays WeCom's robot file API: upload_media must be a multipart/form-data
 * POST with the key and type=file whose `media` part carries filename and
 * filelength matching its bytes; it answers a media_id. The send endpoint
 * then takes a `file` message naming a media_id it issued.
 */
function wecomRobot(request: ReceivedRequest): Reply {
  const url = new URL(request.url, 'http://robot');
  if (url.searchParams.get('key') !== KEY) return { json: { errcode: 93000, errmsg: 'invalid webhook url' } };
  if (url.pathname === '/cgi-bin/webhook/upload_media') {
    if (url.searchParams.get('type') !== 'file') return { json: { errcode: 40004, errmsg: 'invalid media type' } };
    const boundary = /multipart\/form-data; boundary=(\S+)/.exec(String(request.headers['content-type']))?.[1];
    if (!boundary) return { json: { errcode: 40005, errmsg: 'invalid file type' } };
    const body = request.body;
    const start = body.indexOf(`--${boundary}\r\n`);
    const headEnd = body.indexOf('\r\n\r\n', start);
    const end = body.indexOf(`\r\n--${boundary}--\r\n`, headEnd);
    if (start !== 0 || headEnd < 0 || end < 0) return { json: { errcode: 44001, errmsg: 'empty media data' } };
    const head = body.subarray(start, headEnd).toString('utf8');
    const m = /Content-Disposition: form-data; name="media"; filename="([^"]+)"; filelength=(\d+)/.exec(head);
    const bytes = body.subarray(headEnd + 4, end);
    if (!m || Number(m[2]) !== bytes.length) return { json: { errcode: 44001, errmsg: 'empty media data' } };
    const mediaId = `M${uploads.size + 1}`;
    uploads.set(mediaId, { filename: m[1]!, bytes: Buffer.from(bytes) });
    return { json: { errcode: 0, errmsg: 'ok', type: 'file', media_id: mediaId, created_at: '1700000000' } };
  }
  if (url.pathname === '/cgi-bin/webhook/send') {
    const b = jsonBody(request);
    if (b.msgtype !== 'file' || !uploads.has(String((b.file as { media_id?: unknown }).media_id))) return { json: { errcode: 40007, errmsg: 'invalid media_id' } };
    return { json: { errcode: 0, errmsg: 'ok' } };
  }
  return { status: 404, text: 'not found' };
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  uploads.clear();
});

const receiverAt = (base: string): WecomReceiver => ({ name: 'ops-group', type: 'wecom', url: `${base}/cgi-bin/webhook/send?key=${KEY}` });

describe('WeCom file upload', () => {
  it('uploads the attachment as multipart `media`, then sends one file message with its media_id', async () => {
    server = await startLocalServer(wecomRobot);
    const result = await createWecomSender(receiverAt(server.url)).send(message, { idempotencyKey: 'r1', now: NOW });
    expect(result).toEqual({ ok: true });
    expect(server.requests.map((r) => new URL(r.url, 'http://x').pathname)).toEqual(['/cgi-bin/webhook/upload_media', '/cgi-bin/webhook/send']);
    expect(uploads.get('M1')?.filename).toBe('evidence-taobao-T20261111001.pdf');
    expect(uploads.get('M1')?.bytes.equals(PDF)).toBe(true);
    expect(jsonBody(server.requests[1]!)).toEqual({ msgtype: 'file', file: { media_id: 'M1' } });
  });

  it('does not send the message when the upload fails, and says which step failed', async () => {
    server = await startLocalServer((r) => (r.url.includes('upload_media') ? { json: { errcode: -1, errmsg: 'system busy' } } : wecomRobot(r)));
    const result = await createWecomSender(receiverAt(server.url)).send(message, { idempotencyKey: 'r1', now: NOW });
    expect(result).toMatchObject({ ok: false, retryable: true });
    if (!result.ok) expect(result.error).toMatch(/^upload_media: wecom -1: system busy/);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a file over 20 MB without calling WeCom', async () => {
    server = await startLocalServer(wecomRobot);
    const big = { ...message, attachments: [{ filename: 'big.pdf', contentType: 'application/pdf', content: Buffer.alloc(20 * 1024 * 1024 + 1) }] };
    const result = await createWecomSender(receiverAt(server.url)).send(big, { idempotencyKey: 'r1', now: NOW });
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(server.requests).toHaveLength(0);
  });

  it('a bad key is a rejection that does not retry', async () => {
    server = await startLocalServer(wecomRobot);
    const result = await createWecomSender({ ...receiverAt(server.url), url: `${server.url}/cgi-bin/webhook/send?key=wrong` }).send(message, { idempotencyKey: 'r1', now: NOW });
    expect(result).toMatchObject({ ok: false, retryable: false });
  });
});
