// Masking, as the tester bypassed it: the order 360 JSON showed full numbers in
// customer.nick, receiver.detail and the logistics text; findings showed a courier's
// phone to every role; the log printed `136 5555 4444` in full; a warehouse user could
// confirm a full phone by searching for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POPPLER, POPPLER_MISSING, pdfText } from '../../src/report/testing/pdf-tools.js';
import { signBody } from '../../src/server/auth/tokens.js';
import { fullPhonesIn, GENERIC_SECRET, signIn, startHarness, type Harness, type Session } from './harness.js';

let h: Harness;
const as: Record<string, Session> = {};

beforeAll(async () => {
  h = await startHarness();
  for (const name of ['kefu', 'cangku', 'yunying', 'fuzong']) as[name] = await signIn(h, name);
}, 60_000);
afterAll(async () => h?.close());

describe('the order 360 and findings', () => {
  it.each([['cangku (warehouse)'], ['yunying (ops manager)'], ['fuzong (executive)']])('shows %s no full phone anywhere: receiver, nickname, address, notes, contacts, logistics', async (who) => {
    const session = as[who.split(' ')[0]!]!;
    for (const id of ['generic:SEC-1', 'generic:SEC-2', 'generic:SEC-3']) {
      const text = await (await session.get(`/api/v1/orders/${id}`)).text();
      expect(fullPhonesIn(text), `${who} ${id}`).toEqual([]);
    }
    const view = (await (await session.get('/api/v1/orders/generic:SEC-1')).json()) as { order: { customer: { nick: string }; receiver: { name: string; phone: { raw: string; number?: string }; detail: string }; buyerNote: string } };
    expect(view.order.receiver.phone).toMatchObject({ raw: '136****4444' });
    expect(view.order.receiver.phone.number).toBeUndefined();
    expect(view.order.buyerNote).toBe('到了打 136****4444，或者 136****4444');
    expect(view.order.receiver.name).toBe('王**');
    expect(view.order.customer.nick).toBe('小***');
    // The warehouse ships parcels: it sees the street, still without a phone; the others see the district at most.
    expect(view.order.receiver.detail).toBe(who.startsWith('cangku') ? '文三路100号3幢501室 电话136****4444' : '***');
    const findings = await (await session.get('/api/v1/findings')).text();
    expect(findings).toContain('159****5678');
    expect(fullPhonesIn(findings)).toEqual([]);
  });

  it('shows the agent who calls the customer everything', async () => {
    const text = await (await as.kefu!.get('/api/v1/orders/generic:SEC-1')).text();
    expect(fullPhonesIn(text).sort()).toEqual(['057188886666', '13655554444', '13700001111']);
  });

  it('withholds chat screenshots (an image can show a phone) from roles that see phones masked', async () => {
    const agentView = (await (await as.kefu!.get('/api/v1/orders/generic:SEC-1')).json()) as { contacts: Array<{ attachments: Array<{ id: string }> }> };
    const attachment = agentView.contacts[0]!.attachments[0]!.id;
    expect((await as.kefu!.get(`/api/v1/attachments/${attachment}`)).status).toBe(200);
    expect((await as.cangku!.get(`/api/v1/attachments/${attachment}`)).status).toBe(403);
    const warehouseView = (await (await as.cangku!.get('/api/v1/orders/generic:SEC-1')).json()) as { contacts: Array<{ attachments: unknown[]; withheldAttachments: number }> };
    expect(warehouseView.contacts[0]).toMatchObject({ attachments: [], withheldAttachments: 1 });
  });
});

