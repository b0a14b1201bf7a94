import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Bilingual } from './finding.js';
import { isRole, type Role } from './role.js';
import type { Instant } from './time.js';

/**
 * LinkAction is what a one-click link in a message does: acknowledge (认领)
 * or pause (暂停) the incident, or view it (查看) in the console.
 */
export const LINK_ACTIONS = ['acknowledge', 'pause', 'view'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export const LINK_ACTION_LABELS: Readonly<Record<LinkAction, Bilingual>> = {
  acknowledge: { zh: '认领', en: 'Acknowledge' },
  pause: { zh: '暂停提醒', en: 'Pause' },
  view: { zh: '查看', en: 'View' },
};

/** LinkClaims is what a signed link is bound to: one incident, one action, the role it was sent to, until when; `nonce` makes it single use. */
export interface LinkClaims {
  readonly incidentId: string;
  readonly action: LinkAction;
  readonly role: Role;
  readonly expiresAt: Instant;
  readonly nonce: string;
}

/** LinkRefusal says why a link was refused, in words for the person who clicked it. */
export interface LinkRefusal {
  readonly code: 'malformed' | 'bad_signature' | 'expired';
  readonly message: Bilingual;
}

// A secret shorter than this is guessable by brute force offline from one link.
export const MIN_LINK_SECRET_LENGTH = 32;
const VERSION = 'v1';

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`${VERSION}.${body}`).digest();
}

/**
 * signLink makes the token of a one-click link: the claims as base64url JSON,
 * a dot, and HMAC-SHA256 over them with `server.linkSecret`. A changed
 * incident, action, role or expiry changes the signature.
 */
export function signLink(secret: string, claims: Omit<LinkClaims, 'nonce'> & { readonly nonce?: string }): string {
  if (secret.length < MIN_LINK_SECRET_LENGTH) throw new RangeError(`server.linkSecret must be at least ${MIN_LINK_SECRET_LENGTH} characters`);
  const full = { i: claims.incidentId, a: claims.action, r: claims.role, e: claims.expiresAt, n: claims.nonce ?? randomBytes(12).toString('base64url') };
  const body = Buffer.from(JSON.stringify(full)).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/**
 * verifyLink checks a token's signature (in constant time) and expiry and
 * returns its claims, or why it is refused. Whether it was used already is
 * the store's to say (ActionLinkStore.claim): verifying does not use it up.
 */
export function verifyLink(secret: string, token: string, now: Instant): { ok: true; claims: LinkClaims } | { ok: false; refusal: LinkRefusal } {
  const malformed = { ok: false as const, refusal: { code: 'malformed' as const, message: { zh: '链接不完整或已损坏', en: 'the link is incomplete or damaged' } } };
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.') || token.length > 1000) return malformed;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, refusal: { code: 'bad_signature', message: { zh: '链接签名无效（可能被改动过）', en: 'the link signature is not valid (it may have been altered)' } } };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return malformed;
  }
  const c = raw as { i?: unknown; a?: unknown; r?: unknown; e?: unknown; n?: unknown };
  if (typeof c.i !== 'string' || typeof c.a !== 'string' || !(LINK_ACTIONS as readonly string[]).includes(c.a) || typeof c.r !== 'string' || !isRole(c.r) || typeof c.e !== 'number' || typeof c.n !== 'string') return malformed;
  if (now >= c.e) return { ok: false, refusal: { code: 'expired', message: { zh: '链接已过期，请在控制台中处理', en: 'the link has expired: use the console' } } };
  return { ok: true, claims: { incidentId: c.i, action: c.a as LinkAction, role: c.r, expiresAt: c.e, nonce: c.n } };
}

/** MessageAction is one button or link of a message: its words and where it goes. */
export interface MessageAction {
  readonly label: string;
  readonly url: string;
}

/**
 * actionLinks signs the three one-click links of an incident message for the
 * role it goes to, each valid for `hours`: 认领 and 暂停提醒 open a page that
 * confirms with one button (a GET changes nothing: chat apps prefetch links),
 * 查看 opens the incident in the console.
 */
export function actionLinks(options: { readonly publicUrl: string; readonly secret: string; readonly incidentId: string; readonly role: Role; readonly now: Instant; readonly hours: number }): MessageAction[] {
  const base = options.publicUrl.replace(/\/+$/, '');
  const expiresAt = options.now + options.hours * 3_600_000;
  return LINK_ACTIONS.map((action) => ({
    label: LINK_ACTION_LABELS[action].zh,
    url: `${base}/a?t=${signLink(options.secret, { incidentId: options.incidentId, action, role: options.role, expiresAt })}`,
  }));
}
