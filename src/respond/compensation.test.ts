import { describe, expect, it } from 'vitest';
import { parseSettings } from '../config/load-settings.js';
import { DEFAULT_POLICY, approvalRefusal, checkCompensation, compensationLimit, compensationTotals, policyOf } from './index.js';

describe('checkCompensation', () => {
  it.each([
    { name: 'an agent grants a ¥20 coupon', role: 'agent', kind: 'coupon', fen: 2000, result: { allowed: true } },
    { name: 'an agent asks the supervisor for ¥20.01', role: 'agent', kind: 'coupon', fen: 2001, result: { allowed: false, approverRole: 'supervisor', limitFen: 2000 } },
    { name: 'an agent asks the ops manager straight away for ¥300', role: 'agent', kind: 'coupon', fen: 30_000, result: { allowed: false, approverRole: 'ops_manager', limitFen: 2000 } },
    { name: 'a supervisor grants ¥100', role: 'supervisor', kind: 'coupon', fen: 10_000, result: { allowed: true } },
    { name: 'a supervisor asks the ops manager for ¥500', role: 'supervisor', kind: 'coupon', fen: 50_000, result: { allowed: false, approverRole: 'ops_manager', limitFen: 10_000 } },
    { name: 'an ops manager asks the executive for ¥501', role: 'ops_manager', kind: 'coupon', fen: 50_100, result: { allowed: false, approverRole: 'executive', limitFen: 50_000 } },
    { name: 'the executive has no limit', role: 'executive', kind: 'refund', fen: 99_999_900, result: { allowed: true } },
    { name: 'an agent may not refund at all', role: 'agent', kind: 'refund', fen: 100, result: { allowed: false, approverRole: 'supervisor', limitFen: 0 } },
    { name: 'the warehouse asks from the bottom of the chain', role: 'warehouse', kind: 'gift', fen: 5000, result: { allowed: false, approverRole: 'supervisor', limitFen: 0 } },
  ] as const)('$name', ({ role, kind, fen, result }) => {
    expect(checkCompensation(DEFAULT_POLICY, role, kind, fen)).toEqual(result);
  });

  it('adds up what the role already granted on the incident', () => {
    expect(checkCompensation(DEFAULT_POLICY, 'agent', 'coupon', 2000, 0)).toEqual({ allowed: true });
    expect(checkCompensation(DEFAULT_POLICY, 'agent', 'coupon', 2000, 2000)).toEqual({ allowed: false, approverRole: 'supervisor', limitFen: 2000 });
    expect(checkCompensation(DEFAULT_POLICY, 'agent', 'coupon', 100, 1900)).toEqual({ allowed: true });
  });

  it('sends a small warehouse request to the supervisor, never down to an agent', () => {
    expect(checkCompensation(DEFAULT_POLICY, 'warehouse', 'coupon', 1000)).toEqual({ allowed: false, approverRole: 'supervisor', limitFen: 0 });
  });

  it('goes to the top of the chain when nobody covers the amount', () => {
    const policy = policyOf(parseSettings('compensation:\n  limitsYuan:\n    executive: { coupon: 1000 }\n', 'p.yaml'));
    expect(checkCompensation(policy, 'agent', 'coupon', 500_000)).toEqual({ allowed: false, approverRole: 'executive', limitFen: 2000 });
    expect(compensationLimit(policy, 'executive', 'refund')).toBe(0);
  });

  describe('approvalRefusal', () => {
    const pending = { kind: 'coupon', amountFen: 1000, requestedBy: 'wang', requestedByRole: 'warehouse', state: 'pending_approval' } as const;
    it.each([
      { name: 'an agent deciding the warehouse\'s request', approver: { name: 'li', role: 'agent' }, code: 'not_above_requester' },
      { name: 'the requester themself', approver: { name: 'wang', role: 'supervisor' }, code: 'own_request' },
      { name: 'an admin (off the chain)', approver: { name: 'root', role: 'admin' }, code: 'not_above_requester' },
    ] as const)('refuses $name', ({ approver, code }) => {
      expect(approvalRefusal(DEFAULT_POLICY, pending, approver)?.code).toBe(code);
    });
    it('lets a supervisor approve it, and sends ¥300 on to the ops manager in words', () => {
      expect(approvalRefusal(DEFAULT_POLICY, pending, { name: 'sun', role: 'supervisor' })).toBeUndefined();
      expect(approvalRefusal(DEFAULT_POLICY, { ...pending, amountFen: 30_000 }, { name: 'sun', role: 'supervisor' })).toEqual({
        code: 'over_limit',
        zh: '金额超出您的审批额度（100.00 元），需由运营经理审批',
        en: 'over your limit (100.00 yuan): needs the ops_manager role',
      });
    });
    it('adds up what was granted and what waits', () => {
      expect(compensationTotals([pending, { ...pending, state: 'granted', amountFen: 500 }, { ...pending, state: 'approved', amountFen: 700 }, { ...pending, state: 'rejected' }])).toEqual({
        grantedFen: 1200,
        pendingFen: 1000,
        rejectedFen: 1000,
        pending: 1,
      });
    });
  });

  it('refuses amounts that are not positive whole fen', () => {
    for (const fen of [0, -100, 12.5]) expect(() => checkCompensation(DEFAULT_POLICY, 'agent', 'coupon', fen)).toThrow(RangeError);
  });
});
