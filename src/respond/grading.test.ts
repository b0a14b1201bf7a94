import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../config/load-settings.js';
import { DEFAULT_POLICY, gradeFinding, policyOf, type GradeInput } from './index.js';

const single = (over: Partial<GradeInput>): GradeInput => ({
  code: 'stage.stalled',
  delayBusinessDays: 0,
  customerTier: 'regular',
  orderValueFen: 20_000,
  batchSize: 1,
  scope: 'order',
  ...over,
});

describe('the shipped grading: delay × customer (SPEC C6, completed)', () => {
  it.each([
    // SPEC's three anchors
    { name: 'A: VIP five days late → supervisor within 30 min', delay: 5, tier: 'vip', grade: 'A', rule: 'vip-late', owner: 'supervisor', minutes: 30, clock: 'wall' },
    { name: 'B: regular customer 3-4 days late → outbound call within 2 h', delay: 3, tier: 'regular', grade: 'B', rule: 'late-3-4-days', owner: 'agent', minutes: 120, clock: 'business' },
    { name: 'C: new customer under 3 days late → comfort SMS the same day', delay: 2, tier: 'new', grade: 'C', rule: 'late-recent', owner: 'agent', minutes: 540, clock: 'business' },
    // the completion: delay sets the grade, a VIP is one grade higher
    { name: 'VIP 3 days late is A', delay: 3, tier: 'vip', grade: 'A', rule: 'vip-late', owner: 'supervisor', minutes: 30, clock: 'wall' },
    { name: 'VIP 4 days late is A', delay: 4, tier: 'vip', grade: 'A', rule: 'vip-late', owner: 'supervisor', minutes: 30, clock: 'wall' },
    { name: 'VIP under 3 days late is B', delay: 0, tier: 'vip', grade: 'B', rule: 'vip-recent', owner: 'agent', minutes: 120, clock: 'business' },
    { name: 'regular five days late is A', delay: 5, tier: 'regular', grade: 'A', rule: 'long-late', owner: 'supervisor', minutes: 30, clock: 'wall' },
    { name: 'regular 4 days late is B', delay: 4, tier: 'regular', grade: 'B', rule: 'late-3-4-days', owner: 'agent', minutes: 120, clock: 'business' },
    { name: 'regular not yet a day late is C', delay: 0, tier: 'regular', grade: 'C', rule: 'late-recent', owner: 'agent', minutes: 540, clock: 'business' },
    { name: 'regular under 3 days late is C', delay: 1, tier: 'regular', grade: 'C', rule: 'late-recent', owner: 'agent', minutes: 540, clock: 'business' },
    { name: 'new customer 3 days late is B', delay: 3, tier: 'new', grade: 'B', rule: 'late-3-4-days', owner: 'agent', minutes: 120, clock: 'business' },
    { name: 'new customer 5 days late is A', delay: 5, tier: 'new', grade: 'A', rule: 'long-late', owner: 'supervisor', minutes: 30, clock: 'wall' },
    { name: 'new customer 4 days late is B', delay: 4, tier: 'new', grade: 'B', rule: 'late-3-4-days', owner: 'agent', minutes: 120, clock: 'business' },
    { name: 'new customer eight days late is A', delay: 8, tier: 'new', grade: 'A', rule: 'long-late', owner: 'supervisor', minutes: 30, clock: 'wall' },
  ] as const)('$name', ({ delay, tier, grade, rule, owner, minutes, clock }) => {
    const d = gradeFinding(DEFAULT_POLICY, single({ delayBusinessDays: delay, customerTier: tier }));
    expect(d).toMatchObject({ grade, rule, ownerRole: owner, responseMinutes: minutes, responseClock: clock, level: 1, notifyCustomer: true });
  });

  it('treats a breached promise and a logistics exception like a stall', () => {
    for (const code of ['promise.breached', 'logistics.exception'] as const) {
      expect(gradeFinding(DEFAULT_POLICY, single({ code, delayBusinessDays: 3 })).grade, code).toBe('B');
    }
  });
});

