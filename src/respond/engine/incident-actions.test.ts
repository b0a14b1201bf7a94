import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../config/settings.js';
import { chineseBusinessCalendar } from '../../detect/calendar/index.js';
import type { Finding, FindingCode } from '../../domain/finding.js';
import type { Incident } from '../../domain/incident.js';
import type { Role } from '../../domain/role.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { at, sampleOrder } from '../../store/testing/store-fixtures.js';
import { policyOf, subCausesOf } from '../index.js';
import { IncidentActions } from './incident-actions.js';
import { ResponseEngine } from './response-engine.js';

// Wednesday 10:00 Shanghai: a workday.
const T0 = at('2026-11-11 10:00:00');
const MIN = 60_000;
const policy = policyOf(SettingsSchema.parse({}));
const rootCause = { class: 'external', subCause: subCausesOf(policy, 'external')[0]!.id } as const;

function finding(orderId: string, code: FindingCode): Finding {
  return { orderId, code, key: '', severity: 'warning', detectedAt: T0, explanation: { zh: code, en: code }, evidence: {} };
}

const who = (name: string, role: Role) => ({ name, role });
const agent = who('li', 'agent');
const agent2 = who('chen', 'agent');
const lead = who('sun', 'supervisor');
const ops = who('zhao', 'ops_manager');
const boss = who('qian', 'executive');
const warehouse = who('wang', 'warehouse');

