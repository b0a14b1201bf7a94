// A real orderwatch server for the security suite: listening on a free port
// of 127.0.0.1, with a settings file it reloads, the response engine and
// reports wired as `serve` wires them, users of every role, API tokens, and a
// small business whose customers' phones hide in every field a tester found
// them in (receiver, buyer and seller notes, nickname, address, contacts,
// notes, a courier's line in the logistics track, a duplicate buyer).
import type { FastifyInstance } from 'fastify';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportService } from '../../src/app/report/report-service.js';
import { ResponseService } from '../../src/app/response-service.js';
import { SettingsHolder } from '../../src/app/settings-holder.js';
import { loadSettings } from '../../src/config/load-settings.js';
import { parseInstant, type Instant } from '../../src/domain/time.js';
import { buildPipeline, type Pipeline } from '../../src/pipeline/build-pipeline.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { newSecretToken, signBody, tokenHash } from '../../src/server/auth/tokens.js';
import { buildServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { chatScreenshot } from '../../src/report/testing/report-fixtures.js';

export const at = (s: string): Instant => parseInstant(`${s}+08:00`)!;

/** START is the fake clock's start: ten days after the fixture's orders were placed. */
export const START = at('2026-11-20T10:00:00');
export const PASSWORD = 'correct-horse-battery';
export const GENERIC_SECRET = 'generic-secret-one-0123456789';
export const KUAIDI100_SALT = 'kd100-salt-one';

/** USERS are one person of every role. */
export const USERS = { boss: 'admin', kefu: 'agent', zhuguan: 'supervisor', cangku: 'warehouse', yunying: 'ops_manager', fuzong: 'executive' } as const;
export type UserName = keyof typeof USERS;

/** FIXTURE_PHONES are every customer's (and the courier's) full number in the fixture, as digits. */
export const FIXTURE_PHONES = ['13655554444', '13700001111', '15912345678', '18800002222', '057188886666'] as const;

export const SETTINGS_YAML = `
server:
  unauthenticatedBodies: 2
ingest:
  secrets:
    generic: ${GENERIC_SECRET}
  kuaidi100Salt: ${KUAIDI100_SALT}
  secretOverlap: 1m
receivers:
  - name: ops-group
    type: wecom
    url: http://127.0.0.1:9/cgi-bin/webhook/send?key=first
routes:
  - match: {}
    receivers: [ops-group]
`;

const generic = (over: Record<string, unknown>): Record<string, unknown> => ({
  type: 'order',
  shop: '官方商城',
  placedAt: '2026-11-10T09:00:00+08:00',
  paidAt: '2026-11-10T09:01:00+08:00',
  paidFen: 9900,
  items: [{ sku: 'CUP-1', title: '保温杯', quantity: 1, unitPriceFen: 9900 }],
  ...over,
});

/** FIXTURE_RECORDS is the business, in the generic format, as an integration would push it. */
export const FIXTURE_RECORDS: readonly Record<string, unknown>[] = [
  generic({
    orderNo: 'SEC-1',
    customer: { id: 'c-1', nick: '小王13655554444', tier: 'vip' },
    receiver: { name: '王小明', phone: '13655554444', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号3幢501室 电话13655554444' },
    buyerNote: '到了打 136 5555 4444，或者 +86 136-5555-4444',
    sellerNote: '客户说座机 0571-88886666 也行',
  }),
  generic({
    orderNo: 'SEC-2',
    status: 'shipped',
    receiver: { name: '李四', phone: '13700001111', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文一路8号' },
    shipments: [{ carrier: 'SF', trackingNo: 'SF1000000000002' }],
  }),
  generic({ orderNo: 'SEC-3', receiver: { name: '赵六', phone: '18800002222', province: '江苏省', city: '南京市', district: '玄武区', detail: '中山路1号' } }),
  generic({ orderNo: 'SEC-4', placedAt: '2026-11-10T09:02:00+08:00', paidAt: '2026-11-10T09:03:00+08:00', receiver: { name: '赵六', phone: '18800002222', province: '江苏省', city: '南京市', district: '玄武区', detail: '中山路1号' } }),
  {
    type: 'logistics',
    id: 'kd-SF1000000000002-1',
    source: 'kuaidi100',
    trackingNo: 'SF1000000000002',
    carrier: 'SF',
    state: 'problem',
    detail: '派件员张师傅 15912345678 联系不上收件人',
    at: '2026-11-12T15:00:00+08:00',
  },
  {
    type: 'contact',
    id: 'crm-1',
    source: 'crm',
    orderId: 'generic:SEC-1',
    channel: 'phone',
    direction: 'inbound',
    text: '客户来电：我的手机是 137 0000 1111，不是原来的号',
    at: '2026-11-13T09:10:00+08:00',
    attachments: [{ filename: 'chat.png', contentType: 'image/png', base64: chatScreenshot(1, 60, 90).toString('base64') }],
  },
  { type: 'note', id: 'n-1', source: 'console', orderId: 'generic:SEC-1', text: '已电话联系 13655554444，客户要求尽快', at: '2026-11-13T10:00:00+08:00', author: '客服小刘' },
];

/** Harness is one running server and what the tests need to drive it. */
export interface Harness {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly app: FastifyInstance;
  readonly pipeline: Pipeline;
  readonly settingsFile: string;
  /** The SQLite database file (the CLI can open it too). */
  readonly db: string;
  readonly holder: SettingsHolder;
  /** Every log line the server wrote. */
  readonly logs: string[];
  /** Tokens by name: `ingest` (ingest only) and `reader` (every read scope). */
  readonly tokens: { readonly ingest: string; readonly reader: string };
  now(): Instant;
  advance(ms: number): void;
  close(): Promise<void>;
}

/** startHarness starts the server and loads the fixture through signed HTTP ingest; `scan` runs detection and the response engine. */
export async function startHarness(options: { scan?: boolean; yaml?: string } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-security-'));
  const settingsFile = join(dir, 'orderwatch.yaml');
  writeFileSync(settingsFile, options.yaml ?? SETTINGS_YAML);
  const db = join(dir, 'security.db');
  const store = await openStore(db);
  let now = START;
  const clock = { now: () => now };
  const holder = new SettingsHolder(loadSettings(settingsFile), settingsFile);
  const pipeline = buildPipeline({ store, settings: () => holder.get(), clock, owner: 'security-test' });
  const logs: string[] = [];
  const app = await buildServer({
    store,
    settings: () => holder.get(),
    clock,
    logStream: { write: (line: string) => void logs.push(line) },
    responder: new ResponseService({ store, settings: () => holder.get(), pipeline }),
    reporter: new ReportService(store, () => holder.get()),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const hash = await hashPassword(PASSWORD);
  for (const [name, role] of Object.entries(USERS)) await store.addUser({ name, role, createdAt: START, disabled: false }, hash);
  const tokens = { ingest: newSecretToken('owt_'), reader: newSecretToken('owt_') };
  await store.createApiToken({ tokenHash: tokenHash(tokens.ingest), name: 'erp-ingest', role: 'integration', scopes: ['ingest'], createdAt: START, expiresAt: START + 90 * 86_400_000 }, START);
  await store.createApiToken({ tokenHash: tokenHash(tokens.reader), name: 'bi-reader', role: 'integration', scopes: ['orders:read', 'incidents:read', 'reports:read'], createdAt: START, expiresAt: START + 90 * 86_400_000 }, START);
  const body = JSON.stringify(FIXTURE_RECORDS);
  // Signed as the settings ask: with a timestamp when ingest.signatureMaxAge is set.
  const timestamp = holder.get().ingest.signatureMaxAge !== undefined ? String(Math.floor(now / 1000)) : undefined;
  const ingested = await fetch(`${url}/api/v1/ingest/generic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-orderwatch-signature': signBody(body, GENERIC_SECRET, timestamp), ...(timestamp ? { 'x-orderwatch-timestamp': timestamp } : {}) },
    body,
  });
  const summary = (await ingested.json()) as { accepted: number; errors: unknown[] };
  if (ingested.status !== 200 || summary.errors.length > 0) throw new Error(`the fixture did not load: ${ingested.status} ${JSON.stringify(summary)}`);
  if (options.scan !== false) await pipeline.scan(now);
  return {
    url,
    port,
    store,
    app,
    pipeline,
    settingsFile,
    db,
    holder,
    logs,
    tokens,
    now: () => now,
    advance: (ms) => void (now += ms),
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

/** Session is a signed-in client as the console is one: the session cookie, and the CSRF token on every change. */
export interface Session {
  readonly cookie: string;
  readonly csrf: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** signIn signs a user in over HTTP, failing the test when it cannot. */
export async function signIn(h: Harness, name: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<Session> {
  const res = await fetch(`${h.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: h.url, ...headers }, body: JSON.stringify({ name, password }) });
  if (res.status !== 200) throw new Error(`cannot sign in as ${name}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const cookie = cookies.join('; ');
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrf,
    get: (path, headers = {}) => fetch(`${h.url}${path}`, { headers: { cookie, ...headers } }),
    send: (method, path, body, headers = {}) =>
      fetch(`${h.url}${path}`, {
        method,
        headers: { cookie, origin: h.url, 'x-csrf-token': csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
  };
}

/** attempt posts one sign-in from a client address (the harness trusts X-Forwarded-For when its settings say so). */
export async function attempt(h: Harness, name: string, password: string, address = '198.51.100.1'): Promise<Response> {
  return fetch(`${h.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: h.url, 'x-forwarded-for': address }, body: JSON.stringify({ name, password }) });
}

/** orderwatch runs the real CLI (bin/orderwatch.mjs) against a database, as an operator would. */
export function orderwatch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(import.meta.dirname, '../../bin/orderwatch.mjs'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * digitsOf folds a text to its digits (fullwidth too) and drops whatever people
 * write between them — blanks, every dash, dots, slashes, commas, brackets — so
 * "136 - 5555 - 4444" and "136/5555/4444" are found as 13655554444.
 */
export function digitsOf(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff\-\u2010-\u2015\u2212－.·・/_,，、+＋()（）]/g, '');
}

/** fullPhonesIn lists the fixture's full phones a text shows, however separated. */
export function fullPhonesIn(text: string): string[] {
  const folded = digitsOf(text);
  return FIXTURE_PHONES.filter((p) => folded.includes(p));
}
