// Money, as the tester found it: a compensation limit could be split into several
// grants under the limit. The limit covers the sum of what a role granted on its own
// authority on one incident — asked one after another, all at once, twice in one
// bulk action, or by two people of the role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/password.js';
import { PASSWORD, START, signIn, startHarness, type Harness, type Session } from './harness.js';

let h: Harness;
let supervisor: Session;
let incidents: string[];

// The default policy lets a supervisor grant ¥100 of coupons on their own; more waits for the operations manager.
const LIMIT_FEN = 10_000;
const COUPON = { type: 'compensate', kind: 'coupon', amountFen: 3_000 } as const;

beforeAll(async () => {
  h = await startHarness();
  await h.store.addUser({ name: 'zhuguan2', role: 'supervisor', createdAt: START, disabled: false }, await hashPassword(PASSWORD));
  supervisor = await signIn(h, 'zhuguan');
  const list = (await (await supervisor.get('/api/v1/incidents')).json()) as { items: Array<{ id: string; ownerRole: string }> };
  incidents = list.items.filter((i) => i.ownerRole === 'supervisor').map((i) => i.id);
}, 60_000);
afterAll(async () => h?.close());

async function compensations(id: string): Promise<Array<{ amountFen: number; state: string; requestedBy: string }>> {
  return ((await (await supervisor.get(`/api/v1/incidents/${id}`)).json()) as { incident: { compensations: Array<{ amountFen: number; state: string; requestedBy: string }> } }).incident.compensations;
}
const grantedFen = (list: Array<{ amountFen: number; state: string }>): number => list.filter((c) => c.state === 'granted').reduce((sum, c) => sum + c.amountFen, 0);

describe('compensation limits add up per incident', () => {
  it('has incidents a supervisor owns to try it on', () => {
    expect(incidents.length).toBeGreaterThanOrEqual(3);
  });

  it('sends the grant that would pass the limit for approval, when the grants come one after another', async () => {
    for (let i = 0; i < 5; i++) expect((await supervisor.send('POST', `/api/v1/incidents/${incidents[0]}/actions`, COUPON)).status).toBe(200);
    const list = await compensations(incidents[0]!);
    expect(list.map((c) => c.state)).toEqual(['granted', 'granted', 'granted', 'pending_approval', 'pending_approval']);
    expect(grantedFen(list)).toBeLessThanOrEqual(LIMIT_FEN);
  });

  it('grants no more than the limit when eight grants arrive at once', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => supervisor.send('POST', `/api/v1/incidents/${incidents[1]}/actions`, COUPON)));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 8 }, () => 200));
    const list = await compensations(incidents[1]!);
    expect(list).toHaveLength(8);
    expect(grantedFen(list)).toBe(9_000);
    expect(list.filter((c) => c.state === 'pending_approval')).toHaveLength(5);
  });

  it('counts one incident named twice in a bulk action once, and two supervisors against one limit', async () => {
    const bulk = await supervisor.send('POST', '/api/v1/incidents/bulk-actions', { ids: [incidents[2], incidents[2], incidents[2]], action: { ...COUPON, amountFen: 6_000 } });
    expect(bulk.status).toBe(200);
    expect(await compensations(incidents[2]!)).toEqual([expect.objectContaining({ amountFen: 6_000, state: 'granted' })]);
    const colleague = await signIn(h, 'zhuguan2');
    expect((await colleague.send('POST', `/api/v1/incidents/${incidents[2]}/actions`, { ...COUPON, amountFen: 6_000 })).status).toBe(200);
    const list = await compensations(incidents[2]!);
    expect(list.map((c) => [c.requestedBy, c.state])).toEqual([
      ['zhuguan', 'granted'],
      ['zhuguan2', 'pending_approval'],
    ]);
    expect(grantedFen(list)).toBeLessThanOrEqual(LIMIT_FEN);
  });
});
