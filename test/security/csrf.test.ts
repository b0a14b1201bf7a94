// CSRF, as the tester attacked it (2026-12-06): a page on the same site (another
// port of the same host) posted a comment as a supervisor, created an admin user and
// minted an admin token with the admin's cookie. Each attack runs here over real
// HTTP, and once more from a real Chromium page on another port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumInstalled } from '../e2e/chromium.js';
import { PASSWORD, signIn, startHarness, type Harness, type Session } from './harness.js';

let h: Harness;
let admin: Session;
let supervisor: Session;
let incidentId: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await signIn(h, 'boss');
  supervisor = await signIn(h, 'zhuguan');
  incidentId = ((await (await supervisor.get('/api/v1/incidents')).json()) as { items: Array<{ id: string }> }).items[0]!.id;
}, 60_000);
afterAll(async () => h?.close());

const attacker = 'http://127.0.0.1:1';
const users = async (): Promise<string[]> => ((await (await admin.get('/api/v1/users')).json()) as { users: Array<{ name: string }> }).users.map((u) => u.name);
const tokens = async (): Promise<string[]> => ((await (await admin.get('/api/v1/tokens')).json()) as { tokens: Array<{ name: string }> }).tokens.map((t) => t.name);
const comments = async (): Promise<string[]> =>
  ((await (await supervisor.get(`/api/v1/incidents/${incidentId}`)).json()) as { log: Array<{ action: string; note?: string; detail?: { text?: string } }> }).log.map((l) => JSON.stringify(l));

/** A cross-site form post as a browser sends it: the victim's cookies, the attacker's Origin, Sec-Fetch-Site same-site, a url-encoded body. */
function formPost(session: Session, path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${h.url}${path}`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: attacker, 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate', 'user-agent': 'Mozilla/5.0', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

describe('CSRF: state-changing routes take JSON only', () => {
  it('refuses a url-encoded form with 415 before reading it, even from the server’s own origin with the token', async () => {
    for (const [path, form] of [
      ['/api/v1/users', { name: 'evil', role: 'admin', password: 'evil-password-123' }],
      ['/api/v1/tokens', { name: 'evil' }],
      [`/api/v1/incidents/${incidentId}/actions`, { type: 'comment', text: 'pwned' }],
      ['/api/v1/auth/login', { name: 'boss', password: PASSWORD }],
    ] as const) {
      const res = await formPost(admin, path, form, { origin: h.url, 'sec-fetch-site': 'same-origin', 'x-csrf-token': admin.csrf });
      expect(res.status, path).toBe(415);
      expect(((await res.json()) as { error: string }).error).toMatch(/application\/json/);
    }
    // text/plain (what a page can post without a preflight) is no JSON either.
    const plain = await fetch(`${h.url}/api/v1/users`, { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'text/plain', origin: h.url, 'x-csrf-token': admin.csrf }, body: '{"name":"evil","role":"admin","password":"evil-password-123"}' });
    expect(plain.status).toBe(415);
    expect(await users()).not.toContain('evil');
  });

  it('takes a form only on the Kuaidi100 push', async () => {
    const res = await fetch(`${h.url}/api/v1/ingest-logistics/kuaidi100`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'param=%7B%7D&sign=00' });
    expect(res.status).toBe(200);
    const json = await fetch(`${h.url}/api/v1/ingest-logistics/kuaidi100`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"param":"{}"}' });
    expect(json.status).toBe(415);
  });
});

describe('CSRF: the origin is checked', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['another port of the same host (Origin)', { origin: 'http://127.0.0.1:1' }],
    ['a sibling subdomain (Origin)', { origin: 'http://evil.orderwatch.example.com' }],
    ['an opaque origin (sandboxed frame, data: URL)', { origin: 'null' }],
    ['Sec-Fetch-Site: same-site without Origin', { 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site: cross-site without Origin', { 'sec-fetch-site': 'cross-site' }],
  ];
  it.each(cases)('refuses JSON from %s, with the session cookie and even the right CSRF token', async (_name, headers) => {
    const res = await fetch(`${h.url}/api/v1/users`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'application/json', 'x-csrf-token': admin.csrf, ...headers },
      body: JSON.stringify({ name: 'evil2', role: 'admin', password: 'evil-password-123' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { issues: { zh: string } }).issues.zh).toContain('已拒绝');
  });

  it('refuses a sign-in posted from another origin (login CSRF)', async () => {
    const res = await fetch(`${h.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: attacker }, body: JSON.stringify({ name: 'boss', password: PASSWORD }) });
    expect(res.status).toBe(403);
  });

  it('accepts the publicUrl’s origin when a proxy changes the Host', async () => {
    const publicUrl = 'https://orderwatch.example.com';
    const { writeFileSync, readFileSync } = await import('node:fs');
    const before = readFileSync(h.settingsFile, 'utf8');
    writeFileSync(h.settingsFile, before.replace('server:\n', `server:\n  publicUrl: ${publicUrl}\n`));
    expect(h.holder.reload()).toBe(true);
    try {
      const res = await supervisor.send('POST', `/api/v1/incidents/${incidentId}/actions`, { type: 'comment', text: '经由代理' }, { origin: publicUrl, host: 'internal:8080' });
      expect(res.status, await res.text()).toBe(200);
    } finally {
      writeFileSync(h.settingsFile, before);
      h.holder.reload();
    }
  });
});

