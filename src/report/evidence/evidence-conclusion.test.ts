import { describe, expect, it } from 'vitest';
import type { IncidentEvidence } from './evidence-data.js';
import { byCaseFit, lifeLine, notifiedLine } from './evidence-conclusion.js';
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

describe('byCaseFit', () => {
  const incident = (id: string, scope: string, state = 'open'): IncidentEvidence => evidence({ incident: { id, scope, state } as unknown as IncidentEvidence['incident'] });

  // A carrier case's order also sat in a batch incident: its conclusion named the batch incident and its warehouse checklist.
  it('names the open incident whose scope fits the case first', () => {
    const batch = incident('B', 'batch');
    const carrier = incident('C', 'carrier');
    expect(byCaseFit('logistics', [batch, carrier]).map((i) => i.incident.id)).toEqual(['C', 'B']);
    expect(byCaseFit('warehouse', [carrier, batch]).map((i) => i.incident.id)).toEqual(['B', 'C']);
    expect(byCaseFit('stock', [incident('O', 'order'), incident('S', 'sku')]).map((i) => i.incident.id)).toEqual(['S', 'O']);
  });

  it('puts an open incident before a closed one that fits better', () => {
    expect(byCaseFit('logistics', [incident('C', 'carrier', 'closed'), incident('B', 'batch')]).map((i) => i.incident.id)).toEqual(['B', 'C']);
  });
});

describe('lifeLine', () => {
  const H = 3_600_000;
  const opened = Date.parse('2026-12-02T14:44:00Z');
  const base = { openedAt: opened } as unknown as IncidentEvidence['incident'];

  // A closed incident read four days later said "已 4 天 13 小时", as if it were still open.
  it('says how long a closed incident lasted, not how long ago it opened', () => {
    const closed = { ...base, state: 'closed', closedAt: opened + 6 * H } as IncidentEvidence['incident'];
    expect(lifeLine(closed, [], opened + 110 * H)).toBe('打开于 2026-12-02 22:44，2026-12-03 04:44 关闭（历时 6.0 小时）');
  });

  it('says how long a resolved one took to resolve, and an open one how long it has been open', () => {
    const resolved = { ...base, state: 'resolved', resolvedAt: opened + 4 * H } as IncidentEvidence['incident'];
    expect(lifeLine(resolved, [], opened + 50 * H)).toBe('打开于 2026-12-02 22:44，2026-12-03 02:44 解决（历时 4.0 小时），待关闭');
    expect(lifeLine({ ...base, state: 'acknowledged' } as IncidentEvidence['incident'], [], opened + 12 * H)).toBe('打开于 2026-12-02 22:44，已 12 小时');
  });
});
