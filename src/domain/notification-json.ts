import type { NotificationAttachment, NotificationMessage, NotificationSeverity } from './notification.js';

/**
 * The outbox stores a NotificationMessage as JSON (domain OutboxEntry.message).
 * Buffers do not survive JSON.stringify, so attachments travel as base64; and
 * a stored row is outside input by the time it is read back, so reading it
 * checks every field instead of trusting a cast.
 */

/** messageToJson is the JSON-safe form of a message; attachments' content becomes `contentBase64`. */
export function messageToJson(message: NotificationMessage): Record<string, unknown> {
  return {
    title: message.title,
    body: message.body,
    severity: message.severity,
    ...(message.link === undefined ? {} : { link: message.link }),
    ...(message.actions === undefined ? {} : { actions: message.actions.map((a) => ({ label: a.label, url: a.url })) }),
    ...(message.mentionMobiles === undefined ? {} : { mentionMobiles: [...message.mentionMobiles] }),
    ...(message.sms === undefined
      ? {}
      : { sms: { phoneNumbers: [...message.sms.phoneNumbers], templateParam: { ...message.sms.templateParam } } }),
    ...(message.attachments === undefined
      ? {}
      : {
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            contentBase64: a.content.toString('base64'),
          })),
        }),
  };
}

/** MessageParse is a message read back, or the first thing wrong with the stored value. */
export type MessageParse = { readonly ok: true; readonly message: NotificationMessage } | { readonly ok: false; readonly error: string };

const SEVERITIES: readonly NotificationSeverity[] = ['info', 'warning', 'critical'];

/** messageFromJson reads what messageToJson wrote (or the same shape from elsewhere), naming the bad field on failure. */
export function messageFromJson(value: unknown): MessageParse {
  if (!isRecord(value)) return fail('message', 'expected an object');
  const { title, body, severity, link, actions, mentionMobiles, sms, attachments } = value;
  if (typeof title !== 'string') return fail('title', 'expected a string');
  if (typeof body !== 'string') return fail('body', 'expected a string');
  if (typeof severity !== 'string' || !SEVERITIES.includes(severity as NotificationSeverity)) {
    return fail('severity', `expected one of ${SEVERITIES.join(', ')}`);
  }
  if (link !== undefined && typeof link !== 'string') return fail('link', 'expected a string');
  if (mentionMobiles !== undefined && !isStringArray(mentionMobiles)) return fail('mentionMobiles', 'expected a list of strings');
  if (actions !== undefined && (!Array.isArray(actions) || !actions.every((a) => isRecord(a) && typeof a.label === 'string' && typeof a.url === 'string'))) {
    return fail('actions', 'expected a list of {label, url} strings');
  }

  let parsedSms: NotificationMessage['sms'];
  if (sms !== undefined) {
    if (!isRecord(sms)) return fail('sms', 'expected an object');
    if (!isStringArray(sms.phoneNumbers)) return fail('sms.phoneNumbers', 'expected a list of strings');
    const param = sms.templateParam;
    if (!isRecord(param) || !Object.values(param).every((v) => typeof v === 'string')) {
      return fail('sms.templateParam', 'expected an object of strings');
    }
    parsedSms = { phoneNumbers: sms.phoneNumbers, templateParam: param as Record<string, string> };
  }

  let parsedAttachments: NotificationAttachment[] | undefined;
  if (attachments !== undefined) {
    if (!Array.isArray(attachments)) return fail('attachments', 'expected a list');
    parsedAttachments = [];
    for (const [i, a] of attachments.entries()) {
      if (!isRecord(a) || typeof a.filename !== 'string' || typeof a.contentType !== 'string' || typeof a.contentBase64 !== 'string') {
        return fail(`attachments[${i}]`, 'expected {filename, contentType, contentBase64} strings');
      }
      parsedAttachments.push({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') });
    }
  }

  return {
    ok: true,
    message: {
      title,
      body,
      severity: severity as NotificationSeverity,
      ...(link === undefined ? {} : { link }),
      ...(actions === undefined ? {} : { actions: (actions as Array<{ label: string; url: string }>).map((a) => ({ label: a.label, url: a.url })) }),
      ...(mentionMobiles === undefined ? {} : { mentionMobiles }),
      ...(parsedSms === undefined ? {} : { sms: parsedSms }),
      ...(parsedAttachments === undefined ? {} : { attachments: parsedAttachments }),
    },
  };
}

function fail(path: string, problem: string): MessageParse {
  return { ok: false, error: `message.${path}: ${problem}`.replace('message.message', 'message') };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
