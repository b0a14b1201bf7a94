import { describe, expect, it } from 'vitest';
import { parseSettings } from '../config/load-settings.js';
import { DEFAULT_POLICY, policyOf, routeReceivers, type RouteFacts } from './index.js';

const policy = policyOf(
  parseSettings(
    [
      'receivers:',
      '  - { name: exec, type: ticket }',
      '  - { name: ops, type: ticket }',
      '  - { name: sup, type: ticket }',
      '  - { name: jd-team, type: ticket }',
      '  - { name: all, type: ticket }',
      'routes:',
      '  - { match: { level: 3 }, receivers: [exec], continue: true }',
      '  - { match: { level: [2, 3] }, receivers: [ops, exec] }',
      '  - { match: { grade: A }, receivers: [sup] }',
      '  - { match: { channel: jd, code: [stage.stalled, promise.breached] }, receivers: [jd-team] }',
      '  - { match: {}, receivers: [all] }',
    ].join('\n'),
    'p.yaml',
  ),
);

const facts = (over: Partial<RouteFacts>): RouteFacts => ({ grade: 'C', level: 1, ownerRole: 'agent', codes: ['stage.stalled'], channels: ['taobao'], ...over });

describe('routeReceivers', () => {
  it.each([
    { name: 'level 3 continues into the level-2 route, each receiver once', facts: { level: 3, grade: 'A' }, receivers: ['exec', 'ops'] },
    { name: 'level 2 stops at its route', facts: { level: 2, grade: 'A' }, receivers: ['ops', 'exec'] },
    { name: 'a grade-A order goes to supervisors only', facts: { grade: 'A' }, receivers: ['sup'] },
    { name: 'a JD stall matches on any of its channels and codes', facts: { channels: ['taobao', 'jd'], codes: ['address.vague', 'stage.stalled'] }, receivers: ['jd-team'] },
    { name: 'a JD order of another code falls through', facts: { channels: ['jd'], codes: ['address.vague'] }, receivers: ['all'] },
    { name: '{} matches everything', facts: {}, receivers: ['all'] },
  ] as const)('$name', ({ facts: over, receivers }) => {
    expect(routeReceivers(policy, facts(over))).toEqual(receivers);
  });

  it('names nobody without routes', () => {
    expect(routeReceivers(DEFAULT_POLICY, facts({}))).toEqual([]);
  });
});
