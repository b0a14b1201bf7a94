// Limits, headers, exports and durability, as the tester found them: six concurrent
// unsigned 30 MB requests raised memory 420 → 716 MB and stalled /healthz before the
// 401s; no CSP, no frame-ancestors, no nosniff, no Cache-Control: no-store on PII;
// fullwidth `＝1+1` and `;=1+1` passed formula neutralisation; SQLite ran
// synchronous=NORMAL with no setting for FULL. And what held then must keep holding:
// signatures, prototype keys, deep nesting, SQL injection, stored XSS.
import ExcelJS from 'exceljs';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/context.js';
import type { SqlDriver } from '../../src/store/sql/driver.js';
import { signIn, startHarness, type Harness, type Session } from './harness.js';

let h: Harness;
let supervisor: Session;

beforeAll(async () => {
  h = await startHarness();
  supervisor = await signIn(h, 'zhuguan');
}, 60_000);
afterAll(async () => h?.close());

const MB = 1024 * 1024;

/**
 * bigPost sends `size` bytes of JSON-ish body in 64 KB chunks (the client holds one
 * chunk, so the memory measured is the server's) and resolves with the status, or
 * the error when the server cut the connection.
 */
function bigPost(path: string, size: number, headers: Record<string, string>): Promise<number | string> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const req = request(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(size), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      req.destroy();
    });
    req.on('error', (e) => resolve(e.message));
    const pump = (): void => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(sent <= size ? chunk : chunk.subarray(0, size - (sent - chunk.length)))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/**
 * underAttack runs `work` while sampling the resident memory, the server's
 * count of bodies read before their sender is known (from /metrics) and,
 * right after each count, /healthz's answer: a server stalled by the bodies
 * would answer neither. No sample is timed (the machine is shared): the
 * test's own timeout is the stall it catches.
 */
async function underAttack(work: () => Promise<unknown>): Promise<{ peakMb: number; samples: Array<{ reading: number; health: number }> }> {
  // The suite's workers run file after file in one process: what earlier files left is collected first, so
  // the growth measured is this attack's, not a heap growing over their garbage.
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const samples: Array<{ reading: number; health: number }> = [];
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, process.memoryUsage().rss);
      const metrics = await (await fetch(`${h.url}/metrics`)).text();
      const reading = Number(/^orderwatch_unauthenticated_bodies_reading (\d+)/m.exec(metrics)?.[1] ?? -1);
      samples.push({ reading, health: (await fetch(`${h.url}/healthz`)).status });
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  await work();
  running = false;
  await sampler;
  return { peakMb: (peak - base) / MB, samples };
}

describe('bodies before authentication', () => {
  it('answers six concurrent unsigned 30 MB requests 401 before reading them; /healthz keeps answering', async () => {
    const statuses: Array<number | string> = [];
    const { peakMb, samples } = await underAttack(async () => statuses.push(...(await Promise.all(Array.from({ length: 6 }, () => bigPost('/api/v1/ingest/generic', 30 * MB, {}))))));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    expect(Math.max(...samples.map((s) => s.reading))).toBe(0);
    expect(peakMb).toBeLessThan(60);
    expect(samples.every((s) => s.health === 200)).toBe(true);
  }, 60_000);

  it('reads at most two bodies with a (forged) signature header at once: the others wait their turn', async () => {
    const statuses: Array<number | string> = [];
    const { peakMb, samples } = await underAttack(async () =>
      statuses.push(...(await Promise.all(Array.from({ length: 6 }, () => bigPost('/api/v1/ingest/generic', 30 * MB, { 'x-orderwatch-signature': `sha256=${'0'.repeat(64)}` }))))),
    );
    // Each is read whole (the signature covers it) and refused; six at once would hold 360 MB and more.
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...samples.map((s) => s.reading))).toBe(2);
    expect(peakMb).toBeLessThan(200);
    // /healthz answers while two bodies are being read: the others wait without holding the server up.
    expect(samples.filter((s) => s.reading === 2).some((s) => s.health === 200)).toBe(true);
    expect(samples.every((s) => s.health === 200)).toBe(true);
  }, 90_000);

  it('refuses a body over a route’s own limit before reading it (413), and checks who sends it first', async () => {
    expect(await bigPost('/api/v1/auth/login', 2 * MB, { origin: h.url })).toBe(413);
    expect(await bigPost('/api/v1/incidents/bulk-actions', 8 * MB, { cookie: supervisor.cookie, origin: h.url, 'x-csrf-token': supervisor.csrf })).toBe(413);
    expect(await bigPost('/api/v1/ingest/generic', 300 * MB, { authorization: `Bearer ${h.tokens.ingest}` })).toBe(413);
    expect(await bigPost('/api/v1/ingest/generic', 20 * MB, { authorization: 'Bearer owt_not-a-token' })).toBe(401);
    // Nobody signed in: refused before the body, whatever its size.
    expect(await bigPost('/api/v1/users', 20 * MB, {})).toBe(401);
  }, 60_000);
});

