import { api, ApiError, query } from './api';
import type { Bilingual } from './i18n';

/** SendChannel is how a customer message goes out. */
export type SendChannel = 'sms' | 'email' | 'wecom';

/** ScriptView is what the panel shows: the phone script to read, or the message one channel would send. */
export type ScriptView = 'phone' | SendChannel;

/** ChannelOption says whether a script can be sent by a channel now, and if not, why (in words). */
export interface ChannelOption {
  readonly channel: SendChannel;
  readonly available: boolean;
  readonly why?: Bilingual;
}

/** Script is a customer template rendered for one order: the text per medium, what is still missing, and its SMS size. */
export interface Script {
  readonly texts: { readonly phone: string; readonly sms: string; readonly email: string; readonly subject?: string };
  /** Template values nobody has yet (compensation, newDate …), shown as visible placeholders until filled in. */
  readonly missing: string[];
  readonly chars: number;
  readonly smsSegments: number;
  readonly sendBy: ChannelOption[];
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
export const PLACEHOLDER = /【[^】]{1,20}】|\[[a-zA-Z][\w .]{0,30}\]/g;

/** ScriptAnswer is GET …/script (per medium) or the older POST …/template (one text). */
interface ScriptAnswer {
  readonly phone?: { text: string };
  readonly sms?: { text: string; chars?: number; smsSegments?: number };
  readonly email?: { subject?: string; text?: string };
  readonly subject?: string;
  readonly text?: string;
  readonly body?: string;
  readonly missing?: string[];
  readonly chars?: number;
  readonly smsSegments?: number;
  readonly channels?: SendChannel[];
  readonly sendBy?: ChannelOption[];
  readonly orderId?: string;
  readonly rendered?: { subject?: string; text?: string; body?: string };
}

/** toScript reads either answer into what the panel shows. */
export function toScript(r: ScriptAnswer, fallbackOrder?: string): Script {
  const inner = r.rendered ?? r;
  const one = inner.text ?? inner.body ?? '';
  const sms = r.sms?.text ?? one;
  const size = smsSize(sms);
  const subject = r.email?.subject ?? inner.subject;
  const orderId = r.orderId ?? fallbackOrder;
  const channels = r.channels ?? ['sms', 'email'];
  return {
    texts: { phone: r.phone?.text ?? one, sms, email: r.email?.text ?? one, ...(subject ? { subject } : {}) },
    missing: r.missing ?? [],
    chars: r.chars ?? r.sms?.chars ?? size.chars,
    smsSegments: r.smsSegments ?? r.sms?.smsSegments ?? size.segments,
    sendBy: r.sendBy ?? channels.map((channel) => ({ channel, available: true })),
    ...(orderId ? { orderId } : {}),
  };
}

let legacyScripts = false;

/**
 * loadScript renders a template for one order: GET …/script (the server
 * fills what it knows and leaves the rest as visible placeholders, listed
 * in `missing`; `vars` are the values the person filled in). An older
 * server only has POST …/template, which it asks instead.
 */
export async function loadScript(where: { incidentId?: string; orderId?: string }, template: string, lang: 'zh' | 'en', vars: Record<string, string> = {}): Promise<Script> {
  const base = where.incidentId ? `/incidents/${encodeURIComponent(where.incidentId)}` : `/orders/${encodeURIComponent(where.orderId ?? '')}`;
  if (!legacyScripts) {
    try {
      const filled = Object.fromEntries(Object.entries(vars).filter(([, v]) => v.trim() !== '').map(([k, v]) => [`vars.${k}`, v]));
      const r = await api<ScriptAnswer>(`${base}/script${query({ template, order: where.incidentId ? where.orderId : undefined, lang, ...filled })}`);
      return toScript(r, where.orderId);
    } catch (e) {
      // A route the server does not have answers 404 "Route … not found"; a missing incident or order answers in words.
      if (!(e instanceof ApiError) || e.status !== 404 || !/^Route /.test(e.message) || !where.incidentId) throw e;
      legacyScripts = true;
    }
  }
  if (!where.incidentId) throw new ApiError(404, 'no script for an order on this server');
  const r = await api<ScriptAnswer>(`${base}/template`, { body: { template, medium: 'sms', lang, ...(where.orderId ? { orderId: where.orderId } : {}), ...(Object.keys(vars).length ? { vars } : {}) } });
  return toScript(r, where.orderId);
}

/**
 * sendScript sends a rendered template to the order's customer by SMS,
 * e-mail or WeCom through the outbox, with the values the person filled in.
 * The server refuses (in words) while a value is missing, so no customer
 * receives a placeholder.
 */
export async function sendScript(incidentId: string, orderId: string | undefined, template: string, channel: SendChannel, lang: 'zh' | 'en', vars: Record<string, string>): Promise<{ outboxId?: string }> {
  const filled = Object.fromEntries(Object.entries(vars).filter(([, v]) => v.trim() !== ''));
  return api<{ outboxId?: string }>(`/incidents/${encodeURIComponent(incidentId)}/send-template`, {
    body: { template, medium: channel, lang, ...(orderId ? { orderId } : {}), ...(Object.keys(filled).length ? { vars: filled } : {}) },
  });
}

/** VARIABLE_WORDS name the template values a person may have to fill in. */
export const VARIABLE_WORDS: Readonly<Record<string, Bilingual>> = {
  compensation: { zh: '补偿', en: 'compensation' },
  newDate: { zh: '新的发货/送达日期', en: 'new date' },
  customer: { zh: '客户称呼', en: 'customer' },
  product: { zh: '商品', en: 'product' },
  reason: { zh: '延迟原因', en: 'reason' },
  orderNo: { zh: '订单号', en: 'order no.' },
  trackingNo: { zh: '运单号', en: 'tracking no.' },
  shop: { zh: '店铺', en: 'shop' },
  carrier: { zh: '快递公司', en: 'carrier' },
};