describe('the shipped grading: scope (SPEC C6 levels)', () => {
  it.each([
    { name: 'one high-value order late → level 1, supervisor, call + coupon', input: { orderValueFen: 150_000, delayBusinessDays: 1 }, level: 1, grade: 'B', owner: 'supervisor', playbook: 'level-1', rule: 'high-value-late' },
    { name: 'a high-value VIP five days late stays A', input: { orderValueFen: 150_000, delayBusinessDays: 5, customerTier: 'vip' }, level: 1, grade: 'A', owner: 'supervisor', playbook: 'grade-a', rule: 'vip-late' },
    { name: 'just under ¥1000 is not high-value', input: { orderValueFen: 99_999, delayBusinessDays: 1 }, level: 1, grade: 'C', owner: 'agent', playbook: 'grade-c', rule: 'late-recent' },
    { name: '3 late orders of one batch → level 2, ops manager', input: { scope: 'batch', batchSize: 3 }, level: 2, grade: 'B', owner: 'ops_manager', playbook: 'level-2', rule: 'batch-late' },
    { name: '2 late orders of one batch are still single orders', input: { scope: 'batch', batchSize: 2 }, level: 1, grade: 'C', owner: 'agent', playbook: 'grade-c', rule: 'late-recent' },
    { name: "a carrier with 40 stuck parcels → level 2, the carrier's steps", input: { code: 'logistics.exception', scope: 'carrier', batchSize: 40 }, level: 2, grade: 'B', owner: 'ops_manager', playbook: 'carrier-delay', rule: 'carrier-late' },
    { name: 'a stock-out of one SKU over 3 orders → level 3, executive', input: { code: 'stock.oversold', scope: 'sku', batchSize: 3 }, level: 3, grade: 'A', owner: 'executive', playbook: 'level-3', rule: 'stock-out' },
    { name: 'one oversold order → level 1, call about wait / swap / refund', input: { code: 'stock.oversold', scope: 'sku', batchSize: 1 }, level: 1, grade: 'B', owner: 'agent', playbook: 'oversold', rule: 'oversold-order' },
    { name: 'a stale stock sync → level 3 from the first order', input: { code: 'stock.sync_stale', scope: 'channel_sync', batchSize: 1 }, level: 3, grade: 'A', owner: 'executive', playbook: 'level-3', rule: 'system-failure' },
    { name: 'a system failure → level 3', input: { scope: 'system', batchSize: 500 }, level: 3, grade: 'A', owner: 'executive', playbook: 'level-3', rule: 'system-failure' },
  ] as const)('$name', ({ input, level, grade, owner, playbook, rule }) => {
    expect(gradeFinding(DEFAULT_POLICY, single(input))).toMatchObject({ level, grade, ownerRole: owner, playbook, rule });
  });

  it('grades the arrival checks D: fix the data, no customer message', () => {
    for (const code of ['phone.invalid', 'address.vague', 'address.unresolved', 'amount.mismatch', 'amount.outlier', 'order.placeholder', 'order.duplicate'] as const) {
      expect(gradeFinding(DEFAULT_POLICY, single({ code })), code).toMatchObject({ grade: 'D', ownerRole: 'agent', playbook: 'grade-d', notifyCustomer: false, rule: 'order-data' });
    }
  });

  it('sends a promise at risk to the warehouse before it breaks', () => {
    expect(gradeFinding(DEFAULT_POLICY, single({ code: 'promise.at_risk', customerTier: 'vip' }))).toMatchObject({ grade: 'D', ownerRole: 'warehouse', playbook: 'at-risk', responseMinutes: 120, resolutionHours: 9 });
  });
});

describe('grading from a policy file', () => {
  const policy = policyOf(
    parseSettings(
      [
        'grading:',
        '  rules:',
        '    - { name: big-vip, match: { tier: vip, orderValueYuan: { min: 500 } }, then: { grade: A, level: 1, ownerRole: supervisor, respondWithin: 10m, responseClock: wall, resolveWithin: 1h30m, playbook: grade-a } }',
        '    - { name: any-vip, match: { tier: vip }, then: { grade: B, level: 1, ownerRole: agent, respondWithin: 1h, resolveWithin: 9h, playbook: grade-b, notifyCustomer: true } }',
        '    - { name: rest, match: {}, then: { grade: D, level: 1, ownerRole: agent, respondWithin: 4h, resolveWithin: 9h, playbook: grade-d } }',
      ].join('\n'),
      'p.yaml',
    ),
  );

  it('takes the first rule that matches, in file order', () => {
    expect(gradeFinding(policy, single({ customerTier: 'vip', orderValueFen: 50_000 }))).toEqual({
      rule: 'big-vip',
      grade: 'A',
      level: 1,
      ownerRole: 'supervisor',
      responseMinutes: 10,
      responseClock: 'wall',
      resolutionHours: 1.5,
      playbook: 'grade-a',
      notifyCustomer: false,
    });
    expect(gradeFinding(policy, single({ customerTier: 'vip', orderValueFen: 49_999 })).rule).toBe('any-vip');
    expect(gradeFinding(policy, single({ customerTier: 'new' })).rule).toBe('rest');
  });

  it('throws when a policy built around the validation has no catch-all', () => {
    const broken = { grading: { ...policy.grading, rules: policy.grading.rules.slice(0, 1) } };
    expect(() => gradeFinding(broken, single({ customerTier: 'new' }))).toThrow(/no grading rule matches stage.stalled/);
  });
});

describe('docs/policy.md', () => {
  it('lists the shipped rules in their order', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'policy.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (\d+) \| `([a-z0-9-]+)` \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual(DEFAULT_POLICY.grading.rules.map((r, i) => `${i + 1} ${r.name}`));
  });
});