describe('CSRF: a browser session sends its token', () => {
  it('refuses a same-origin change without the X-CSRF-Token, or with another session’s', async () => {
    const other = await signIn(h, 'kefu');
    for (const token of [undefined, other.csrf, 'x']) {
      const res = await fetch(`${h.url}/api/v1/incidents/${incidentId}/actions`, {
        method: 'POST',
        headers: { cookie: supervisor.cookie, 'content-type': 'application/json', origin: h.url, 'sec-fetch-site': 'same-origin', ...(token ? { 'x-csrf-token': token } : {}) },
        body: JSON.stringify({ type: 'comment', text: 'no token' }),
      });
      expect(res.status, String(token)).toBe(403);
    }
    expect((await comments()).join()).not.toContain('no token');
    const ok = await supervisor.send('POST', `/api/v1/incidents/${incidentId}/actions`, { type: 'comment', text: '有令牌' });
    expect(ok.status).toBe(200);
  });

  it('gives the token in the answer of /auth/me and as the readable ow_csrf cookie, bound to the session', async () => {
    const me = (await (await supervisor.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    expect(me.csrfToken).toBe(supervisor.csrf);
    expect(supervisor.cookie).toContain(`ow_csrf=${supervisor.csrf}`);
    const again = await signIn(h, 'zhuguan');
    expect(again.csrf).not.toBe(supervisor.csrf);
  });
});

describe('CSRF from a real page on another port (Chromium)', () => {
  if (!chromiumInstalled()) {
    it.skip(`skipped: no Chromium at ${CHROMIUM}`, () => undefined);
    return;
  }
  let evil: Server;
  let evilUrl = '';
  beforeAll(async () => {
    // The attacker's page: an auto-submitting form and two fetches, with the victim's cookies (same site: same host, another port).
    evil = createServer((req, res) => {
      const target = h.url;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><body>
<form id="f" method="POST" action="${target}/api/v1/users" target="sink">
  <input name="name" value="evil-form"><input name="role" value="admin"><input name="password" value="evil-password-123">
</form>
<iframe name="sink"></iframe>
<script>
  window.results = [];
  const send = (path, body, type) => fetch('${target}' + path, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': type }, body })
    .then(() => window.results.push(path), (e) => window.results.push(path + ' ' + e));
  Promise.all([
    send('/api/v1/tokens', JSON.stringify({ name: 'evil-token' }), 'text/plain'),
    send('/api/v1/incidents/${incidentId}/actions', JSON.stringify({ type: 'comment', text: 'csrf-comment' }), 'text/plain'),
    send('/api/v1/users', 'name=evil-fetch&role=admin&password=evil-password-123', 'application/x-www-form-urlencoded'),
  ]).then(() => { document.getElementById('f').submit(); window.done = true; });
</script></body>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  });
  afterAll(async () => new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve())));

  it('creates no user, mints no token and posts no comment with the admin’s and the supervisor’s cookies', { timeout: 60_000 }, async () => {
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      // Each victim in a browser of their own, signed in through the console's API: the cookies are the browser's own.
      for (const victim of ['boss', 'zhuguan']) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${h.url}/api/v1/openapi.json`);
        const status = await page.evaluate(
          async ([name, password]) => (await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) })).status,
          [victim, PASSWORD] as const,
        );
        expect(status).toBe(200);
        // The cookie really goes along from the other port (same site: SameSite=Strict lets it): only the server's checks stop the attack.
        await page.goto(evilUrl);
        // The page sets window.done when its attacks have run (the function runs in the page, where globalThis is window).
        await page.waitForFunction(() => (globalThis as unknown as { done?: boolean }).done === true, undefined, { timeout: 20_000 });
        await page.waitForTimeout(500);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    expect(await users()).not.toEqual(expect.arrayContaining(['evil-form']));
    expect((await users()).filter((u) => u.startsWith('evil'))).toEqual([]);
    expect((await tokens()).filter((t) => t.startsWith('evil'))).toEqual([]);
    expect((await comments()).join()).not.toContain('csrf-comment');
    // The refusals were the server's: it logged each cross-site attempt with its status.
    const refused = h.logs.filter((l) => l.includes('"statusCode":403') || l.includes('"statusCode":415'));
    expect(refused.length).toBeGreaterThanOrEqual(4);
  });
});
