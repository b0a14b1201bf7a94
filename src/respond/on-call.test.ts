import { describe, expect, it } from 'vitest';
import { parseSettings } from '../config/load-settings.js';
import { DEFAULT_POLICY, deferUntil, isQuietHours, onCallUsers, policyOf, whoToWake } from './index.js';
import { sh } from './test-time.js';

const policy = policyOf(
  parseSettings(
    [
      'onCall:',
      '  schedules:',
      '    - role: supervisor',
      '      rotation: { users: [zhang, li, wang], startsOn: "2025-11-03", handoverAt: "09:00" }',
      '    - role: ops_manager',
      '      shifts:',
      '        - { users: [day], days: [mon, tue, wed, thu, fri], from: "08:00", to: "20:00" }',
      '        - { users: [night], days: [fri], from: "20:00", to: "08:00" }',
    ].join('\n'),
    'p.yaml',
  ),
);

describe('quiet hours (default 22:00-08:00 Asia/Shanghai)', () => {
  it.each([
    { at: '2025-11-17 21:59', quiet: false },
    { at: '2025-11-17 22:00', quiet: true },
    { at: '2025-11-18 03:00', quiet: true },
    { at: '2025-11-18 07:59', quiet: true },
    { at: '2025-11-18 08:00', quiet: false },
  ])('$at quiet: $quiet', ({ at, quiet }) => expect(isQuietHours(DEFAULT_POLICY, sh(at))).toBe(quiet));

  it.each([
    { name: 'a grade-C single order waits for the morning', level: 1, grade: 'C', at: '2025-11-17 23:30', until: '2025-11-18 08:00' },
    { name: 'after midnight it waits for the same morning', level: 1, grade: 'B', at: '2025-11-18 02:00', until: '2025-11-18 08:00' },
    { name: 'a grade-A order wakes people', level: 1, grade: 'A', at: '2025-11-17 23:30', until: '2025-11-17 23:30' },
    { name: 'a level-2 batch wakes people', level: 2, grade: 'B', at: '2025-11-17 23:30', until: '2025-11-17 23:30' },
    { name: 'in the day nothing waits', level: 1, grade: 'D', at: '2025-11-17 15:00', until: '2025-11-17 15:00' },
  ] as const)('$name', ({ level, grade, at, until }) => {
    expect(deferUntil(DEFAULT_POLICY, { level, grade, at: sh(at) })).toBe(sh(until));
  });

  it('can be switched off, or set to a window within one day', () => {
    const off = policyOf(parseSettings('onCall: { quietHours: { enabled: false } }\n', 'p.yaml'));
    expect(deferUntil(off, { level: 1, grade: 'D', at: sh('2025-11-18 03:00') })).toBe(sh('2025-11-18 03:00'));
    const lunch = policyOf(parseSettings('onCall: { quietHours: { start: "12:00", end: "13:30" } }\n', 'p.yaml'));
    expect(deferUntil(lunch, { level: 1, grade: 'D', at: sh('2025-11-18 12:10') })).toBe(sh('2025-11-18 13:30'));
    expect(isQuietHours(lunch, sh('2025-11-18 03:00'))).toBe(false);
  });
});

describe('on-call schedules', () => {
  it.each([
    { at: '2025-11-03 09:00', user: 'zhang' },
    { at: '2025-11-10 08:59', user: 'zhang' },
    { at: '2025-11-10 09:00', user: 'li' },
    { at: '2025-11-17 12:00', user: 'wang' },
    { at: '2025-11-24 12:00', user: 'zhang' },
    { at: '2025-10-30 12:00', user: 'wang' },
  ])('weekly rotation: $user at $at', ({ at, user }) => expect(onCallUsers(policy, 'supervisor', sh(at))).toEqual([user]));

  it.each([
    { at: '2025-11-14 12:00', users: ['day'] },
    { at: '2025-11-14 21:00', users: ['night'] },
    { at: '2025-11-15 07:00', users: ['night'] },
    { at: '2025-11-15 09:00', users: [] },
    { at: '2025-11-13 21:00', users: [] },
  ])('fixed shifts (overnight belongs to its first day): $users at $at', ({ at, users }) => expect(onCallUsers(policy, 'ops_manager', sh(at))).toEqual(users));

  it('wakes the on-call person only when the incident may wake people', () => {
    expect(whoToWake(policy, { role: 'ops_manager', level: 2, grade: 'B', at: sh('2025-11-14 23:00') })).toEqual(['night']);
    expect(whoToWake(policy, { role: 'ops_manager', level: 1, grade: 'C', at: sh('2025-11-14 23:00') })).toEqual([]);
    expect(whoToWake(policy, { role: 'ops_manager', level: 1, grade: 'C', at: sh('2025-11-14 12:00') })).toEqual(['day']);
    expect(whoToWake(policy, { role: 'executive', level: 3, grade: 'A', at: sh('2025-11-14 23:00') })).toEqual([]);
  });
});
