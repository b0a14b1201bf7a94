import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../domain/incident.js';
import { messageRecords, notifiedOf } from './delivery-record.js';

const entry = (id: string, over: Partial<OutboxEntry>): OutboxEntry => ({ id, incidentId: 'INC-1', receiver: 'ops', kind: 'incident', createdAt: 100, dueAt: 100, attempts: 0, state: 'pending', message: { title: id }, ...over });

describe('who was really told', () => {
  it('counts only messages the platform took: sent, or merged into a digest that was sent', () => {
    const records = messageRecords(
      [
        entry('sent', { state: 'sent', sentAt: 130 }),
        entry('in-sent-digest', { receiver: 'wecom', state: 'merged', mergedInto: 'D1' }),
        entry('in-pending-digest', { receiver: 'ding', state: 'merged', mergedInto: 'D2' }),
        entry('dead', { receiver: 'mail', state: 'dead', lastError: '550' }),
        entry('queued', { receiver: 'feishu' }),
        entry('customer', { receiver: 'sms', kind: 'customer', state: 'sent', sentAt: 110 }),
      ],
      new Map([
        ['D1', { state: 'sent' as const, sentAt: 120 }],
        ['D2', { state: 'pending' as const }],
      ]),
    );
    expect(records.filter((r) => r.deliveredAt !== undefined).map((r) => [r.id, r.deliveredAt, r.viaDigest])).toEqual([
      ['customer', 110, false],
      ['in-sent-digest', 120, true],
      ['sent', 130, false],
    ]);
    // A message to a customer tells the customer, not the incident's people.
    expect(notifiedOf(records)).toEqual({ firstAt: 120, receivers: ['ops', 'wecom'], undelivered: 3 });
  });

  it('nobody was told when nothing was decided or nothing arrived', () => {
    expect(notifiedOf([])).toEqual({ receivers: [], undelivered: 0 });
    expect(notifiedOf(messageRecords([entry('queued', {})], new Map()))).toEqual({ receivers: [], undelivered: 1 });
  });
});
