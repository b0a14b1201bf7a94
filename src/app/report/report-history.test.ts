import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../config/load-settings.js';
import { CHANNELS } from '../../domain/channel.js';
import { DAY_MS, parseInstant } from '../../domain/time.js';
import { collectEvidence, collectKpis, collectReview, dayStart, renderEvidencePdf, renderKpiPdf, renderReviewPdf, type KpiData } from '../../report/index.js';
import { lastPageFill, pdfPageCount, pdfText, POPPLER, POPPLER_MISSING, renderPages, smallTextWords } from '../../report/testing/pdf-tools.js';
import { brokenOrderNumbers, CONCLUSION_LABELS, conclusionOnFirstPage, KPI_CONCLUSION_LABELS, rawCodesIn, readable, splitOrderNumbers } from '../../report/testing/report-checks.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { ReportService } from './report-service.js';
import { modelCodes } from './testing/model-codes.js';

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
const INTERNAL_ORDER_ID = new RegExp(`(?<![A-Za-z0-9_])(${CHANNELS.join('|')}):[A-Za-z0-9]`);

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
  let kpi30Pdf: Buffer;
  let codes: string[];
  /** The evidence of a stock-out (one SKU sold out) of about 30 orders and of a carrier's incident, as the lead forwards them: appendix off. */
  const evidence = new Map<string, { readonly bytes: Buffer; readonly orders: number; readonly orderNumbers: readonly string[]; readonly mayName: readonly string[] }>();

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
    kpi30Pdf = await renderKpiPdf(await collectKpis(store, { from: today - 30 * DAY_MS, to: today }, NOW, vocabulary), vocabulary);
    codes = modelCodes(db, settings);
    // The stock-out closest to 30 orders, and the carrier incident with the most orders.
    const { items } = await store.response.incidents({ limit: 1000 });
    const sized = await Promise.all(items.map(async (i) => ({ incident: i, orders: new Set((await store.response.incidentMembers(i.id)).map((m) => m.orderId)).size })));
    const stockOut = sized.filter((x) => x.incident.scope === 'sku').sort((a, b) => Math.abs(a.orders - 30) - Math.abs(b.orders - 30))[0];
    const carrier = sized.filter((x) => x.incident.scope === 'carrier').sort((a, b) => b.orders - a.orders)[0];
    for (const [name, picked] of [
      ['evidence-stock-out', stockOut],
      ['evidence-carrier', carrier],
    ] as const) {
      if (picked === undefined) continue;
      const data = (await collectEvidence(store, { kind: 'incident', id: picked.incident.id }, { now: NOW, by: 'system' }))!;
      const roster = data.roster.map((r) => r.order.channelOrderId);
      const numbers = [...(roster.length <= 40 ? roster : []), ...data.focus.map((o) => o.view.order.channelOrderId), ...data.focus.flatMap((o) => o.view.order.shipments.map((sh) => sh.trackingNo))];
      evidence.set(name, { bytes: await renderEvidencePdf(data, vocabulary), orders: data.totalOrders, orderNumbers: numbers, mayName: roster });
    }
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
    // Its callbacks name each order by its platform number and channel, not the internal id.
    expect(text).toContain('已回访');
    expect(text.match(INTERNAL_ORDER_ID)?.[0]).toBeUndefined();
  });

  it('the 30-day KPI report has its trend too, and ends on a page worth turning to', () => {
    const text = readable(pdfText(kpi30Pdf));
    expect(conclusionOnFirstPage(text, KPI_CONCLUSION_LABELS)).toEqual([]);
    expect(text).toContain('（30 天，北京时间）');
    expect(text).not.toContain('本期无数据');
    expect(rawCodesIn(text, codes)).toEqual([]);
    // Its day-by-day table once spilled six rows onto a fourth page.
    expect(lastPageFill(kpi30Pdf)).toBeGreaterThan(0.2);
  });

  it('a stock-out of about 30 orders and a carrier incident: every order number whole, no raw code, a conclusion, at most 8 pages without the appendix', () => {
    expect([...evidence.keys()]).toEqual(['evidence-stock-out', 'evidence-carrier']);
    for (const [name, pdf] of evidence) {
      const text = readable(pdfText(pdf.bytes));
      expect(brokenOrderNumbers(text, pdf.orderNumbers), `${name}: order numbers found whole`).toEqual([]);
      expect(splitOrderNumbers(text, [...pdf.orderNumbers, ...pdf.mayName]), `${name}: order numbers cut`).toEqual([]);
      expect(rawCodesIn(text, codes), `${name}: raw codes`).toEqual([]);
      expect(text.match(INTERNAL_ORDER_ID)?.[0], `${name}: internal order id`).toBeUndefined();
      expect(conclusionOnFirstPage(text, CONCLUSION_LABELS), `${name}: conclusion block`).toEqual([]);
      expect(smallTextWords(pdf.bytes).slice(0, 5), `${name}: text too small to read`).toEqual([]);
      // The target is 8 pages for 30 orders; up to 40 the order table still takes one page, so the same bound holds.
      if (pdf.orders <= 40) expect(pdfPageCount(pdf.bytes), `${name}: ${pdf.orders} orders`).toBeLessThanOrEqual(8);
    }
    const stockOut = readable(pdfText(evidence.get('evidence-stock-out')!.bytes));
    // The stock case names the department and shows the oversell in the focus orders' own readings.
    expect(stockOut).toContain('库存/采购');
    expect(stockOut).toContain('不足：超卖');
    const carrier = readable(pdfText(evidence.get('evidence-carrier')!.bytes));
    expect(carrier).toMatch(/物流（.*快递）/);
  });

  it('renders every page (look at them: test-results/reports/history/)', () => {
    for (const [name, pdf] of [
      ['kpi-14-days', kpiPdf],
      ['kpi-30-days', kpi30Pdf],
      ['review-biggest', reviewPdf],
      ...[...evidence].map(([n, e]) => [n, e.bytes] as const),
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
