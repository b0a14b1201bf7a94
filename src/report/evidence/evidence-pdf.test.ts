import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import type { ReportVocabulary } from '../labels.js';
import { brokenOrderNumbers, CONCLUSION_LABELS, conclusionOnFirstPage, rawCodesIn, readable } from '../testing/report-checks.js';
import { pdfFonts, pdfImageCount, pdfPageCount, pdfText, POPPLER, POPPLER_MISSING, renderPages } from '../testing/pdf-tools.js';
import { BATCH_INCIDENT, CARRIER_ORDER, OVERSOLD_ORDER, seedBatchIncident, seedCarrierOrder, seedOversoldOrder, seedStuckOrder, STUCK_INCIDENT, STUCK_ORDER, T_PLACED } from '../testing/report-fixtures.js';
import { collectEvidence, resolveEvidenceTarget } from './evidence-data.js';
import { renderEvidencePdf } from './evidence-pdf.js';

const NOW = T_PLACED + 80 * 3_600_000;
const vocabulary: ReportVocabulary = {
  rootCauseClass: (c) => (c === 'human' ? '人为原因' : c),
  subCause: (s) => (s === 'packing_error' ? '包装错误' : s),
  falseAlarmSubCauses: [],
  receiver: (n) => (n === 'ops-group' ? '企业微信群 ops-group' : n === 'cs-ding' ? '钉钉群 cs-ding' : n),
};
/** Codes of the fixtures' data that must only ever show in words. */
const CODES = ['stage.stalled', 'promise.breached', 'logistics.exception', 'picked', 'label_printed', 'reviewed', 'shipped', 'WAIT_SELLER_SEND_GOODS', 'WAIT_SELLER_STOCK_OUT', 'WAIT_BUYER_CONFIRM_GOODS', 'FINISHED_L', 'reserve', 'outbound', 'pickup_failed', 'zhongtong', 'kuaidi100', 'wms', 'erp', 'crm', 'packing_error', 'ops_manager', 'supervisor', 'group-notice', 'warehouse-priority', 'notify', 'graded', 'open', 'acknowledged', 'incident', 'digest'];

