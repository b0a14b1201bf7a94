import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../config/load-settings.js';
import { DAY_MS, parseInstant } from '../../domain/time.js';
import { collectKpis, collectReview, dayStart, renderKpiPdf, renderReviewPdf, type KpiData } from '../../report/index.js';
import { pdfText, POPPLER, POPPLER_MISSING, renderPages } from '../../report/testing/pdf-tools.js';
import { CONCLUSION_LABELS, conclusionOnFirstPage, KPI_CONCLUSION_LABELS, readable } from '../../report/testing/report-checks.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { ReportService } from './report-service.js';

/**
 * The reports over the demo's lived history: `orderwatch demo` (with its
 * history) runs the pipeline through its days while the demo's people
 * acknowledge, resolve and close, and the review job writes reviews. So the
 * KPI report of that period must show a trend (more than one day with
 * data), closed incidents with times to acknowledge and resolve, and the
 * reviews the job wrote. A small demo (14 days × 150 orders) keeps this
 * within the suite's budget. The page images land in
 * test-results/reports/history/ for a person to look at.
 */

const END = '2026-12-06T16:00:00Z'; // the demo's "now": 2026-12-07 00:00 in Beijing
const NOW = parseInstant('2026-12-07T04:00:00Z')!; // the reports are read at noon the next day
const CLI = join(process.cwd(), 'bin', 'orderwatch.mjs');
const OUT = join(process.cwd(), 'test-results', 'reports', 'history');

function orderwatch(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 220_000 }, (error, stdout, stderr) => (error ? reject(new Error(`orderwatch ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout)));
  });
}

describe.skipIf(!POPPLER)('reports on the demo lived through its days show real trends (test-results/reports/history/)', () => {
  let store: Store;
  let kpi: KpiData;
  let kpiPdf: Buffer;
  let reviewPdf: Buffer;
  let reviewedIncident: string;
  let reviewsStored: number;

  beforeAll(async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'ow-report-history-')), 'demo.db');
    await orderwatch('demo', '--db', db, '--days', '14', '--orders-per-day', '150', '--end', END, '--json');
    store = await openStore(db);
    const settings = loadSettings(undefined);
    const vocabulary = new ReportService(store, () => settings).vocabulary();
    const today = dayStart(NOW);
    const window = { from: today - 14 * DAY_MS, to: today };
    kpi = await collectKpis(store, window, NOW, vocabulary);
    kpiPdf = await renderKpiPdf(kpi, vocabulary);
    // The review of the incident with the most orders among those the job reviewed in the period.
    const reviews = await store.reports.reviews({ from: window.from, to: NOW, limit: 1000 });
    reviewsStored = reviews.length;
    const sizes = await Promise.all(reviews.map(async (r) => ({ id: r.incidentId, orders: new Set((await store.response.incidentMembers(r.incidentId)).map((m) => m.orderId)).size })));
    reviewedIncident = sizes.sort((a, b) => b.orders - a.orders)[0]?.id ?? '';
    const lookup = await collectReview(store, reviewedIncident, { now: NOW, trigger: 'manual', by: 'system' }, vocabulary);
    if (!lookup.ok) throw new Error(`no review of ${reviewedIncident}: ${lookup.reason}`);
    reviewPdf = await renderReviewPdf(lookup.data, vocabulary);
  }, 240_000);

  afterAll(async () => {
    await store?.close();
  });

  it('the KPI report has a trend: more than one day with orders delayed and with incidents opened', () => {
    const delayedDays = kpi.days.filter((d) => d.delayed > 0).length;
    const incidentDays = kpi.days.filter((d) => d.incidents > 0).length;
    const timedDays = kpi.days.filter((d) => d.ackMedianHours !== null && d.resolveMedianHours !== null).length;
    console.info(`14 days: ${delayedDays} with delayed orders, ${incidentDays} with incidents opened, ${timedDays} with median times; ${kpi.incidents.opened} opened, ${kpi.incidents.closed} closed, ${reviewsStored} reviews`);
    expect(delayedDays).toBeGreaterThan(1);
    expect(incidentDays).toBeGreaterThan(1);
    expect(timedDays).toBeGreaterThan(1);
  });

  it('closed incidents with times to acknowledge and resolve, and the reviews the job wrote', () => {
    expect(kpi.incidents.closed).toBeGreaterThan(0);
    expect(kpi.incidents.acknowledge.done).toBeGreaterThan(0);
    expect(kpi.incidents.acknowledge.medianMs).not.toBeNull();
    expect(kpi.incidents.resolve.done).toBeGreaterThan(0);
    expect(kpi.incidents.resolve.medianMs).not.toBeNull();
    // The people closed with the cause the orders really had: the report lists root causes.
    expect(kpi.rootCauses.length).toBeGreaterThan(0);
    expect(reviewsStored).toBeGreaterThan(0);
  });

  it('the KPI PDF draws both trend charts, and says the previous period cannot be compared (the demo starts in this one)', () => {
    const text = readable(pdfText(kpiPdf));
    expect(conclusionOnFirstPage(text, KPI_CONCLUSION_LABELS)).toEqual([]);
    expect(text).not.toContain('本期无数据');
    expect(text).toContain('每日延迟订单与投诉');
    expect(text).toContain('每日新增事件与中位用时');
    expect(kpi.previous.totals.orders).toBe(0);
    expect(text).toContain('上期没有数据，无法比较');
    expect(text).not.toContain('没有变差的指标');
  });

  it('the review of the biggest reviewed incident compares it with the period, with a trend chart', () => {
    const text = readable(pdfText(reviewPdf));
    expect(conclusionOnFirstPage(text, CONCLUSION_LABELS)).toEqual([]);
    expect(text).toContain(reviewedIncident);
    expect(text).toMatch(/近 30 天全部 \d+ 个事件/);
    expect(text).not.toContain('本期无数据');
  });

  it('renders every page (look at them: test-results/reports/history/)', () => {
    for (const [name, pdf] of [
      ['kpi-14-days', kpiPdf],
      ['review-biggest', reviewPdf],
    ] as const) {
      const ink = renderPages(pdf, name, 80, OUT);
      expect(ink.length, name).toBeGreaterThan(0);
      for (const page of ink) expect(page, name).toBeGreaterThan(0.005);
    }
  });
});

describe.skipIf(POPPLER)('reports on the demo lived through its days show real trends', () => {
  it.skip(POPPLER_MISSING, () => undefined);
});
