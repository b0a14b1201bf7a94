import { describe, expect, it } from 'vitest';
import type { IncidentEvidence } from './evidence-data.js';
import { notifiedLine } from './evidence-conclusion.js';
import type { ReportVocabulary } from '../labels.js';

const vocabulary = { receiver: (r: string) => `企业微信群 ${r}` } as unknown as ReportVocabulary;

function evidence(over: Partial<IncidentEvidence>): IncidentEvidence {
  return { log: [], notified: { receivers: [], undelivered: 0 }, ...over } as unknown as IncidentEvidence;
}

describe('notifiedLine', () => {
  it('says who was told only from delivered messages', () => {
    expect(notifiedLine(evidence({ notified: { receivers: ['ops-group'], undelivered: 1, firstAt: Date.parse('2026-11-11T02:00:00Z') } }), vocabulary).text).toMatch(/^已通知 企业微信群 ops-group（首次送达 .*）；另有 1 条未送达$/);
    expect(notifiedLine(evidence({ notified: { receivers: [], undelivered: 2 } }), vocabulary)).toMatchObject({ tone: 'bad', text: expect.stringContaining('2 条消息尚未送达') });
  });

  it('says an incident covered by a higher one was told through it, and an unrouted one that nobody was', () => {
    const covered = evidence({ log: [{ incidentId: 'I', at: 0, actor: 'system', action: 'inhibited', detail: { by: 'INC-20261111-ABCD', kind: 'incident' } }] });
    expect(notifiedLine(covered, vocabulary).text).toBe('本事件没有单独通知：它的订单由上级事件 INC-20261111-ABCD 统一通知');
    const unrouted = evidence({ log: [{ incidentId: 'I', at: 0, actor: 'system', action: 'notify', detail: { receivers: [] } }] });
    expect(notifiedLine(unrouted, vocabulary)).toEqual({ text: '没有人收到通知：策略中没有匹配的接收方', tone: 'bad' });
  });
});
