import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../config/settings.js';
import { chineseBusinessCalendar } from '../../detect/calendar/index.js';
import type { Finding } from '../../domain/finding.js';
import { policyOf } from '../index.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { at, sampleOrder } from '../../store/testing/store-fixtures.js';
import { dailyDigest } from './daily-digest.js';
import { ResponseEngine } from './response-engine.js';

const T0 = at('2026-11-11 10:00:00');
const policy = policyOf(
  SettingsSchema.parse({
    receivers: [
      { name: 'leads', type: 'wecom', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k' },
      { name: 'agents', type: 'ticket' },
    ],
    routes: [
      { match: { ownerRole: ['supervisor', 'ops_manager', 'executive'] }, receivers: ['leads'] },
      { match: {}, receivers: ['agents'] },
    ],
  }),
);

describe('dailyDigest', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-daily-')), 'test.db'));
    await store.ingest({ orders: ['D1', 'D2'].map((id) => sampleOrder({ channelOrderId: id, receiver: { name: id, phone: { raw: '1381234567', kind: 'invalid' } } })), events: [], attachments: new Map() }, T0);
    const engine = new ResponseEngine({ store, policy: () => policy, calendar: chineseBusinessCalendar() });
    const f = (orderId: string, code: Finding['code'] = 'promise.breached'): Finding => ({ orderId, code, key: '', severity: 'warning', detectedAt: T0, explanation: { zh: '', en: '' }, evidence: {} });
    // D1 has two problems: one incident, one order, two member findings.
    await engine.place([f('taobao:D1'), f('taobao:D2'), f('taobao:D1', 'stage.stalled')], [], T0);
    await engine.tick(T0);
  });
  afterEach(async () => {
    await store.close();
  });

  it("sends each owner role's open incidents once a day to the receivers its routes name", async () => {
    const nine = at('2026-11-12 09:00:00');
    expect(await dailyDigest(store, policy, nine, 'http://console')).toEqual({ roles: 1, enqueued: 1 });
    const [entry] = await store.response.outbox({ state: 'pending' }).then((all) => all.filter((e) => e.kind === 'daily'));
    expect(entry?.id).toBe('daily|agents|agent|2026-11-12');
    expect(String(entry?.message.title)).toContain('每日 09:00');
    expect(String(entry?.message.body)).toContain('2 个未结事件，涉及 2 单');
    expect(String(entry?.message.body)).toContain('http://console/#/incidents/');
    // Again the same day (a second instance, a restart): nothing new.
    expect((await dailyDigest(store, policy, nine + 60_000)).enqueued).toBe(0);
    expect((await dailyDigest(store, policy, nine + 86_400_000)).enqueued).toBe(1);
  });

  it('adds the open fix list, by cause, once a day to the receivers of an ops matter', async () => {
    await store.detection.saveJudgements([{ orderId: 'taobao:D1', findings: [{ orderId: 'taobao:D1', code: 'phone.invalid', key: '', severity: 'warning', detectedAt: T0, explanation: { zh: '', en: '' }, evidence: {} }], exemptions: [], nextCheckAt: undefined }], T0);
    await store.fixList.file([{ orderId: 'taobao:D1', code: 'phone.invalid', key: '', caseId: 'phone.invalid|taobao|旗舰店|2026-11-11', cause: 'phone.invalid', channel: 'taobao', shop: '旗舰店', day: '2026-11-11', at: T0 }]);
    const nine = at('2026-11-12 09:00:00');
    await dailyDigest(store, policy, nine, 'http://console');
    const fix = (await store.response.outbox({ state: 'pending' })).filter((e) => e.id.includes('fix-list'));
    expect(fix.map((e) => e.id)).toEqual(['daily|leads|fix-list|2026-11-12']);
    expect(String(fix[0]!.message.body)).toContain('手机号无效：1 项，1 单');
  });
});
