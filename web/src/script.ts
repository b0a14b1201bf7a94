import { api, ApiError, query } from './api';

/** SendChannel is how a customer message goes out. */
export type SendChannel = 'sms' | 'email' | 'wecom';

/** Script is a customer template rendered for one order: the text, what is still missing, and its SMS size. */
export interface Script {
  readonly subject?: string;
  readonly text: string;
  /** Values nobody has yet, shown in the text as visible placeholders such as 【补偿金额】. */
  readonly missing: string[];
  readonly chars: number;
  readonly smsSegments: number;
  readonly channels: SendChannel[];
  readonly orderId?: string;
}

// GSM 03.38 basic set and its extension (counted twice); anything else makes the SMS UCS-2.
const GSM = new Set([...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà']);
const GSM_EXT = new Set([...'^{}\\[~]|€\f']);

/**
 * smsSize counts an SMS as the carriers do: GSM-7 text is 160 per single
 * message, 153 per part when split; any character outside GSM-7 (every
 * Chinese character) makes it UCS-2: 70 single, 67 per part.
 */
export function smsSize(text: string): { chars: number; segments: number; unicode: boolean } {
  const chars = [...text];
  const unicode = chars.some((c) => !GSM.has(c) && !GSM_EXT.has(c));
  if (unicode) {
    // UCS-2 counts UTF-16 units: a character outside the BMP (an emoji) takes two.
    const units = text.length;
    return { chars: chars.length, segments: units === 0 ? 0 : units <= 70 ? 1 : Math.ceil(units / 67), unicode };
  }
  const septets = chars.reduce((n, c) => n + (GSM_EXT.has(c) ? 2 : 1), 0);
  return { chars: chars.length, segments: septets === 0 ? 0 : septets <= 160 ? 1 : Math.ceil(septets / 153), unicode };
}

/** PLACEHOLDER finds the visible placeholders (【补偿金额】, [compensation]) a person fills in before sending. */
export const PLACEHOLDER = /【[^】]{1,20}】|\[[a-zA-Z][\w ]{0,30}\]/g;

interface ScriptAnswer {
  readonly subject?: string;
  readonly text?: string;
  readonly body?: string;
  readonly missing?: string[];
  readonly chars?: number;
  readonly smsSegments?: number;
  readonly channels?: SendChannel[];
  readonly orderId?: string;
  readonly rendered?: { subject?: string; text?: string; body?: string };
}

function toScript(r: ScriptAnswer, fallbackOrder?: string): Script {
  const inner = r.rendered ?? r;
  const text = inner.text ?? inner.body ?? '';
  const size = smsSize(text);
  const missing = r.missing ?? [...new Set(text.match(PLACEHOLDER) ?? [])];
  const orderId = r.orderId ?? fallbackOrder;
  return {
    ...(inner.subject ? { subject: inner.subject } : {}),
    text,
    missing,
    chars: r.chars ?? size.chars,
    smsSegments: r.smsSegments ?? size.segments,
    channels: r.channels ?? ['sms', 'email'],
    ...(orderId ? { orderId } : {}),
  };
}

let legacyScripts = false;

/**
 * loadScript renders a template for one order: GET …/script (the server
 * fills what it knows and leaves the rest as visible placeholders); an
 * older server only has POST …/template, which it asks instead.
 */
export async function loadScript(where: { incidentId?: string; orderId?: string }, template: string, lang: 'zh' | 'en'): Promise<Script> {
  const base = where.incidentId ? `/incidents/${encodeURIComponent(where.incidentId)}` : `/orders/${encodeURIComponent(where.orderId ?? '')}`;
  if (!legacyScripts) {
    try {
      const r = await api<ScriptAnswer>(`${base}/script${query({ template, order: where.incidentId ? where.orderId : undefined, lang })}`);
      return toScript(r, where.orderId);
    } catch (e) {
      if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 400) || !where.incidentId) throw e;
      // 404 from a missing route, not a missing incident: the older server.
      if (e.status === 404 && /incident/i.test(e.message) && !/route/i.test(e.message)) throw e;
      legacyScripts = true;
    }
  }
  if (!where.incidentId) throw new ApiError(404, 'no script for an order on this server');
  const r = await api<ScriptAnswer>(`${base}/template`, { body: { template, medium: 'sms', lang, ...(where.orderId ? { orderId: where.orderId } : {}) } });
  return toScript(r, where.orderId);
}

/**
 * sendScript sends a rendered template to the order's customer by SMS,
 * e-mail or WeCom through the outbox. An older server wants a receiver of
 * the policy instead of a channel: the first receiver of that type is used.
 */
export async function sendScript(where: { incidentId?: string; orderId?: string }, template: string, channel: SendChannel, lang: 'zh' | 'en', receivers: Array<{ name: string; type: string }>): Promise<{ outboxId?: string }> {
  const base = where.incidentId ? `/incidents/${encodeURIComponent(where.incidentId)}` : `/orders/${encodeURIComponent(where.orderId ?? '')}`;
  try {
    return await api<{ outboxId?: string }>(`${base}/send-template`, { body: { template, channel, lang, ...(where.orderId ? { orderId: where.orderId } : {}) } });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400 || !where.incidentId) throw e;
    const receiver = receivers.find((r) => r.type === channel);
    if (!receiver) throw e;
    return api<{ outboxId?: string }>(`${base}/send-template`, { body: { template, medium: channel === 'email' ? 'email' : 'sms', lang, receiver: receiver.name, ...(where.orderId ? { orderId: where.orderId } : {}) } });
  }
}