describe('evidence report', () => {
  let store: Store;
  let orderPdf: Buffer;
  let incidentPdf: Buffer;
  let batchPdf: Buffer;
  let batchNumbers: readonly string[];

  beforeAll(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-evidence-')), 'test.db'));
    await seedStuckOrder(store);
    ({ orderNumbers: batchNumbers } = await seedBatchIncident(store));
    await seedOversoldOrder(store);
    await seedCarrierOrder(store);
    orderPdf = await renderEvidencePdf((await collectEvidence(store, { kind: 'order', id: STUCK_ORDER }, { now: NOW, by: 'sun' }))!, vocabulary);
    incidentPdf = await renderEvidencePdf((await collectEvidence(store, { kind: 'incident', id: STUCK_INCIDENT }, { now: NOW }))!, vocabulary);
    batchPdf = await renderEvidencePdf((await collectEvidence(store, { kind: 'incident', id: BATCH_INCIDENT }, { now: NOW, by: 'wang' }))!, vocabulary);
  });
  afterAll(async () => {
    await store.close();
  });

  it('resolves an incident id, an order id, and a bare platform order number', async () => {
    expect(await resolveEvidenceTarget(store, STUCK_INCIDENT)).toEqual({ kind: 'incident', id: STUCK_INCIDENT });
    expect(await resolveEvidenceTarget(store, STUCK_ORDER)).toEqual({ kind: 'order', id: STUCK_ORDER });
    expect(await resolveEvidenceTarget(store, 'T20261111001')).toEqual({ kind: 'order', id: STUCK_ORDER });
    expect(await resolveEvidenceTarget(store, 'NO-SUCH-THING')).toEqual({ kind: 'not_found' });
    expect(await collectEvidence(store, { kind: 'order', id: 'taobao:missing' }, { now: NOW })).toBeUndefined();
  });

  it('gathers the screenshots, the incidents of the order and its stock window', async () => {
    const data = (await collectEvidence(store, { kind: 'order', id: STUCK_ORDER }, { now: NOW }))!;
    expect(data.focus[0]!.files.size).toBe(3);
    expect(data.incidents.map((i) => i.incident.id)).toEqual([STUCK_INCIDENT]);
    expect(data.incidents[0]!.log.map((l) => l.action)).toEqual(['open', 'notify', 'acknowledge', 'compensate', 'resolve', 'close']);
    expect(data.appendixOn).toBe(true);
    const stock = data.focus[0]!.stock;
    expect(stock.warehouse).toBe('HZ-01');
    expect(stock.checks).toMatchObject([{ sku: 'CUP-500', quantity: 2, free: 2, short: false }]);
    expect(stock.rows.filter((r) => r.own).map((r) => r.event.id)).toEqual(['erp:c2']);
    expect(Object.fromEntries(stock.others)).toEqual({ 采购入库: 1, 盘点差异: 1 });
  });

  it("counts a notification as given only when it was delivered: the trail's empty receiver list told nobody", async () => {
    const stuck = (await collectEvidence(store, { kind: 'incident', id: STUCK_INCIDENT }, { now: NOW }))!;
    expect(stuck.incidents[0]!.notified).toEqual({ receivers: [], undelivered: 0 });
    const batch = (await collectEvidence(store, { kind: 'incident', id: BATCH_INCIDENT }, { now: NOW }))!;
    const openedAt = batch.incidents[0]!.incident.openedAt;
    // ops-group's message arrived inside the digest; cs-ding's never left the queue.
    expect(batch.incidents[0]!.notified).toEqual({ firstAt: openedAt + 10 * 60_000, receivers: ['ops-group'], undelivered: 1 });
  });

  it("builds an incident's headline from each order's own findings, not from the title it opened with", async () => {
    const data = (await collectEvidence(store, { kind: 'incident', id: BATCH_INCIDENT }, { now: NOW }))!;
    expect(data.totalOrders).toBe(30);
    expect(data.roster).toHaveLength(30);
    expect(data.roster.filter((r) => r.case.short === '已超承诺')).toHaveLength(6);
    expect(data.roster.filter((r) => r.case.short === '已拣货后停滞')).toHaveLength(24);
    expect(data.focus).toHaveLength(3);
    // The most telling first: past the promise, and a customer asked.
    expect(data.focus.every((f) => f.case.short === '已超承诺')).toBe(true);
    expect(data.appendixOn).toBe(false);
  });

  it('sees an oversell in the stock readings when no check flagged the order', async () => {
    const data = (await collectEvidence(store, { kind: 'order', id: OVERSOLD_ORDER }, { now: NOW }))!;
    const c = data.focus[0]!.case;
    expect(c.kind).toBe('stock');
    expect(c.summary).toContain('可售余量 -2');
    expect(data.focus[0]!.stock.checks).toMatchObject([{ sku: 'DIAPER-L', free: -2, short: true }]);
    expect(data.focus[0]!.stock.shortReadings).toBe(2);
  });

  it('is a small PDF', () => {
    expect(orderPdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(orderPdf.length).toBeLessThan(2 * 1024 * 1024);
  });

  it.skipIf(!POPPLER)('reads in Chinese: conclusion, order facts, findings with thresholds, timeline, stock, logistics, contacts, actions and who', () => {
    const text = readable(pdfText(orderPdf)).replace(/[ \t]+/g, ' ');
    expect(conclusionOnFirstPage(text, CONCLUSION_LABELS)).toEqual([]);
    for (const expected of [
      '订单异常证据报告',
      'T20261111001',
      '真空保温杯',
      '已拣货',
      '拣货员 陈亮',
      '下单前最近读数',
      '采购入库 1 次',
      '本单',
      '揽收失败',
      '已经三天了还没发货',
      '聊天截图-1.png',
      '环节停滞',
      '8.6 小时',
      '412 单',
      '人为原因 / 包装错误',
      '打包台漏扫',
      '优惠券',
      '138****5678',
      '王**',
      '西湖区（详细地址已隐去）',
      '没有人收到通知',
      '内部资料',
      '文档编号 EV-',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The full phone number, the receiver's full name and the house number never leave in a report for other departments.
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('王小明');
    expect(text).not.toContain('文三路');
    expect(rawCodesIn(text, CODES)).toEqual([]);
    expect(brokenOrderNumbers(text, ['T20261111001', 'ZT7788990011'])).toEqual([]);
    // The order is named by its platform number and channel; the internal id would be a code.
    expect(text).not.toContain(STUCK_ORDER);
  });

  it.skipIf(!POPPLER)('embeds the three screenshots as images and the Chinese font as a subset', () => {
    expect(pdfImageCount(orderPdf)).toBe(3);
    const fonts = pdfFonts(orderPdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.name).toMatch(/NotoSansHans/);
      expect(f).toMatchObject({ embedded: true, subset: true });
    }
  });

  it.skipIf(!POPPLER)('renders pages that are not blank (test-results/reports/evidence-order-N.png)', () => {
    const ink = renderPages(orderPdf, 'evidence-order');
    expect(ink.length).toBeGreaterThanOrEqual(2);
    for (const page of ink) expect(page).toBeGreaterThan(0.01);
  });

  it.skipIf(!POPPLER)('a 30-order incident: the conclusion on page 1, the table of all its orders on one page right after, every number whole, at most 8 pages', () => {
    const text = readable(pdfText(batchPdf));
    expect(pdfPageCount(batchPdf)).toBeLessThanOrEqual(8);
    const pages = text.split('\f');
    expect(conclusionOnFirstPage(text, [...CONCLUSION_LABELS, '失败环节', '负责人', '时限', '通知'])).toEqual([]);
    const tablePage = pages.findIndex((p) => p.includes('涉及订单一览'));
    expect(tablePage).toBeLessThanOrEqual(1);
    expect(brokenOrderNumbers(pages[tablePage]!, batchNumbers)).toEqual([]);
    expect(brokenOrderNumbers(text, batchNumbers)).toEqual([]);
    for (const expected of ['30 单异常', '6 单已超承诺', '24 单已拣货后停滞', '「已拣货」后未出库', '仓储（HZ-01 仓）', '王强', '已通知 企业微信群 ops-group', '另有 1 条未送达', '钉钉群 cs-ding', '未送达', '安排仓库优先处理该批次', '139****5678']) {
      expect(text, expected).toContain(expected);
    }
    // Not the title the incident opened with: 24 of the 30 are not past their promise.
    expect(text).not.toContain('30 单已超承诺时效');
    expect(text).not.toContain('13912345678');
    expect(rawCodesIn(text, CODES)).toEqual([]);
    const ink = renderPages(batchPdf, 'evidence-incident-30');
    for (const page of ink) expect(page).toBeGreaterThan(0.01);
  });

  it.skipIf(!POPPLER)("an order in an incident's report is said to be in it", () => {
    const text = readable(pdfText(incidentPdf));
    expect(text).toContain('异常事件证据报告');
    expect(text).toContain(STUCK_INCIDENT);
    expect(text).not.toContain('尚未进入任何异常事件');
    // One order needs no table of orders: its evidence follows the conclusion.
    expect(text).not.toContain('涉及订单一览');
    expect(text.indexOf('结论')).toBeLessThan(text.indexOf('订单证据'));
    renderPages(incidentPdf, 'evidence-incident');
  });

  it.skipIf(!POPPLER)('an oversold order says so from its stock readings, and a carrier case opens with the logistics', async () => {
    const oversold = readable(pdfText(await renderEvidencePdf((await collectEvidence(store, { kind: 'order', id: OVERSOLD_ORDER }, { now: NOW }))!, vocabulary)));
    expect(oversold).not.toContain('没有异常发现');
    expect(oversold).toContain('超卖');
    expect(oversold).toContain('可售余量 -2');
    expect(oversold).toContain('尚未立案');
    const carrierPdf = await renderEvidencePdf((await collectEvidence(store, { kind: 'order', id: CARRIER_ORDER }, { now: NOW }))!, vocabulary);
    const carrier = readable(pdfText(carrierPdf));
    expect(carrier.indexOf('物流轨迹')).toBeLessThan(carrier.indexOf('时间线'));
    expect(carrier.indexOf('物流轨迹')).toBeLessThan(carrier.indexOf('库存核对'));
    expect(carrier).toContain('物流（中通快递）');
    expect(rawCodesIn(carrier, CODES)).toEqual([]);
    renderPages(carrierPdf, 'evidence-carrier');
  });

  it.skipIf(POPPLER)(POPPLER_MISSING, () => undefined);
});
