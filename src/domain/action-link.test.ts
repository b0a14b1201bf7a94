import { describe, expect, it } from 'vitest';
import { actionLinks, signLink, verifyLink } from './action-link.js';

const SECRET = 'a-link-secret-of-at-least-32-characters!!';
const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const HOUR = 3_600_000;
const claims = { incidentId: 'INC-7', action: 'acknowledge', role: 'supervisor', expiresAt: NOW + 24 * HOUR } as const;

describe('signed one-click links', () => {
  it('verify with the incident, action and role they were signed for', () => {
    const result = verifyLink(SECRET, signLink(SECRET, claims), NOW);
    expect(result).toMatchObject({ ok: true, claims });
  });

  it('expire', () => {
    const token = signLink(SECRET, claims);
    expect(verifyLink(SECRET, token, NOW + 24 * HOUR - 1).ok).toBe(true);
    expect(verifyLink(SECRET, token, NOW + 24 * HOUR)).toMatchObject({ ok: false, refusal: { code: 'expired' } });
  });

  it('refuse tampering: another incident, action, role or expiry in the same signature', () => {
    const token = signLink(SECRET, claims);
    const [body, sig] = token.split('.') as [string, string];
    const decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const change of [{ i: 'INC-8' }, { a: 'pause' }, { r: 'admin' }, { e: NOW + 999 * HOUR }]) {
      const forged = `${Buffer.from(JSON.stringify({ ...decoded, ...change })).toString('base64url')}.${sig}`;
      expect(verifyLink(SECRET, forged, NOW)).toMatchObject({ ok: false, refusal: { code: 'bad_signature' } });
    }
    expect(verifyLink('another-secret-of-at-least-32-characters', token, NOW)).toMatchObject({ ok: false, refusal: { code: 'bad_signature' } });
    expect(verifyLink(SECRET, `${token}x`, NOW).ok).toBe(false);
    for (const junk of ['', 'abc', 'a.b.c', '.sig']) expect(verifyLink(SECRET, junk, NOW)).toMatchObject({ ok: false });
  });

  it('carry a nonce of their own each, so each is used once on its own', () => {
    const a = verifyLink(SECRET, signLink(SECRET, claims), NOW);
    const b = verifyLink(SECRET, signLink(SECRET, claims), NOW);
    expect(a.ok && b.ok && a.claims.nonce !== b.claims.nonce).toBe(true);
  });

  it('refuse a short secret', () => {
    expect(() => signLink('short', claims)).toThrow(/at least 32/);
  });

  it('gives 认领, 暂停提醒 and 查看 under the public address', () => {
    const links = actionLinks({ publicUrl: 'https://ow.example.com/', secret: SECRET, incidentId: 'INC-7', role: 'supervisor', now: NOW, hours: 24 });
    expect(links.map((l) => l.label)).toEqual(['认领', '暂停提醒', '查看']);
    for (const l of links) expect(l.url).toMatch(/^https:\/\/ow\.example\.com\/a\?t=[\w-]+\.[\w-]+$/);
    const actions = links.map((l) => {
      const r = verifyLink(SECRET, l.url.slice('https://ow.example.com/a?t='.length), NOW);
      return r.ok ? r.claims.action : r.refusal.code;
    });
    expect(actions).toEqual(['acknowledge', 'pause', 'view']);
  });
});
