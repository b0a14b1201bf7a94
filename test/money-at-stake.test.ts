import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseService } from '../src/app/response-service.js';
import { SettingsSchema } from '../src/config/settings.js';
import type { Incident } from '../src/domain/incident.js';
import { parseInstant, type Clock } from '../src/domain/time.js';
import { buildPipeline } from '../src/pipeline/build-pipeline.js';
import { hashPassword } from '../src/server/auth/password.js';
import { buildServer } from '../src/server/server.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { sampleOrder } from '../src/store/testing/store-fixtures.js';

const NOW = parseInstant('2026-11-20T10:00:00+08:00')!;
const HOUR = 3_600_000;
const clock: Clock = { now: () => NOW };

describe('money at stake, per order and per incident', () => {
  let store: Store;
  let service: ResponseService;
  beforeAll(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-penalty-')), 'p.db'));
    const orders = [
      sampleOrder({ channelOrderId: 'M1', paidAt: NOW - 10 * HOUR, promisedShipBy: NOW + 6 * HOUR, paidFen: 19_900 }),
      sampleOrder({ channelOrderId: 'M2', paidAt: NOW - 50 * HOUR, paidFen: 100_000 }),
      sampleOrder({ channel: 'jd', channelOrderId: 'M3', paidAt: NOW - HOUR }),
    ];
    await store.ingest({ orders, events: [], attachments: new Map() }, NOW);
    const incident: Incident = {
      id: 'INC-M',
      groupKey: 'k:INC-M',
      scope: 'order',
      title: { zh: '测试', en: 'test' },
      state: 'open',
      level: 1,
      grade: 'C',
      ownerRole: 'supervisor',
      openedAt: NOW,
      notifyAt: NOW,
      escalations: 0,
      remindersSent: 0,
      checklist: [],
      compensations: [],
      ratings: [],
      suggestResolve: false,
      activeMembers: 3,
      orderIds: orders.map((o) => o.id),
      orderCount: 3,
      channels: ['taobao', 'jd'],
      codes: ['stage.stalled'],
      updatedAt: NOW,
    };
    await store.response.openIncident({ incident, addMembers: [] });
    const settings = SettingsSchema.parse({});
    service = new ResponseService({ store, settings: () => settings, pipeline: buildPipeline({ store, settings: () => settings, clock, owner: 't' }) });
    await store.addUser({ name: 'kefu', role: 'agent', createdAt: NOW, disabled: false }, await hashPassword('password-123'));
  });
  afterAll(async () => {
    await store.close();
  });

  it('the incident sums what its unshipped orders put at stake, what is owed, and the time left', async () => {
    const detail = await service.incidentDetail('INC-M', { name: 'kefu', role: 'agent' }, NOW);
    // M1: ¥9.95 at stake for 6 more hours; M2: ¥30 already owed (48 h after payment passed); M3: JD, rule unknown.
    expect(detail?.penalty).toEqual({ amountFen: 3995, orders: 2, unknownOrders: 1, incurredFen: 3000, nextDeadlineAt: NOW + 6 * HOUR, msLeft: 6 * HOUR });
  });

  it('the order 360 shows penalty {amount, deadlineAt, rule}', async () => {
    const settings = SettingsSchema.parse({});
    const app = await buildServer({ store, settings, clock, responder: service });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: 'kefu', password: 'password-123' } });
      const cookie = `ow_session=${login.cookies.find((c) => c.name === 'ow_session')!.value}`;
      const view = (await app.inject({ method: 'GET', url: '/api/v1/orders/taobao:M1', headers: { cookie } })).json();
      expect(view.penalty).toMatchObject({ amount: 9.95, amountFen: 995, deadlineAt: new Date(NOW + 6 * HOUR).toISOString(), incurred: false, msLeft: 6 * HOUR, rule: { id: 'taobao.late_shipment' } });
      const jd = (await app.inject({ method: 'GET', url: '/api/v1/orders/jd:M3', headers: { cookie } })).json();
      expect(jd.penalty).toMatchObject({ amount: null, rule: { id: 'jd.unknown' } });
      const incident = (await app.inject({ method: 'GET', url: '/api/v1/incidents/INC-M', headers: { cookie } })).json();
      expect(incident.penalty).toMatchObject({ amountFen: 3995, msLeft: 6 * HOUR });
    } finally {
      await app.close();
    }
  });
});
