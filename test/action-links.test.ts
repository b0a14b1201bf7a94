import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseService } from '../src/app/response-service.js';
import { SettingsSchema } from '../src/config/settings.js';
import type { Incident } from '../src/domain/incident.js';
import { parseInstant, type Clock } from '../src/domain/time.js';
import { actionLinks, signLink } from '../src/domain/action-link.js';
import { buildPipeline } from '../src/pipeline/build-pipeline.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { buildServer } from '../src/server/server.js';

const NOW = parseInstant('2026-11-20T10:00:00+08:00')!;
let now = NOW;
const clock: Clock = { now: () => now };
const SECRET = 'test-link-secret-0123456789-abcdefghij';
const PUBLIC = 'https://ow.example.com';

function incident(id: string): Incident {
  return {
    id,
    groupKey: `k:${id}`,
    scope: 'order',
    title: { zh: '订单 1001：环节停滞', en: 'Order 1001: stalled' },
    state: 'open',
    level: 1,
    grade: 'B',
    ownerRole: 'supervisor',
    openedAt: NOW,
    notifyAt: NOW,
    notifiedAt: NOW,
    escalations: 0,
    remindersSent: 0,
    responseDeadline: NOW + 30 * 60_000,
    checklist: [],
    compensations: [],
    ratings: [],
    suggestResolve: false,
    activeMembers: 1,
    orderIds: ['taobao:1001'],
    orderCount: 1,
    channels: ['taobao'],
    codes: ['stage.stalled'],
    updatedAt: NOW,
  };
}

describe('one-click links from messages', () => {
  let store: Store;
  let app: FastifyInstance;
  const links = (id: string) => Object.fromEntries(actionLinks({ publicUrl: PUBLIC, secret: SECRET, incidentId: id, role: 'supervisor', now: NOW, hours: 24 }).map((l) => [l.label, l.url.slice(PUBLIC.length)]));
  // The landing page posts from the server's own origin.
  const post = (url: string) => app.inject({ method: 'POST', url, headers: { origin: PUBLIC, 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
  const get = (url: string) => app.inject({ method: 'GET', url });
  const state = async (id: string) => (await store.response.getIncident(id))!;

  beforeAll(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-links-')), 'links.db'));
    for (const id of ['INC-L1', 'INC-L2', 'INC-L3']) await store.response.openIncident({ incident: incident(id), addMembers: [] });
    const settings = SettingsSchema.parse({ server: { publicUrl: PUBLIC, linkSecret: SECRET } });
    const pipeline = buildPipeline({ store, settings: () => settings, clock, owner: 'test' });
    app = await buildServer({ store, settings, clock, responder: new ResponseService({ store, settings: () => settings, pipeline }) });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('a GET shows what the link does and one button, and changes nothing (prefetchers)', async () => {
    const res = await get(links('INC-L1')['认领']!);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('INC-L1');
    expect(res.body).toContain('<form method="post"');
    expect(res.body).toContain('确认认领');
    expect((await state('INC-L1')).state).toBe('open');
  });

  it('the button acknowledges as the role the message went to, once: a replay is refused', async () => {
    const url = links('INC-L1')['认领']!;
    const done = await post(url);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('已认领');
    const acknowledged = await state('INC-L1');
    expect(acknowledged.state).toBe('acknowledged');
    expect(acknowledged.acknowledgedAt).toBe(NOW);
    const again = await post(url);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('只能使用一次');
    expect((await get(url)).statusCode).toBe(410);
    // A fresh link to an incident acknowledged already offers no button.
    const fresh = await get(links('INC-L1')['认领']!);
    expect(fresh.body).toContain('无需认领');
    expect(fresh.body).not.toContain('<form');
  });

  it('暂停提醒 pauses the incident for two hours', async () => {
    const res = await post(links('INC-L2')['暂停提醒']!);
    expect(res.statusCode).toBe(200);
    expect((await state('INC-L2')).pause).toMatchObject({ until: NOW + 2 * 3_600_000 });
  });

  it('查看 opens the incident in the console', async () => {
    const res = await get(links('INC-L3')['查看']!);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/#/incidents/INC-L3');
  });

  it('refuses a tampered, a foreign and an expired link, and changes nothing', async () => {
    const url = links('INC-L3')['认领']!;
    const token = url.slice('/a?t='.length);
    const [body, sig] = token.split('.') as [string, string];
    const decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `/a?t=${Buffer.from(JSON.stringify({ ...decoded, r: 'admin' })).toString('base64url')}.${sig}`;
    expect((await post(forged)).statusCode).toBe(400);
    const foreign = `/a?t=${signLink('another-secret-0123456789-abcdefghijkl', { incidentId: 'INC-L3', action: 'acknowledge', role: 'supervisor', expiresAt: NOW + 3_600_000 })}`;
    expect((await post(foreign)).statusCode).toBe(400);
    now = NOW + 25 * 3_600_000;
    try {
      const expired = await post(url);
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('已过期');
    } finally {
      now = NOW;
    }
    expect((await state('INC-L3')).state).toBe('open');
  });

  it('refuses a form posted from another site', async () => {
    const res = await app.inject({ method: 'POST', url: links('INC-L3')['认领']!, headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(res.statusCode).toBe(403);
    expect((await state('INC-L3')).state).toBe('open');
  });
});