describe('IncidentActions: roles, approvals and money', () => {
  let store: Store;
  let actions: IncidentActions;
  let engine: ResponseEngine;

  beforeEach(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-actions-')), 'test.db'));
    engine = new ResponseEngine({ store, policy: () => policy, calendar: chineseBusinessCalendar(), publicUrl: 'http://console.example' });
    actions = new IncidentActions(store, engine, () => policy);
    await store.ingest({ orders: [sampleOrder({ channelOrderId: 'P1' }), ...['B1', 'B2', 'B3'].map((id) => sampleOrder({ channelOrderId: id, batch: 'W-7', warehouse: 'GZ' }))], events: [], attachments: new Map() }, T0);
    for (const u of [agent, agent2, lead, ops, boss, warehouse]) await store.addUser({ name: u.name, role: u.role, createdAt: T0, disabled: false }, 'hash');
    await store.addUser({ name: 'gone', role: 'agent', createdAt: T0, disabled: true }, 'hash');
  });
  afterEach(async () => {
    await store.close();
  });

  async function orderIncident(): Promise<Incident> {
    await engine.place([finding('taobao:P1', 'promise.breached')], [], T0);
    await engine.tick(T0);
    const { items } = await store.response.incidents({});
    return items[0]!;
  }

  async function batchIncident(): Promise<Incident> {
    await engine.place(['B1', 'B2', 'B3'].map((id) => finding(`taobao:${id}`, 'stage.stalled')), [], T0);
    await engine.tick(T0 + 5 * MIN);
    const { items } = await store.response.incidents({});
    return items[0]!;
  }

  it('adds up a role\'s grants to one customer across the incidents of their order', async () => {
    // P1 is late and was oversold: two incidents of its own (one per problem family), one customer. B1 was oversold too.
    await engine.place([finding('taobao:P1', 'promise.breached')], [], T0);
    await engine.place(['P1', 'B1'].map((id) => ({ ...finding(`taobao:${id}`, 'stock.oversold'), key: 'SKU-9' })), [], T0);
    await engine.tick(T0 + 5 * MIN);
    const { items } = await store.response.incidents({});
    const byKey = new Map(items.map((i) => [i.groupKey, i]));
    const late = byKey.get('late|order:taobao:P1')!;
    const oversold = byKey.get('stock.oversold|order:taobao:P1')!;
    const otherCustomer = byKey.get('stock.oversold|order:taobao:B1')!;
    // The supervisor's ¥100 coupon limit: ¥60 for P1's lateness, then ¥60 more to P1 on the oversold incident waits for
    // approval (¥120 to one customer), ¥30 there is granted (¥90), and ¥60 to B1 is B1's own.
    await actions.act(late.id, lead, { type: 'compensate', kind: 'coupon', amountFen: 6000 }, T0 + 6 * MIN);
    let inc = await actions.act(oversold.id, lead, { type: 'compensate', kind: 'coupon', amountFen: 6000 }, T0 + 7 * MIN);
    inc = await actions.act(oversold.id, lead, { type: 'compensate', kind: 'coupon', amountFen: 3000, orderId: 'taobao:P1' }, T0 + 8 * MIN);
    expect(inc.compensations.map((c) => [c.amountFen, c.state])).toEqual([
      [6000, 'pending_approval'],
      [3000, 'granted'],
    ]);
    expect((await actions.act(otherCustomer.id, lead, { type: 'compensate', kind: 'coupon', amountFen: 6000 }, T0 + 9 * MIN)).compensations[0]!.state).toBe('granted');
    // Back on the late incident P1 has ¥90: ¥20 more would pass the limit.
    const back = await actions.act(late.id, lead, { type: 'compensate', kind: 'coupon', amountFen: 2000 }, T0 + 10 * MIN);
    expect(back.compensations.map((c) => c.state)).toEqual(['granted', 'pending_approval']);
    // Each grant records whom it went to, as decided then (the incident's only order may not stay its only one)…
    expect(back.compensations.map((c) => c.orderId)).toEqual(['taobao:P1', 'taobao:P1']);
    // …and an order the incident is not about cannot be named to escape the customer's limit.
    await expect(actions.act(late.id, lead, { type: 'compensate', kind: 'coupon', amountFen: 9000, orderId: 'taobao:B1' }, T0 + 11 * MIN)).rejects.toMatchObject({ status: 400, code: 'unknown_order' });
  });

  it('adds up an agent\'s grants per incident: at a ¥20 limit the 2nd ¥20 coupon waits for approval', async () => {
    let inc = await orderIncident();
    expect(inc.ownerRole).toBe('agent');
    for (let i = 0; i < 5; i++) inc = await actions.act(inc.id, agent, { type: 'compensate', kind: 'coupon', amountFen: 2000 }, T0 + i * MIN);
    expect(inc.compensations.map((c) => c.state)).toEqual(['granted', 'pending_approval', 'pending_approval', 'pending_approval', 'pending_approval']);
    expect(inc.compensations[1]).toMatchObject({ requestedByRole: 'agent', approverRole: 'supervisor' });
    // Another agent on the same incident shares the agents' limit there.
    inc = await actions.act(inc.id, agent2, { type: 'compensate', kind: 'coupon', amountFen: 500 }, T0 + 6 * MIN);
    expect(inc.compensations[5]?.state).toBe('pending_approval');
    // A gift is its own limit.
    inc = await actions.act(inc.id, agent, { type: 'compensate', kind: 'gift', amountFen: 2000 }, T0 + 7 * MIN);
    expect(inc.compensations[6]?.state).toBe('granted');
  });

  it('sends approval up the chain only: an agent cannot approve what the warehouse asked, nor their own', async () => {
    let inc = await batchIncident();
    expect(inc.ownerRole).toBe('ops_manager');
    inc = await actions.act(inc.id, ops, { type: 'assign', assignee: 'wang' }, T0 + 6 * MIN);
    inc = await actions.act(inc.id, warehouse, { type: 'compensate', kind: 'coupon', amountFen: 1000 }, T0 + 7 * MIN);
    const asked = inc.compensations[0]!;
    expect(asked).toMatchObject({ state: 'pending_approval', requestedByRole: 'warehouse', approverRole: 'supervisor' });
    await expect(actions.act(inc.id, agent, { type: 'decide_compensation', compensationId: asked.id, approve: true }, T0 + 8 * MIN)).rejects.toMatchObject({
      status: 403,
      code: 'not_above_requester',
      bilingual: { zh: '补偿审批须由更高级别的角色处理（申请人角色：仓储负责人，您的角色：客服）' },
    });
    await expect(actions.act(inc.id, warehouse, { type: 'decide_compensation', compensationId: asked.id, approve: true }, T0 + 8 * MIN)).rejects.toMatchObject({ status: 403, code: 'own_request' });
    inc = await actions.act(inc.id, lead, { type: 'decide_compensation', compensationId: asked.id, approve: true }, T0 + 9 * MIN);
    expect(inc.compensations[0]).toMatchObject({ state: 'approved', decidedBy: 'sun' });
  });

  it('refuses a role below the requester; the executive decides a large refund, once', async () => {
    let inc = await batchIncident();
    inc = await actions.act(inc.id, ops, { type: 'compensate', kind: 'refund', amountFen: 300_000 }, T0 + 6 * MIN);
    const big = inc.compensations[0]!;
    expect(big).toMatchObject({ state: 'pending_approval', approverRole: 'executive' });
    await expect(actions.act(inc.id, lead, { type: 'decide_compensation', compensationId: big.id, approve: true }, T0 + 7 * MIN)).rejects.toMatchObject({ code: 'not_above_requester' });
    inc = await actions.act(inc.id, boss, { type: 'decide_compensation', compensationId: big.id, approve: false, note: '改用优惠券' }, T0 + 8 * MIN);
    expect(inc.compensations[0]?.state).toBe('rejected');
    await expect(actions.act(inc.id, boss, { type: 'decide_compensation', compensationId: big.id, approve: true }, T0 + 9 * MIN)).rejects.toMatchObject({ status: 409, code: 'not_pending' });
  });

  it('refuses to close while compensation is pending, unless forced with a reason that is recorded', async () => {
    let inc = await orderIncident();
    inc = await actions.act(inc.id, agent, { type: 'compensate', kind: 'coupon', amountFen: 5000 }, T0 + MIN);
    inc = await actions.act(inc.id, agent, { type: 'resolve' }, T0 + 2 * MIN);
    await expect(actions.act(inc.id, agent, { type: 'close', rootCause }, T0 + 3 * MIN)).rejects.toMatchObject({ status: 409, code: 'compensation_pending' });
    await expect(actions.act(inc.id, agent, { type: 'close', rootCause, force: true }, T0 + 3 * MIN)).rejects.toMatchObject({ status: 400, code: 'reason_required' });
    inc = await actions.act(inc.id, agent, { type: 'close', rootCause, force: true, reason: '客户已撤回申请' }, T0 + 4 * MIN);
    expect(inc.state).toBe('closed');
    const closeLine = (await store.response.incidentLog(inc.id)).find((l) => l.action === 'close')!;
    expect(closeLine).toMatchObject({ reason: '客户已撤回申请', detail: { forced: true, pendingCompensations: [inc.compensations[0]!.id] } });
  });

  it('assigns only to a real, active person, in words otherwise', async () => {
    const inc = await orderIncident();
    await expect(actions.act(inc.id, lead, { type: 'assign', assignee: 'nobody' }, T0 + MIN)).rejects.toMatchObject({ status: 400, code: 'unknown_assignee', bilingual: { zh: '没有用户"nobody"，请从可指派的人员中选择' } });
    await expect(actions.act(inc.id, lead, { type: 'assign', assignee: 'gone' }, T0 + MIN)).rejects.toMatchObject({ status: 400, code: 'inactive_assignee' });
    expect((await actions.act(inc.id, lead, { type: 'assign', assignee: 'chen' }, T0 + MIN)).assignee).toBe('chen');
  });

  it('keeps the ops manager on an incident escalated to the executive', async () => {
    let inc = await batchIncident();
    inc = await actions.act(inc.id, ops, { type: 'escalate', reason: '需要副总协调快递' }, T0 + 6 * MIN);
    expect(inc).toMatchObject({ ownerRole: 'executive', owners: ['ops_manager', 'executive'] });
    inc = await actions.act(inc.id, ops, { type: 'acknowledge' }, T0 + 7 * MIN);
    expect(inc.state).toBe('acknowledged');
    await expect(actions.act(inc.id, warehouse, { type: 'resolve' }, T0 + 8 * MIN)).rejects.toMatchObject({ status: 403, code: 'not_owner' });
  });
});
