import { describe, expect, it } from 'vitest';
import { parseSettings } from '../config/load-settings.js';
import { chineseBusinessCalendar } from '../detect/calendar/index.js';
import { DEFAULT_POLICY, nextEscalation, nextRoleInChain, policyOf, type EscalationIncident } from './index.js';
import { sh } from './test-time.js';

const calendar = chineseBusinessCalendar();

describe('the escalation chain', () => {
  it('runs agent → supervisor → ops_manager → executive, and sends the warehouse to the ops manager', () => {
    expect(nextRoleInChain(DEFAULT_POLICY, 'agent')).toBe('supervisor');
    expect(nextRoleInChain(DEFAULT_POLICY, 'supervisor')).toBe('ops_manager');
    expect(nextRoleInChain(DEFAULT_POLICY, 'ops_manager')).toBe('executive');
    expect(nextRoleInChain(DEFAULT_POLICY, 'executive')).toBeUndefined();
    expect(nextRoleInChain(DEFAULT_POLICY, 'warehouse')).toBe('ops_manager');
    expect(nextRoleInChain(DEFAULT_POLICY, 'integration')).toBeUndefined();
  });
});

describe('nextEscalation', () => {
  const level1: EscalationIncident = { level: 1, ownerRole: 'agent', escalations: 0, openedAt: sh('2025-11-14 17:00') };

  it('escalates a level-1 incident after 2 business hours: Friday 17:00 → Monday 10:00', () => {
    expect(nextEscalation(DEFAULT_POLICY, level1, calendar, sh('2025-11-15 12:00'))).toEqual({ step: 1, toRole: 'supervisor', at: sh('2025-11-17 10:00'), due: false });
    expect(nextEscalation(DEFAULT_POLICY, level1, calendar, sh('2025-11-17 10:00'))?.due).toBe(true);
  });

  it('takes the next step every further interval, from the role that owns it now', () => {
    const once = { ...level1, ownerRole: 'supervisor' as const, escalations: 1 };
    expect(nextEscalation(DEFAULT_POLICY, once, calendar, sh('2025-11-17 11:00'))).toEqual({ step: 2, toRole: 'ops_manager', at: sh('2025-11-17 12:00'), due: false });
  });

  it('starts from the incident own response deadline when it has one', () => {
    const graded = { ...level1, responseDeadline: sh('2025-11-14 17:30') };
    expect(nextEscalation(DEFAULT_POLICY, graded, calendar, sh('2025-11-14 17:31'))).toMatchObject({ at: sh('2025-11-14 17:30'), due: true });
    expect(nextEscalation(DEFAULT_POLICY, { ...graded, escalations: 1, ownerRole: 'supervisor' }, calendar, sh('2025-11-14 17:31'))?.at).toBe(sh('2025-11-17 10:30'));
  });

  it('escalates a level-3 incident at night on the wall clock', () => {
    const night: EscalationIncident = { level: 3, ownerRole: 'ops_manager', escalations: 0, openedAt: sh('2025-11-15 02:00') };
    expect(nextEscalation(DEFAULT_POLICY, night, calendar, sh('2025-11-15 02:20'))).toEqual({ step: 1, toRole: 'executive', at: sh('2025-11-15 02:15'), due: true });
  });

  it('stops once acknowledged, and at the top of the chain', () => {
    expect(nextEscalation(DEFAULT_POLICY, { ...level1, acknowledgedAt: sh('2025-11-14 17:05') }, calendar, sh('2025-11-20 10:00'))).toBeUndefined();
    expect(nextEscalation(DEFAULT_POLICY, { ...level1, ownerRole: 'executive' }, calendar, sh('2025-11-20 10:00'))).toBeUndefined();
  });

  it('waits while paused, and resumes when the pause expires', () => {
    const paused = { ...level1, pause: { until: sh('2025-11-17 12:00') } };
    expect(nextEscalation(DEFAULT_POLICY, paused, calendar, sh('2025-11-17 11:00'))).toBeUndefined();
    expect(nextEscalation(DEFAULT_POLICY, paused, calendar, sh('2025-11-17 12:00'))).toMatchObject({ toRole: 'supervisor', due: true });
    expect(nextEscalation(DEFAULT_POLICY, { ...level1, pause: {} }, calendar, sh('2025-12-01 12:00'))).toBeUndefined();
  });

  it('follows the policy chain and intervals', () => {
    const policy = policyOf(parseSettings('escalation:\n  chain: [agent, executive]\n  level1: { after: 45m, clock: wall }\n', 'p.yaml'));
    expect(nextEscalation(policy, level1, calendar, sh('2025-11-14 17:00'))).toMatchObject({ toRole: 'executive', at: sh('2025-11-14 17:45') });
    expect(nextRoleInChain(policy, 'warehouse')).toBeUndefined();
  });
});