describe('security headers', () => {
  it('sends CSP with frame-ancestors, nosniff and no framing on the console, the API, PDFs and errors', async () => {
    const console_ = await fetch(`${h.url}/`);
    const answers = [
      console_,
      await supervisor.get('/api/v1/orders/generic:SEC-1'),
      await supervisor.get('/api/v1/reports/evidence/generic:SEC-1'),
      await fetch(`${h.url}/api/v1/orders/generic:SEC-1`),
      await fetch(`${h.url}/api/v1/nothing`),
    ];
    for (const res of answers) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, res.url).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), res.url).toBe('DENY');
      expect(res.headers.get('referrer-policy'), res.url).toBe('same-origin');
      // A PDF keeps only the ban on framing: the browser's PDF viewer is no page of ours.
      if (res.headers.get('content-type') === 'application/pdf') continue;
      expect(csp, res.url).toContain("default-src 'self'");
      expect(csp, res.url).toContain("script-src 'self'");
    }
  });

  it('keeps no copy of customer data in any cache: Cache-Control no-store on the API', async () => {
    for (const path of ['/api/v1/orders/generic:SEC-1', '/api/v1/orders?q=4444', '/api/v1/reports/export/findings', '/api/v1/reports/evidence/generic:SEC-1', '/api/v1/incidents']) {
      expect((await supervisor.get(path)).headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('serves an uploaded file sandboxed, so an "image" cannot run as a page of ours', async () => {
    const agent = await signIn(h, 'kefu');
    const view = (await (await agent.get('/api/v1/orders/generic:SEC-1')).json()) as { contacts: Array<{ attachments: Array<{ id: string }> }> };
    const res = await agent.get(`/api/v1/attachments/${view.contacts[0]!.attachments[0]!.id}`);
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
  });
});

describe('exports', () => {
  it('neutralises fullwidth ＝1+1, ;=1+1 and friends in CSV', async () => {
    const incident = ((await (await supervisor.get('/api/v1/incidents')).json()) as { items: Array<{ id: string }> }).items[0]!.id;
    for (const title of ['＝1+1', ';=1+1', '=HYPERLINK("http://evil","x")', ' @SUM(1)', '－1+1', '\t=1']) {
      expect((await supervisor.send('POST', '/api/v1/improvements', { incidentId: incident, title: `${title}`, owner: 'cangku', dueAt: '2026-11-30T18:00:00+08:00' })).status).toBe(200);
    }
    const csv = await (await supervisor.get('/api/v1/reports/export/improvements?format=csv')).text();
    const cells = csv.split('\r\n').slice(1).filter(Boolean).map((line) => line.split(',')[2]!);
    for (const cell of cells) {
      // Either quoted whole (a separator inside) or led by an apostrophe: never a formula start.
      const text = cell.startsWith('"') ? cell.slice(1) : cell;
      expect(text, cell).toMatch(/^('|;)/);
      expect(cell.startsWith('"') || cell.startsWith("'"), cell).toBe(true);
    }
    expect(csv).toContain("'＝1+1");
    expect(csv).toContain('";=1+1"');
    // The XLSX export holds the same titles as text cells: none is a formula, whatever it starts with.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await (await supervisor.get('/api/v1/reports/export/improvements?format=xlsx')).arrayBuffer()) as ArrayBuffer);
    const titles: ExcelJS.Cell[] = [];
    book.worksheets[0]!.eachRow((row, n) => void (n > 1 && titles.push(row.getCell(3))));
    expect(titles.length).toBeGreaterThanOrEqual(6);
    for (const cell of titles) {
      expect(cell.type, String(cell.value)).toBe(ExcelJS.ValueType.String);
      expect(cell.formula, String(cell.value)).toBeUndefined();
    }
    expect(titles.map((c) => String(c.value))).toContain("'＝1+1");
  });
});

describe('durability', () => {
  it('runs SQLite with synchronous=FULL when storage.durability is full, NORMAL by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-durable-'));
    const file = join(dir, 'full.yaml');
    writeFileSync(file, 'storage:\n  durability: full\n');
    // The pragma is per connection: it is read on the store's own.
    const pragma = async (config: string | undefined): Promise<unknown> => {
      const context = await openContext({ db: join(dir, `${config ? 'full' : 'normal'}.db`), ...(config ? { config } : {}) });
      try {
        return (await (context.store as unknown as { db: SqlDriver }).db.all<{ synchronous: number }>('PRAGMA synchronous'))[0]?.synchronous;
      } finally {
        await context.store.close();
      }
    };
    expect(await pragma(file)).toBe(2);
    expect(await pragma(undefined)).toBe(1);
  });
});

describe('what held, keeps holding', () => {
  it('signatures: a body changed after signing, a signature for another channel, a missing one', async () => {
    const { signBody } = await import('../../src/server/auth/tokens.js');
    const body = JSON.stringify({ type: 'order', orderNo: 'H-1', placedAt: '2026-11-19T09:00:00+08:00', paidFen: 100, items: [{ sku: 'S', quantity: 1, unitPriceFen: 100 }] });
    const sig = signBody(body, 'generic-secret-one-0123456789');
    const post = (path: string, payload: string, signature?: string) => fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-orderwatch-signature': signature } : {}) }, body: payload });
    expect((await post('/api/v1/ingest/generic', body.replace('100', '999'), sig)).status).toBe(401);
    expect((await post('/api/v1/ingest/taobao', body, sig)).status).toBe(401);
    expect((await post('/api/v1/ingest/generic', body)).status).toBe(401);
    expect((await post('/api/v1/ingest/generic', body, sig)).status).toBe(200);
  });

  it('prototype keys and deep nesting are a 400 or a rejected record, never a 5xx', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    for (const payload of ['{"__proto__":{"admin":true},"type":"comment","text":"x"}', '{"constructor":{"prototype":{"x":1}}}', deep]) {
      const res = await supervisor.send('POST', '/api/v1/incidents/bulk-actions', undefined, { 'content-type': 'application/json' }).then(() =>
        fetch(`${h.url}/api/v1/incidents/bulk-actions`, { method: 'POST', headers: { cookie: supervisor.cookie, origin: h.url, 'x-csrf-token': supervisor.csrf, 'content-type': 'application/json' }, body: payload }),
      );
      expect(res.status, payload.slice(0, 40)).toBeLessThan(500);
      expect(res.status, payload.slice(0, 40)).toBeGreaterThanOrEqual(400);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('SQL injection in a search finds nothing and breaks nothing', async () => {
    for (const q of ["' OR 1=1 --", '"; DROP TABLE orders; --', "4444' UNION SELECT doc FROM orders --"]) {
      const res = await supervisor.get(`/api/v1/orders?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(((await res.json()) as { orders: unknown[] }).orders, q).toEqual([]);
    }
    expect((await supervisor.get('/api/v1/orders/generic:SEC-1')).status).toBe(200);
  });

  it('stored script comes back as data in JSON, never as a page', async () => {
    const incident = ((await (await supervisor.get('/api/v1/incidents')).json()) as { items: Array<{ id: string }> }).items[0]!.id;
    const script = '<script>alert(document.cookie)</script><img src=x onerror=alert(1)>';
    expect((await supervisor.send('POST', `/api/v1/incidents/${incident}/actions`, { type: 'comment', text: script })).status).toBe(200);
    const res = await supervisor.get(`/api/v1/incidents/${incident}`);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.text()).toContain(JSON.stringify(script).slice(1, -1));
  });
});
