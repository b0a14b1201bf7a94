import { describe, expect, it } from 'vitest';
import { parseSettings } from '../config/load-settings.js';
import { SCOPES } from '../config/policy/policy-vocabulary.js';
import type { FindingCode } from '../domain/finding.js';
import type { OrderId } from '../domain/order.js';
import { DEFAULT_POLICY, gradeFinding, groupKeysOf, groupLevel, groupNotifyAt, inhibitsMembers, isGroupIncident, policyOf, type GroupFacts } from './index.js';

const order = 'taobao:1001' as OrderId;
const facts: GroupFacts = { batchId: 'B-17', skus: ['SKU-1', 'SKU-2'], warehouse: 'HZ-1', carrier: 'zto', channel: 'taobao' };
const keysOf = (code: FindingCode, key = '', f: GroupFacts = facts) => groupKeysOf({ orderId: order, code, key }, f).map((k) => `${k.scope} ${k.key}`);

describe('groupKeysOf', () => {
  it.each([
    { code: 'stock.oversold', key: 'SKU-2', keys: ['sku stock.oversold|sku:SKU-2', 'order stock.oversold|order:taobao:1001'] },
    { code: 'stock.oversold', key: 'other', keys: ['sku stock.oversold|sku:SKU-1', 'sku stock.oversold|sku:SKU-2', 'order stock.oversold|order:taobao:1001'] },
    {
      code: 'stock.sync_stale',
      key: '',
      keys: ['channel_sync stock.sync_stale|channel_sync:warehouse:HZ-1', 'channel_sync stock.sync_stale|channel_sync:channel:taobao', 'order stock.sync_stale|order:taobao:1001'],
    },
    { code: 'stage.stalled', key: 'picked', keys: ['batch late|batch:B-17', 'warehouse late|warehouse:HZ-1', 'order late|order:taobao:1001'] },
    { code: 'logistics.exception', key: '', keys: ['carrier logistics.exception|carrier:zto', 'order logistics.exception|order:taobao:1001'] },
    { code: 'address.vague', key: '', keys: ['order address.vague|order:taobao:1001'] },
    { code: 'promise.breached', key: '', keys: ['batch late|batch:B-17', 'warehouse late|warehouse:HZ-1', 'order late|order:taobao:1001'] },
    { code: 'promise.at_risk', key: '', keys: ['batch late|batch:B-17', 'order late|order:taobao:1001'] },
  ] as const)('$code ($key)', ({ code, key, keys }) => {
    expect(keysOf(code, key)).toEqual(keys);
  });

  it('leaves out the keys whose facts are unknown', () => {
    expect(keysOf('stage.stalled', '', { skus: [], channel: 'jd' })).toEqual(['order late|order:taobao:1001']);
    expect(keysOf('stock.sync_stale', '', { skus: [], channel: 'jd' })).toEqual(['channel_sync stock.sync_stale|channel_sync:channel:jd', 'order stock.sync_stale|order:taobao:1001']);
  });
});

describe('group incidents and their level', () => {
  it.each([
    { scope: 'order', n: 1, incident: true, level: 1 },
    { scope: 'batch', n: 2, incident: false, level: 1 },
    { scope: 'batch', n: 3, incident: true, level: 2 },
    { scope: 'carrier', n: 50, incident: true, level: 2 },
    { scope: 'sku', n: 2, incident: false, level: 1 },
    { scope: 'sku', n: 3, incident: true, level: 3 },
    { scope: 'channel_sync', n: 1, incident: true, level: 3 },
    { scope: 'system', n: 1, incident: true, level: 3 },
  ] as const)('$scope with $n order(s): level $level', ({ scope, n, incident, level }) => {
    expect(isGroupIncident(DEFAULT_POLICY, scope, n)).toBe(incident);
    expect(groupLevel(DEFAULT_POLICY, scope, n)).toBe(level);
  });

  it('agrees with the shipped grading rules on every scope and size', () => {
    const codeOf = (scope: string): FindingCode => (scope === 'sku' ? 'stock.oversold' : scope === 'channel_sync' ? 'stock.sync_stale' : 'stage.stalled');
    for (const scope of SCOPES) {
      for (let n = 1; n <= 6; n++) {
        const graded = gradeFinding(DEFAULT_POLICY, { code: codeOf(scope), delayBusinessDays: 0, customerTier: 'regular', orderValueFen: 10_000, batchSize: n, scope });
        expect(graded.level, `${scope} × ${n}`).toBe(groupLevel(DEFAULT_POLICY, scope, n));
      }
    }
  });

  it('reads the threshold from the policy', () => {
    const policy = policyOf(parseSettings('grouping: { minOrders: 10, wait: 2m, inhibitMembersFromLevel: 3 }\n', 'p.yaml'));
    expect(groupLevel(policy, 'batch', 9)).toBe(1);
    expect(groupLevel(policy, 'batch', 10)).toBe(2);
    expect(groupNotifyAt(policy, 1_000_000)).toBe(1_000_000 + 120_000);
    expect(inhibitsMembers(policy, 2)).toBe(false);
    expect(inhibitsMembers(policy, 3)).toBe(true);
  });

  it('waits 5 minutes before a group first pages, and mutes members from level 2 by default', () => {
    expect(groupNotifyAt(DEFAULT_POLICY, 0)).toBe(300_000);
    expect([1, 2, 3].map((l) => inhibitsMembers(DEFAULT_POLICY, l as 1 | 2 | 3))).toEqual([false, true, true]);
  });
});
