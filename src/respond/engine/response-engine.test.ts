import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../config/settings.js';
import { chineseBusinessCalendar } from '../../detect/calendar/index.js';
import type { Finding, FindingCode } from '../../domain/finding.js';
import type { Incident } from '../../domain/incident.js';
import { policyOf, subCausesOf } from '../index.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { at, sampleOrder } from '../../store/testing/store-fixtures.js';
import { ActionError, IncidentActions } from './incident-actions.js';
import { ResponseEngine } from './response-engine.js';
import { verifyLink } from '../../domain/action-link.js';

// Wednesday 10:00 Shanghai: a workday, inside warehouse hours.
const T0 = at('2026-11-11 10:00:00');
const MIN = 60_000;

const policy = policyOf(
  SettingsSchema.parse({
    receivers: [
      { name: 'ops-group', type: 'wecom', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k' },
      { name: 'cs-group', type: 'dingtalk', url: 'http://127.0.0.1:9/robot/send?access_token=t', secret: 'SECabc' },
    ],
    routes: [
      { match: { level: [2, 3] }, receivers: ['ops-group'] },
      { match: {}, receivers: ['cs-group'] },
    ],
  }),
);

function finding(orderId: string, code: FindingCode, key = ''): Finding {
  return { orderId, code, key, severity: 'warning', detectedAt: T0, explanation: { zh: code, en: code }, evidence: {} };
}

/** detected stores findings as detection would (the fix list's items are the findings themselves). */
async function detected(store: Store, findings: readonly Finding[], when: number): Promise<Finding[]> {
  const byOrder = new Map<string, Finding[]>();
  for (const f of findings) byOrder.set(f.orderId, [...(byOrder.get(f.orderId) ?? []), f]);
  await store.detection.saveJudgements([...byOrder].map(([orderId, list]) => ({ orderId, findings: list, exemptions: [], nextCheckAt: undefined })), when);
  return [...findings];
}

describe('ResponseEngine', () => {
  let store: Store;
  let engine: ResponseEngine;
  let actions: IncidentActions;
  const ops = { name: 'zhao', role: 'ops_manager' as const };
  const boss = { name: 'qian', role: 'executive' as const };
  const lead = { name: 'sun', role: 'supervisor' as const };
  const agent = { name: 'li', role: 'agent' as const };

  beforeEach(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-engine-')), 'test.db'));
    engine = new ResponseEngine({ store, policy: () => policy, calendar: chineseBusinessCalendar(), publicUrl: 'http://console.example' });
    actions = new IncidentActions(store, engine, () => policy);
    const orders = [
      ...['B1', 'B2', 'B3'].map((id) => sampleOrder({ channelOrderId: id, batch: 'W-7', warehouse: 'GZ' })),
      sampleOrder({ channelOrderId: 'P1' }),
      ...['S1', 'S2'].map((id) => sampleOrder({ channelOrderId: id, warehouse: 'SH' })),
    ];
    await store.ingest({ orders, events: [], attachments: new Map() }, T0);
  });
  afterEach(async () => {
    await store.close();
  });

  async function only(): Promise<Incident> {
    const { items } = await store.response.incidents({});
    expect(items).toHaveLength(1);
    return items[0]!;
  }

  it('waits, then opens one level-2 incident for three stalled orders of a batch and pages once', async () => {
    await engine.place(['B1', 'B2', 'B3'].map((id) => finding(`taobao:${id}`, 'stage.stalled')), [], T0);
    await engine.tick(T0 + MIN);
    expect((await store.response.incidents({})).total).toBe(0);
    await engine.tick(T0 + 5 * MIN);
    const inc = await only();
    expect(inc.groupKey).toBe('late|batch:W-7');
    expect([inc.level, inc.grade, inc.ownerRole, inc.rule]).toEqual([2, 'B', 'ops_manager', 'batch-late']);
    expect(inc.orderIds).toEqual(['taobao:B1', 'taobao:B2', 'taobao:B3']);
    expect(inc.title.zh).toBe('批次 W-7：3 单环节停滞');
    expect(inc.checklist.length).toBeGreaterThan(0);
    expect(inc.responseDeadline).toBe(T0 + 35 * MIN);
    const outbox = await store.response.outbox({ incidentId: inc.id });
    expect(outbox.map((e) => e.id)).toEqual([`${inc.id}|ops-group|notify`]);
    expect(String(outbox[0]!.message.title)).toContain('B级');
    expect(String(outbox[0]!.message.body)).toContain(`http://console.example/#/incidents/${inc.id}`);
    // A second tick at the same moment decides nothing new.
    await engine.tick(T0 + 5 * MIN);
    expect(await store.response.outbox({ incidentId: inc.id })).toHaveLength(1);
  });

  it('escalates an unacknowledged incident along the chain, then stops once acknowledged', async () => {
    await engine.place(['B1', 'B2', 'B3'].map((id) => finding(`taobao:${id}`, 'stage.stalled')), [], T0);
    await engine.tick(T0 + 5 * MIN);
    await engine.tick(T0 + 35 * MIN);
    let inc = await only();
    expect([inc.ownerRole, inc.escalations]).toEqual(['executive', 1]);
    const log = await store.response.incidentLog(inc.id);
    expect(log.map((l) => l.action)).toEqual(['open', 'graded', 'notify', 'escalate']);
    expect((await store.response.outbox({ incidentId: inc.id })).map((e) => e.id.split('|')[2]).sort()).toEqual(['escalate-1', 'notify']);

    // The escalation told someone new: reminders count from it, and their gaps grow (30 min, then 1 h).
    await engine.tick(T0 + 40 * MIN);
    expect((await only()).remindersSent).toBe(0);
    await engine.tick(T0 + 65 * MIN);
    expect((await only()).remindersSent).toBe(1);
    await engine.tick(T0 + 95 * MIN);
    expect((await only()).remindersSent).toBe(1);
    await engine.tick(T0 + 125 * MIN);
    inc = await only();
    expect([inc.remindersSent, inc.escalations]).toEqual([2, 1]);

    inc = await actions.act(inc.id, boss, { type: 'acknowledge', reason: '已通知仓库加急' }, T0 + 130 * MIN);
    expect(inc.state).toBe('acknowledged');
    expect(inc.acknowledgedAt).toBe(T0 + 130 * MIN);
    const before = (await store.response.outbox({ incidentId: inc.id })).length;
    await engine.tick(T0 + 300 * MIN);
    expect((await store.response.outbox({ incidentId: inc.id })).length).toBe(before);
    const ack = (await store.response.incidentLog(inc.id)).find((l) => l.action === 'acknowledge');
    expect(ack).toMatchObject({ actor: 'qian', fromState: 'open', toState: 'acknowledged', reason: '已通知仓库加急' });
  });

  it("retitles an order's incident when the order gets a second problem", async () => {
    await engine.place([finding('taobao:P1', 'promise.breached')], [], T0);
    await engine.tick(T0);
    expect((await only()).title.zh).toBe('订单 P1：已超承诺时效');
    // A stall waits for the grouping window (a batch of them would be one incident), then joins the order's own.
    await engine.place([finding('taobao:P1', 'stage.stalled')], [], T0 + 10 * MIN);
    await engine.tick(T0 + 20 * MIN);
    expect((await only()).title).toEqual({ zh: '订单 P1：已超承诺时效、环节停滞', en: 'Order P1: promise breached, stage stalled' });
  });

  it('opens a single order incident at once, and closing needs a root cause', async () => {
    await engine.place([finding('taobao:P1', 'promise.breached')], [], T0);
    await engine.tick(T0);
    let inc = await only();
    expect([inc.scope, inc.level, inc.grade, inc.ownerRole]).toEqual(['order', 1, 'C', 'agent']);
    expect(inc.title.zh).toBe('订单 P1：已超承诺时效');
    expect((await store.response.outbox({ incidentId: inc.id })).map((e) => e.receiver)).toEqual(['cs-group']);

    await actions.act(inc.id, agent, { type: 'acknowledge' }, T0 + MIN);
    await actions.act(inc.id, agent, { type: 'check', itemId: inc.checklist[0]!.id, done: true, note: '已致电' }, T0 + 2 * MIN);
    inc = await actions.act(inc.id, agent, { type: 'resolve', reason: '客户提供新号码' }, T0 + 3 * MIN);
    expect(inc.checklist[0]).toMatchObject({ done: true, doneBy: 'li' });
    expect((await store.response.outbox({ incidentId: inc.id })).map((e) => e.id.split('|')[2]).sort()).toEqual(['notify', 'resolved']);
    await expect(actions.act(inc.id, agent, { type: 'close', rootCause: undefined as never }, T0 + 4 * MIN)).rejects.toMatchObject({ code: 'root_cause_required', status: 400 });
    await expect(actions.act(inc.id, agent, { type: 'close', rootCause: { class: 'human', subCause: 'no-such-cause' } }, T0 + 4 * MIN)).rejects.toBeInstanceOf(ActionError);
    const sub = subCausesOf(policy, 'external')[0]!.id;
    inc = await actions.act(inc.id, agent, { type: 'close', rootCause: { class: 'external', subCause: sub } }, T0 + 5 * MIN);
    expect([inc.state, inc.closedAt, inc.rootCause?.subCause]).toEqual(['closed', T0 + 5 * MIN, sub]);
    inc = await actions.act(inc.id, agent, { type: 'rate', score: 4, comment: '话术有用' }, T0 + 6 * MIN);
    expect(inc.ratings).toEqual([{ by: 'li', at: T0 + 6 * MIN, score: 4, comment: '话术有用' }]);
    // A new finding on the same key after closing opens a new incident.
    await engine.place([finding('taobao:P1', 'promise.breached')], [], T0 + 10 * MIN);
    expect((await store.response.incidents({})).total).toBe(2);
  });

  it('checks permissions by role', async () => {
    await engine.place(['B1', 'B2', 'B3'].map((id) => finding(`taobao:${id}`, 'stage.stalled')), [], T0);
    await engine.tick(T0 + 5 * MIN);
    const inc = await only();
    expect(inc.ownerRole).toBe('ops_manager');
    await expect(actions.act(inc.id, agent, { type: 'pause', reason: 'x' }, T0 + 6 * MIN)).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    // The batch is the ops manager's: an agent may not resolve it, nor may a supervisor below them.
    await expect(actions.act(inc.id, agent, { type: 'resolve' }, T0 + 7 * MIN)).rejects.toMatchObject({ status: 403, code: 'not_owner' });
    await expect(actions.act(inc.id, lead, { type: 'resolve' }, T0 + 7 * MIN)).rejects.toMatchObject({ status: 403, code: 'not_owner' });
    await actions.act(inc.id, ops, { type: 'resolve' }, T0 + 7 * MIN);
    await expect(actions.act(inc.id, agent, { type: 'close', rootCause: { class: 'external', subCause: subCausesOf(policy, 'external')[0]!.id } }, T0 + 8 * MIN)).rejects.toMatchObject({ status: 403 });
    await expect(actions.act('INC-nope', ops, { type: 'acknowledge' }, T0)).rejects.toMatchObject({ status: 404 });
  });

  it('stops escalation while an incident is paused, and resumes when the pause ends', async () => {
    await engine.place(['B1', 'B2', 'B3'].map((id) => finding(`taobao:${id}`, 'stage.stalled')), [], T0);
    await engine.tick(T0 + 5 * MIN);
    let inc = await only();
    inc = await actions.act(inc.id, ops, { type: 'pause', reason: '主管接管，已联系仓库', until: T0 + 120 * MIN }, T0 + 10 * MIN);
    expect(inc.pause?.by).toBe('zhao');
    expect(inc.nextActionAt).toBe(T0 + 120 * MIN);
    await engine.tick(T0 + 60 * MIN);
    inc = await only();
    expect([inc.escalations, inc.remindersSent]).toEqual([0, 0]);
    await engine.tick(T0 + 120 * MIN);
    inc = await only();
    expect(inc.pause).toBeUndefined();
    expect(inc.escalations).toBe(1);
    const actionsLogged = (await store.response.incidentLog(inc.id)).map((l) => `${l.actor}:${l.action}`);
    expect(actionsLogged).toEqual(['system:open', 'system:graded', 'system:notify', 'zhao:pause', 'system:resume', 'system:escalate']);
    // The escalation added the executive; the ops manager stays an owner.
    expect(inc).toMatchObject({ ownerRole: 'executive', owners: ['ops_manager', 'executive'] });
  });

  it('holds an order incident while its order is taken over', async () => {
    await actions.pauseOrder('taobao:P1', lead, '客户要求改地址，人工处理', undefined, T0);
    await engine.place([finding('taobao:P1', 'promise.breached')], [], T0);
    await engine.tick(T0);
    let inc = await only();
    expect(inc.notifiedAt).toBeUndefined();
    expect(await store.response.outbox({ incidentId: inc.id })).toEqual([]);
    await actions.resumeOrder('taobao:P1', lead, T0 + 30 * MIN);
    await engine.tick(T0 + 30 * MIN);
    inc = await only();
    expect(inc.notifiedAt).toBe(T0 + 30 * MIN);
    expect(await store.response.outbox({ incidentId: inc.id })).toHaveLength(1);
  });

  it('lets a level-3 sync failure mute the individual notifications of the orders it covers', async () => {
    await engine.place([finding('taobao:S1', 'stock.sync_stale', 'SH'), finding('taobao:S2', 'stock.sync_stale', 'SH'), finding('taobao:S1', 'promise.breached')], [], T0);
    await engine.tick(T0 + 5 * MIN);
    const { items } = await store.response.incidents({});
    const sync = items.find((i) => i.scope === 'channel_sync')!;
    const single = items.find((i) => i.scope === 'order')!;
    expect([sync.level, sync.grade, sync.ownerRole, sync.orderIds.length]).toEqual([3, 'A', 'executive', 2]);
    expect((await store.response.outbox({ incidentId: sync.id })).map((e) => e.receiver)).toEqual(['ops-group']);
    expect(await store.response.outbox({ incidentId: single.id })).toEqual([]);
    expect((await store.response.incidentLog(single.id)).map((l) => l.action)).toContain('inhibited');
  });

  it('suggests resolving when every finding of an incident went away', async () => {
    await engine.place([finding('taobao:P1', 'promise.breached')], [], T0);
    await engine.tick(T0);
    await engine.place([], [{ orderId: 'taobao:P1', code: 'promise.breached', key: '' }], T0 + 9 * MIN);
    const inc = await only();
    expect([inc.suggestResolve, inc.activeMembers, inc.state]).toEqual([true, 0, 'open']);
  });

  it('resolves a group by itself when its findings go away before anyone was told', async () => {
    await engine.place([finding('taobao:P1', 'promise.breached')], [], T0);
    await engine.place([], [{ orderId: 'taobao:P1', code: 'promise.breached', key: '' }], T0);
    await engine.tick(T0 + MIN);
    const inc = await only();
    expect(inc.state).toBe('resolved');
    expect(await store.response.outbox({ incidentId: inc.id })).toEqual([]);
  });

  it('texts the customer a comfort SMS from the playbook’s template, unless the order is taken over', async () => {
    const withSms = policyOf(
      SettingsSchema.parse({
        receivers: [
          { name: 'cs-group', type: 'wecom', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k' },
          { name: 'customer-sms', type: 'sms', provider: 'aliyun', accessKeyId: 'id', accessKeySecret: 'secret', signName: '旗舰店', templateCode: 'SMS_1' },
        ],
        routes: [{ match: {}, receivers: ['cs-group'] }],
      }),
    );
    const e = new ResponseEngine({ store, policy: () => withSms, calendar: chineseBusinessCalendar() });
    const a = new IncidentActions(store, e, () => withSms);
    await e.place([finding('taobao:P1', 'promise.breached')], [], T0);
    await e.tick(T0);
    const inc = await only();
    expect(inc.grade).toBe('C');
    const sms = (await store.response.outbox({ incidentId: inc.id })).find((m) => m.kind === 'customer');
    expect(sms?.receiver).toBe('customer-sms');
    expect((sms?.message.sms as { phoneNumbers: string[] }).phoneNumbers).toEqual(['13812345678']);
    expect(String(sms?.message.body)).toContain('王小明');

    await a.pauseOrder('taobao:B1', lead, '客户来电，人工跟进', undefined, T0);
    await e.place([finding('taobao:B1', 'promise.breached')], [], T0);
    await e.tick(T0 + 6 * MIN);
    const held = (await store.response.incidents({ orderId: 'taobao:B1' })).items[0]!;
    expect(await store.response.outbox({ incidentId: held.id })).toEqual([]);
  });

  it('grants compensation within the role limit and asks the next role above it', async () => {
    await engine.place([finding('taobao:P1', 'promise.breached')], [], T0);
    await engine.tick(T0);
    let inc = await only();
    inc = await actions.act(inc.id, agent, { type: 'compensate', kind: 'coupon', amountFen: 1000, orderId: 'taobao:P1' }, T0 + MIN);
    expect(inc.compensations[0]?.state).toBe('granted');
    inc = await actions.act(inc.id, agent, { type: 'compensate', kind: 'coupon', amountFen: 50_000 }, T0 + 2 * MIN);
    const pending = inc.compensations[1]!;
    expect(pending.state).toBe('pending_approval');
    await expect(actions.act(inc.id, agent, { type: 'decide_compensation', compensationId: pending.id, approve: true }, T0 + 3 * MIN)).rejects.toMatchObject({ status: 403 });
    inc = await actions.act(inc.id, boss, { type: 'decide_compensation', compensationId: pending.id, approve: true }, T0 + 4 * MIN);
    expect(inc.compensations[1]).toMatchObject({ state: 'approved', decidedBy: 'qian' });
  });

  it('files data-quality findings on the fix list by cause, shop and day instead of opening incidents', async () => {
    const s = await engine.place(await detected(store, [finding('taobao:P1', 'phone.invalid'), finding('taobao:B1', 'phone.invalid'), finding('taobao:B2', 'address.vague')], T0), [], T0);
    await engine.tick(T0 + 10 * MIN);
    expect(s.filed).toBe(3);
    expect((await store.response.incidents({})).total).toBe(0);
    expect(await store.response.outbox({})).toEqual([]);
    const { items } = await store.fixList.cases({});
    const phone = items.find((c) => c.cause === 'phone.invalid')!;
    expect([phone.channel, phone.day, phone.items, phone.openItems, phone.orders, phone.state]).toEqual(['taobao', '2026-11-11', 2, 2, 2, 'open']);
    expect(items.find((c) => c.cause === 'address.vague')?.orders).toBe(1);

    // The phone is corrected on the platform: the finding resolves and the case counts it out.
    const { resolved } = await store.detection.saveJudgements([{ orderId: 'taobao:P1', findings: [], exemptions: [], nextCheckAt: undefined }], T0 + 20 * MIN);
    await engine.place([], resolved, T0 + 20 * MIN);
    expect(await store.fixList.getCase(phone.id)).toMatchObject({ items: 2, openItems: 1, state: 'open' });
    // The rest is worked through in bulk.
    const handled = await store.fixList.handle(phone.id, 'fixed', 'li', T0 + 30 * MIN);
    expect(handled).toMatchObject({ changed: 1, fixCase: { openItems: 0, state: 'done' } });
    const done = await store.fixList.caseItems(phone.id, { state: 'fixed' });
    expect(done.items.map((i) => [i.orderId, i.fixBy])).toEqual([['taobao:B1', 'li']]);
  });

  it('makes one buyer\'s many orders one case, announced once when it grows past the alert size', async () => {
    const flood = Array.from({ length: 25 }, (_, i) => sampleOrder({ channelOrderId: `F${i}` }));
    await store.ingest({ orders: flood, events: [], attachments: new Map() }, T0);
    const opened = await detected(store, flood.flatMap((o, i) => [finding(o.id, 'order.placeholder'), ...(i > 0 ? [finding(o.id, 'order.duplicate', flood[i - 1]!.id)] : [])]), T0);
    await engine.place(opened.slice(0, 10), [], T0);
    await engine.place(opened.slice(10), [], T0 + MIN);
    await engine.tick(T0 + 10 * MIN);
    expect((await store.response.incidents({})).total).toBe(0);
    const { items } = await store.fixList.cases({});
    expect(items).toHaveLength(1);
    expect([items[0]!.cause, items[0]!.orders, items[0]!.items, items[0]!.buyer]).toEqual(['buyer', 25, 49, '13812345678']);
    expect(items[0]!.codes).toEqual(['order.duplicate', 'order.placeholder']);
    const sent = await store.response.outbox({});
    expect(sent.map((e) => [e.kind, e.receiver])).toEqual([['fix_case', 'ops-group']]);
    expect(String(sent[0]!.message.title)).toContain('138****5678');
    // More of the same buyer changes the count, not the number of messages.
    await engine.place(await detected(store, [finding(flood[0]!.id, 'order.placeholder'), finding(flood[0]!.id, 'order.duplicate', 'taobao:other')], T0 + 2 * MIN), [], T0 + 2 * MIN);
    expect(await store.response.outbox({})).toHaveLength(1);
  });

  it('grades an open incident again as its VIP order grows later: B when first told, A three business days on, told once', async () => {
    await store.ingest({ orders: [sampleOrder({ channelOrderId: 'V1', customer: { tier: 'vip', nick: 'vip' } })], events: [], attachments: new Map() }, T0);
    const breached = { ...finding('taobao:V1', 'promise.breached'), threshold: { hours: 48, deadline: T0, policy: 'platform-promise', segment: 'taobao', derivation: { zh: '承诺', en: 'promise' } } };
    await engine.place(await detected(store, [breached], T0), [], T0);
    await engine.tick(T0);
    let inc = await only();
    expect([inc.grade, inc.rule]).toEqual(['B', 'vip-recent']);
    await actions.act(inc.id, agent, { type: 'acknowledge' }, T0 + MIN);
    // Wednesday 10:00 + 3 business days = Monday 10:00; the incident is looked at again every 6 hours.
    for (let h = 6; h <= 6 * 24; h += 6) await engine.tick(T0 + h * 3_600_000);
    inc = await only();
    expect([inc.grade, inc.rule, inc.ownerRole]).toEqual(['A', 'vip-late', 'supervisor']);
    const regrades = (await store.response.outbox({ incidentId: inc.id })).filter((e) => e.kind === 'regrade');
    expect(regrades).toHaveLength(1);
    expect(String(regrades[0]!.message.title)).toContain('A级');
    expect((await store.response.incidentLog(inc.id)).filter((l) => l.action === 'regrade')).toHaveLength(1);
  });
  it('signs the one-click links of its messages for the role they wake, when a link secret is set', async () => {
    const routed = policyOf(SettingsSchema.parse({ receivers: [{ name: 'cs-group', type: 'dingtalk', url: 'http://127.0.0.1:9/robot/send?access_token=t' }], routes: [{ match: {}, receivers: ['cs-group'] }] }));
    const secret = 'engine-test-link-secret-0123456789abcdef';
    const e = new ResponseEngine({ store, policy: () => routed, calendar: chineseBusinessCalendar(), publicUrl: 'https://ow.example.com', actionLinks: () => ({ secret, hours: 24 }) });
    await e.place([finding('taobao:P1', 'promise.breached')], [], T0);
    await e.tick(T0);
    const inc = await only();
    const [entry] = (await store.response.outbox({ incidentId: inc.id })).filter((m) => m.kind === 'incident');
    const links = entry!.message.actions as Array<{ label: string; url: string }>;
    expect(links.map((l) => l.label)).toEqual(['认领', '暂停提醒', '查看']);
    const claims = links.map((l) => verifyLink(secret, new URL(l.url).searchParams.get('t')!, T0));
    expect(claims.map((c) => (c.ok ? [c.claims.incidentId, c.claims.action, c.claims.role] : c.refusal.code))).toEqual([
      [inc.id, 'acknowledge', inc.ownerRole],
      [inc.id, 'pause', inc.ownerRole],
      [inc.id, 'view', inc.ownerRole],
    ]);
    expect(verifyLink(secret, new URL(links[0]!.url).searchParams.get('t')!, T0 + 24 * 60 * MIN).ok).toBe(false);
  });
  it('raises the grade one step when the money at stake reaches grading.penalty.raiseAtYuan (off by default)', async () => {
    const grade = async (settings: object, id: string): Promise<Incident> => {
      const p = policyOf(SettingsSchema.parse(settings));
      const e = new ResponseEngine({ store, policy: () => p, calendar: chineseBusinessCalendar() });
      await e.place([finding(`taobao:${id}`, 'promise.breached')], [], T0);
      await e.tick(T0);
      return (await store.response.incidents({ orderId: `taobao:${id}` })).items[0]!;
    };
    await store.ingest({ orders: ['Q1', 'Q2'].map((id) => sampleOrder({ channelOrderId: id })), events: [], attachments: new Map() }, T0);
    // P1 is a Taobao order of ¥199 not yet shipped: ¥9.95 at stake.
    expect((await grade({}, 'P1')).grade).toBe('C');
    const raised = await grade({ grading: { penalty: { raiseAtYuan: 9.95 } } }, 'Q1');
    expect(raised.grade).toBe('B');
    const log = await store.response.incidentLog(raised.id);
    expect(String((log.find((l) => l.action === 'graded')?.detail as { rule?: string } | undefined)?.rule)).toMatch(/\+penalty$/);
    expect((await grade({ grading: { penalty: { raiseAtYuan: 10 } } }, 'Q2')).grade).toBe('C');
  });
});