describe('search', () => {
  const forms = ['13655554444', '136 5555 4444', '+86 136-5555-4444', '1365555****', '１３６５５５５４４４４'];
  it.each(forms)('refuses the warehouse a lookup by %s, found or not', async (q) => {
    const res = await as.cangku!.get(`/api/v1/orders?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { issues: { zh: string } }).issues.zh).toContain('后四位');
    // The same answer for a number no order has: the refusal confirms nothing.
    const other = await as.cangku!.get(`/api/v1/orders?q=${encodeURIComponent(q.replace('4444', '4445').replace('5555', '5556'))}`);
    expect(other.status).toBe(403);
  });

  it('finds by the last four digits and by the masked form, showing the masked phone', async () => {
    for (const q of ['4444', '136****4444']) {
      const res = (await (await as.cangku!.get(`/api/v1/orders?q=${encodeURIComponent(q)}`)).json()) as { orders: Array<{ id: string; phone: string }> };
      expect(res.orders.map((o) => [o.id, o.phone])).toEqual([['generic:SEC-1', '136****4444']]);
    }
  });

  it('lets the agent find the customer by the full phone', async () => {
    const res = (await (await as.kefu!.get('/api/v1/orders?q=13655554444')).json()) as { orders: Array<{ id: string; phone: string }> };
    expect(res.orders.map((o) => [o.id, o.phone])).toEqual([['generic:SEC-1', '13655554444']]);
  });

  it('refuses the evidence PDF looked up by a full phone (it takes any number the search box takes)', async () => {
    expect((await as.cangku!.get('/api/v1/reports/evidence/13655554444')).status).toBe(403);
    expect((await as.kefu!.get('/api/v1/reports/evidence/13655554444')).status).toBe(200);
  });
});

describe('the evidence PDF', () => {
  // The tester read the receiver's phone and the numbers in the buyer note and contact texts in the PDF
  // as warehouse, executive, ops manager and with the integration token: each downloads it here.
  const download = async (headers: Record<string, string>): Promise<string> => {
    const res = await fetch(`${h.url}/api/v1/reports/evidence/generic:SEC-1`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    return pdfText(Buffer.from(await res.arrayBuffer()));
  };

  // Without poppler the PDFs cannot be read here: said once, as the report tests do.
  it.skipIf(POPPLER)(`evidence PDFs: ${POPPLER_MISSING}`, () => undefined);

  it.skipIf(!POPPLER).each([['cangku'], ['yunying'], ['fuzong'], ['the read token']])('shows %s no full phone: receiver, notes, contacts, logistics', async (who) => {
    const text = await download(who === 'the read token' ? { authorization: `Bearer ${h.tokens.reader}` } : { cookie: as[who]!.cookie });
    expect(text).toContain('136****4444');
    expect(fullPhonesIn(text)).toEqual([]);
  });

  it.skipIf(!POPPLER)('masks even the agent’s copy: a report travels to other departments (src/report/privacy.ts)', async () => {
    // The buyer note's "136 5555 4444", the seller note's landline and the contact's "137 0000 1111" went through in full before.
    const text = await download({ cookie: as.kefu!.cookie });
    expect(text).toContain('0571-****6666');
    expect(fullPhonesIn(text)).toEqual([]);
  });

  it.skipIf(!POPPLER)('goes to receivers masked as a shared document, even when the agent sends it', async () => {
    const sent = await as.kefu!.send('POST', '/api/v1/reports/evidence/generic:SEC-1/send', { receivers: ['ops-group'] });
    expect(sent.status, await sent.clone().text()).toBe(200);
    const ids = ((await sent.json()) as { outboxIds: string[] }).outboxIds;
    const entries = (await h.store.response.outbox({ state: 'pending' })).filter((e) => ids.includes(e.id));
    // The outbox keeps a file as base64 (its JSON form) or as bytes.
    const files = entries.flatMap((e) => (e.message.attachments ?? []) as ReadonlyArray<{ contentType: string; content?: Buffer; contentBase64?: string }>).filter((a) => a.contentType === 'application/pdf');
    expect(files).toHaveLength(1);
    const text = pdfText(files[0]!.content ?? Buffer.from(files[0]!.contentBase64!, 'base64'));
    expect(text).toContain('136****4444');
    expect(fullPhonesIn(text)).toEqual([]);
    expect(fullPhonesIn(JSON.stringify(entries.map((e) => ({ ...e.message, attachments: undefined }))))).toEqual([]);
  });
});

describe('the log', () => {
  it('never holds a full phone: searched URLs (encoded spaces and +), errors and messages', async () => {
    for (const q of ['136 5555 4444', '136+5555+4444', '13655554444', '%2B8613655554444']) await as.kefu!.get(`/api/v1/orders?q=${q.includes('%') ? q : encodeURIComponent(q).replace(/%2B/g, '+')}`);
    await as.kefu!.get('/api/v1/reports/evidence/13700001111');
    await as.cangku!.get('/api/v1/orders?q=13655554444');
    const log = h.logs.join('');
    expect(log).toContain('136****4444');
    expect(fullPhonesIn(log)).toEqual([]);
  });
});

describe('exports and the event stream', () => {
  it('masks phones in exports for whoever asks (a file leaves the system)', async () => {
    for (const session of [as.kefu!, as.cangku!]) {
      const csv = await (await session.get('/api/v1/reports/export/findings?format=csv')).text();
      expect(csv).toContain('159****5678');
      expect(fullPhonesIn(csv)).toEqual([]);
    }
  });

  it('masks the incidents pushed on the event stream to the listener’s role', async () => {
    const incident = ((await (await as.kefu!.get('/api/v1/incidents?view=full&orderId=generic:SEC-1')).json()) as { incidents: Array<{ id: string; checklist: Array<{ id: string }> }> }).incidents[0]!;
    const listen = async (session: Session): Promise<{ text: () => string; done: Promise<void>; stop: () => void; headers: Headers }> => {
      const abort = new AbortController();
      const stream = await fetch(`${h.url}/api/v1/events`, { headers: { cookie: session.cookie }, signal: abort.signal });
      const reader = stream.body!.getReader();
      let text = '';
      const done = (async () => {
        for (;;) {
          const { value, done: ended } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (ended) return;
          text += new TextDecoder().decode(value);
          // Read on to the push that carries the note: the stream's first push can be the incidents the scan opened
          // (the feed looks 10 s back on the fake clock), which come before the note when the machine is slow.
          if (text.includes('已致电')) return;
        }
      })();
      return { text: () => text, done, stop: () => abort.abort(), headers: stream.headers };
    };
    const agent = await listen(as.kefu!);
    const warehouse = await listen(as.cangku!);
    expect(warehouse.headers.get('x-content-type-options')).toBe('nosniff');
    expect(warehouse.headers.get('cache-control')).toMatch(/^no-store\b/);
    await new Promise((r) => setTimeout(r, 300));
    // A supervisor's checklist note quoting the customer's number changes the incident; the stream carries the incident.
    const supervisor = await signIn(h, 'zhuguan');
    h.advance(1000);
    const check = await supervisor.send('POST', `/api/v1/incidents/${incident.id}/actions`, { type: 'check', itemId: incident.checklist[0]!.id, note: '已致电 136 5555 4444' });
    expect(check.status, await check.text()).toBe(200);
    await Promise.race([Promise.all([agent.done, warehouse.done]), new Promise((r) => setTimeout(r, 10_000))]);
    agent.stop();
    warehouse.stop();
    expect(agent.text()).toContain('event: incidents');
    expect(fullPhonesIn(agent.text())).toEqual(['13655554444']);
    expect(warehouse.text()).toContain('event: incidents');
    expect(warehouse.text()).toContain('已致电 136****4444');
    expect(fullPhonesIn(warehouse.text())).toEqual([]);
  }, 30_000);
});

describe('phones written as people write them (audit 2026-12-07)', () => {
  // Double spaces, spaced dashes, em dashes, slashes, commas, line breaks: each passed the masking before.
  const NOTE = '改打 188  0000  2222，或 137 - 0000 - 1111，或 159—1234—5678\n座机 0571 - 8888 - 6666，老号 136/5555/4444、136，5555，4444';
  beforeAll(async () => {
    const body = JSON.stringify({ type: 'note', id: 'n-audit', source: 'console', orderId: 'generic:SEC-3', text: NOTE, at: '2026-11-14T10:00:00+08:00', author: '客服小刘' });
    const res = await fetch(`${h.url}/api/v1/ingest/generic`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-orderwatch-signature': signBody(body, GENERIC_SECRET) }, body });
    expect(res.status).toBe(200);
  });

  it.each([['cangku'], ['yunying'], ['fuzong']])('shows %s none of them in the order 360', async (who) => {
    const text = await (await as[who]!.get('/api/v1/orders/generic:SEC-3')).text();
    expect(text).toContain('188****2222');
    expect(text).toContain('0571-****6666');
    expect(fullPhonesIn(text)).toEqual([]);
  });

  it('shows the agent every one of them', async () => {
    const text = await (await as.kefu!.get('/api/v1/orders/generic:SEC-3')).text();
    expect(fullPhonesIn(text).sort()).toEqual(['057188886666', '13655554444', '13700001111', '15912345678', '18800002222']);
  });

  it('refuses the warehouse a search by them, and the log keeps none of them', async () => {
    for (const q of ['188  0000  2222', '137 - 0000 - 1111', '136/5555/4444', '136，5555，4444']) {
      expect((await as.cangku!.get(`/api/v1/orders?q=${encodeURIComponent(q)}`)).status, q).toBe(403);
      await as.kefu!.get(`/api/v1/orders?q=${encodeURIComponent(q)}`);
    }
    expect(fullPhonesIn(h.logs.join(''))).toEqual([]);
  });
});
