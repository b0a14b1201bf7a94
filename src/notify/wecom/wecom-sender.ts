import { decideCodeReply } from '../http/code-reply.js';
import { postRequest } from '../http/post.js';
import type { WecomReceiver } from '../receiver.js';
import type { Sender, SenderDeps } from '../sender.js';
import { sendWecomFile } from './wecom-file.js';
import { wecomPayload } from './wecom-payload.js';
import { WECOM_REPLY_RULES } from './wecom-rules.js';

export { WECOM_REPLY_RULES };

/**
 * createWecomSender sends to a WeCom group robot; the key travels in the
 * configured URL. A message that carries an attachment goes as that file
 * (upload, then one `file` message): a file message has no caption, so a
 * sender of files queues its words as a message of their own before it.
 */
export function createWecomSender(receiver: WecomReceiver, deps: SenderDeps = {}): Sender {
  return {
    async send(message, options) {
      const file = message.attachments?.[0];
      if (file !== undefined) return sendWecomFile(receiver, file, deps, options.now);
      const outcome = await postRequest({
        url: receiver.url,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(wecomPayload(message, receiver)),
        fetch: deps.fetch,
        timeoutMs: deps.timeoutMs,
      });
      return decideCodeReply(WECOM_REPLY_RULES, outcome, options.now);
    },
  };
}
