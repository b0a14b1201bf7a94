import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import type { ReportVocabulary } from '../labels.js';
import { CONCLUSION_LABELS, conclusionOnFirstPage, rawCodesIn, readable } from '../testing/report-checks.js';
import { POPPLER, POPPLER_MISSING, pdfText, renderPages } from '../testing/pdf-tools.js';
import { seedStuckOrder, STUCK_INCIDENT, STUCK_ORDER } from '../testing/report-fixtures.js';
import { collectReview } from './review-data.js';
import { renderReviewPdf } from './review-pdf.js';

const HOUR = 3_600_000;
const vocabulary: ReportVocabulary = { rootCauseClass: (c) => (c === 'human' ? '人为原因' : c), subCause: (s) => (s === 'packing_error' ? '包装错误' : s), falseAlarmSubCauses: ['rule_false_positive'], receiver: (n) => n };

describe('post-incident review', () => {
  let store: Store;
  let closedAt: number;

  beforeAll(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-review-')), 'test.db'));
    ({ closedAt } = await seedStuckOrder(store));
    await store.reports.addCallbacks([{ id: 'CB-1', incidentId: STUCK_INCIDENT, orderId: STUCK_ORDER, createdAt: closedAt, dueAt: closedAt + 24 * HOUR, state: 'pending' }]);
    await store.reports.recordCallback('CB-1', { state: 'done', score: 4, comment: '收到货了，优惠券已用', by: 'li', at: closedAt + 3 * HOUR });
    // An older item of another review, still open: carried over until done.
    await store.reports.addImprovement({ id: 'IMP-OLD', incidentId: 'INC-EARLIER', title: '仓库晚班增加复核岗', owner: '仓储 王强', dueAt: closedAt - 24 * HOUR, state: 'in_progress', createdAt: closedAt - 10 * 24 * HOUR, createdBy: 'zhao', updatedAt: closedAt - 5 * 24 * HOUR, notes: [{ at: closedAt - 5 * 24 * HOUR, by: 'zhao', text: '已排班两周' }] });
    await store.reports.addImprovement({ id: 'IMP-1', incidentId: STUCK_INCIDENT, title: '打包台扫码漏扫自动告警', owner: 'IT 刘洋', dueAt: closedAt + 14 * 24 * HOUR, state: 'open', createdAt: closedAt + HOUR, createdBy: 'sun', updatedAt: closedAt + HOUR, notes: [] });
  });
  afterAll(async () => {
    await store.close();
  });

  it('is only for closed incidents', async () => {
    expect(await collectReview(store, 'INC-NONE', { now: closedAt, trigger: 'manual', by: 'sun' }, vocabulary)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('measures the response against the deadlines and every incident of the period, and sums the callbacks up', async () => {
    const r = await collectReview(store, STUCK_INCIDENT, { now: closedAt + 4 * HOUR, trigger: 'auto', by: 'system' }, vocabulary);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // notifiedAt is set, but the trail says nobody was a receiver: no time to notify.
    expect(r.data.figures).toEqual({ toAcknowledge: 20 * 60_000, toResolve: 26 * HOUR, toClose: 27 * HOUR, responseMet: true });
    expect(r.data.notified).toEqual({ receivers: [], undelivered: 0 });
    expect(r.data.satisfaction).toMatchObject({ calls: 1, reached: 1, meanScore: 4, satisfiedShare: 1 });
    expect(r.data.improvements.map((i) => i.id)).toEqual(['IMP-1']);
    expect(r.data.carriedOver.map((i) => i.id)).toEqual(['IMP-OLD']);
    expect(r.data.period.days).toHaveLength(30);
    expect(r.data.period.acknowledge).toMatchObject({ n: 1, done: 1, medianMs: 20 * 60_000 });
    expect(r.data.roster.map((o) => o.case.short)).toEqual(['已拣货后停滞']);
    expect(r.data.falseAlarm).toBe(false);
  });

  it.skipIf(!POPPLER)('reads in Chinese with a conclusion, the root cause, figures, callbacks and items (test-results/reports/review-N.png)', async () => {
    const r = await collectReview(store, STUCK_INCIDENT, { now: closedAt + 4 * HOUR, trigger: 'auto', by: 'system' }, vocabulary);
    if (!r.ok) throw new Error('no review');
    const pdf = await renderReviewPdf(r.data, vocabulary);
    const raw = readable(pdfText(pdf));
    expect(conclusionOnFirstPage(raw, [...CONCLUSION_LABELS, '根因', '响应', '通知', '同期对比'])).toEqual([]);
    // Table cells wrap, so compare without white space.
    const text = raw.replace(/\s+/g, '');
    for (const expected of ['异常事件复盘报告', STUCK_INCIDENT, 'T20261111001', '人为原因', '包装错误', '打包台漏扫', '响应时效', '20 分钟', '达标', '没有人收到通知', '无人收到', '本期无数据', '收到货了', '4.0 / 5', '打包台扫码漏扫自动告警', 'IT 刘洋', '仓库晚班增加复核岗', '已逾期', '关闭后自动生成', '「已拣货」后未出库']) {
      expect(text, expected).toContain(expected.replace(/\s+/g, ''));
    }
    // The callbacks name the order as every other table does: its platform number and channel, not the internal id.
    expect(text).toContain('T20261111001（淘宝）');
    expect(raw).not.toContain(STUCK_ORDER);
    expect(rawCodesIn(raw, ['packing_error', 'human', 'stage.stalled', 'picked', 'acknowledge', 'acknowledged', 'compensate', 'coupon', 'notify', 'supervisor'])).toEqual([]);
    const ink = renderPages(pdf, 'review');
    for (const page of ink) expect(page).toBeGreaterThan(0.01);
  });

  it.skipIf(POPPLER)(POPPLER_MISSING, () => undefined);
});
