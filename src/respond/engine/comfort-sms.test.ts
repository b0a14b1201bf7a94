import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../config/settings.js';
import type { Incident } from '../../domain/incident.js';
import type { StoredOrder } from '../../domain/order.js';
import { at, sampleOrder } from '../../store/testing/store-fixtures.js';
import { policyOf } from '../index.js';
import { comfortSms } from './comfort-sms.js';

const NOW = at('2026-11-14 10:00:00');
const policy = policyOf(
  SettingsSchema.parse({
    receivers: [{ name: 'customer-sms', type: 'sms', provider: 'aliyun', accessKeyId: 'k', accessKeySecret: 's', signName: '示例商城', templateCode: 'SMS_1' }],
  }),
);
const order: StoredOrder = { ...sampleOrder({ channelOrderId: 'C1' }), stage: 'paid', stageEnteredAt: at('2026-11-11 10:01:00'), ingestedAt: at('2026-11-11 10:02:00') };

function incidentWith(template: string): Incident {
  return { id: 'INC-1', codes: ['promise.breached'], orderIds: [order.id], checklist: [{ id: 'confirm-sms', kind: 'sms', label: { zh: '发送确认短信', en: 'SMS' }, done: false, template }] } as unknown as Incident;
}

describe('the automatic comfort SMS', () => {
  it('says what is known with the comfort template when the playbook’s template needs a compensation nobody has granted yet (grade A’s delay)', () => {
    const sms = comfortSms(policy, incidentWith('delay'), order, NOW);
    expect('entry' in sms, JSON.stringify(sms.detail)).toBe(true);
    if (!('entry' in sms)) return;
    expect(sms.entry.message.body).toContain('王小明');
    expect(sms.entry.message.body).toContain('保温杯');
    expect(sms.entry.message.body).not.toMatch(/\{\{|compensation/);
    expect(sms.detail.detail).toMatchObject({ template: 'comfort', automatic: true });
  });

  it('uses the playbook’s own template when it renders', () => {
    const sms = comfortSms(policy, incidentWith('comfort'), order, NOW);
    expect('entry' in sms && sms.detail.detail).toMatchObject({ template: 'comfort' });
  });
});
