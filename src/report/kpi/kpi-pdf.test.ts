import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloseRecord } from '../../store/report-store.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { at } from '../../store/testing/store-fixtures.js';
import { KPI_DAY_COLUMNS } from '../export-lists.js';
import { exportTable } from '../table-export.js';
import type { ReportVocabulary } from '../labels.js';
import { conclusionOnFirstPage, KPI_CONCLUSION_LABELS, rawCodesIn, readable } from '../testing/report-checks.js';
import { POPPLER, POPPLER_MISSING, pdfText, renderPages } from '../testing/pdf-tools.js';
import { seedStuckOrder } from '../testing/report-fixtures.js';
import { collectKpis, repeatedMistakes } from './kpi-data.js';
import { renderKpiPdf } from './kpi-pdf.js';

const WINDOW = { from: at('2026-11-01 00:00:00'), to: at('2026-12-01 00:00:00') };
const vocabulary: ReportVocabulary = { rootCauseClass: (c) => (c === 'human' ? '人为原因' : c), subCause: (s) => (s === 'packing_error' ? '包装错误' : s), falseAlarmSubCauses: ['rule_false_positive'], receiver: (n) => n };

describe('repeated mistakes', () => {
  const close = (id: string, when: string, cls: 'human' | 'not_abnormal' | 'external', sub: string): CloseRecord => ({ incidentId: id, at: at(when), state: 'closed', rootCause: { class: cls, subCause: sub } });
  const cases: Array<[string, CloseRecord[], { closedWithCause: number; repeated: number }]> = [
    ['nothing closed', [], { closedWithCause: 0, repeated: 0 }],
    ['a first occurrence is not a repeat', [close('A', '2026-11-05 10:00', 'human', 'picking_error')], { closedWithCause: 1, repeated: 0 }],
    ['the same sub-cause again is', [close('A', '2026-11-05 10:00', 'human', 'picking_error'), close('B', '2026-11-09 10:00', 'human', 'picking_error')], { closedWithCause: 2, repeated: 1 }],
    ['an occurrence before the period counts as history', [close('A', '2026-10-20 10:00', 'human', 'picking_error'), close('B', '2026-11-09 10:00', 'human', 'picking_error')], { closedWithCause: 1, repeated: 1 }],
    ['older than 90 days is forgotten', [close('A', '2026-07-01 10:00', 'human', 'picking_error'), close('B', '2026-11-09 10:00', 'human', 'picking_error')], { closedWithCause: 1, repeated: 0 }],
    ['false alarms are no mistakes', [close('A', '2026-11-02 10:00', 'not_abnormal', 'data_lag'), close('B', '2026-11-03 10:00', 'not_abnormal', 'data_lag')], { closedWithCause: 0, repeated: 0 }],
    ["nor are the policy's false-alarm sub-causes of a real class", [close('A', '2026-11-02 10:00', 'human', 'rule_false_positive'), close('B', '2026-11-03 10:00', 'human', 'rule_false_positive')], { closedWithCause: 0, repeated: 0 }],
    ['a different sub-cause is not a repeat', [close('A', '2026-11-02 10:00', 'human', 'picking_error'), close('B', '2026-11-03 10:00', 'external', 'weather')], { closedWithCause: 2, repeated: 0 }],
  ];
  for (const [name, closes, expected] of cases) {
    it(name, () => expect(repeatedMistakes(closes, WINDOW, vocabulary)).toMatchObject(expected));
  }
});

describe('KPI report', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-kpi-')), 'test.db'));
    await seedStuckOrder(store);
  });
  afterAll(async () => {
    await store.close();
  });

  it('counts orders, complaints, incidents and response times of the period, and the period before', async () => {
    const k = await collectKpis(store, WINDOW, at('2026-11-20 12:00:00'), vocabulary);
    expect(k.days).toHaveLength(30);
    expect(k.totals).toMatchObject({ orders: 1, complained: 1, complaintRate: 1 });
    expect(k.incidents).toMatchObject({ opened: 1, closed: 1, falseAlarms: 0, falseAlarmShare: 0 });
    expect(k.incidents.acknowledge).toMatchObject({ n: 1, done: 1, medianMs: 20 * 60_000, onTime: 1, onTimeShare: 1 });
    expect(k.falseAlarmShare).toBe(0);
    expect(k.rootCauses).toEqual([{ cls: 'human', subCause: 'packing_error', count: 1, falseAlarm: false }]);
    const day = k.days.find((d) => d.day === '2026-11-12')!;
    expect(day).toMatchObject({ incidents: 1, ackMedianHours: 0.3, resolveMedianHours: 26 });
    expect(k.days.find((d) => d.day === '2026-11-11')).toMatchObject({ orders: 1, complained: 1 });
    expect(k.previous.window).toEqual({ from: at('2026-10-02 00:00:00'), to: WINDOW.from });
    expect(k.previous.incidents.opened).toBe(0);
    expect(k.documentNo).toMatch(/^KPI-20261120-[0-9A-F]{6}$/);
  });

  it('exports its table as CSV with a BOM and as XLSX', async () => {
    const k = await collectKpis(store, WINDOW, at('2026-11-20 12:00:00'), vocabulary);
    const csv = await exportTable(KPI_DAY_COLUMNS, k.days, 'csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('日期,订单量,延迟订单,被投诉订单,新增事件,中位确认用时(小时),中位解决用时(小时)');
    expect(lines).toContain('2026-11-12,0,0,0,1,0.3,26');
    const xlsx = await exportTable(KPI_DAY_COLUMNS, k.days, 'xlsx', 'KPI');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('KPI')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('日期');
    expect(sheet.rowCount).toBe(31);
  });

  it('writes formula-looking text as text in a CSV', async () => {
    const csv = await exportTable([{ header: 'x', value: (r: string) => r }], ['=HYPERLINK("x")', '-1', 'a,b'], 'csv');
    expect(csv.bytes.subarray(3).toString('utf8')).toBe('x\r\n"\'=HYPERLINK(""x"")"\r\n\'-1\r\n"a,b"\r\n');
  });

  it.skipIf(!POPPLER)('reads in Chinese: a conclusion against targets and the previous period, the figures with their n, "本期无数据" for a trend of one day (test-results/reports/kpi-N.png)', async () => {
    const k = await collectKpis(store, WINDOW, at('2026-11-20 12:00:00'), vocabulary);
    const pdf = await renderKpiPdf(k, vocabulary);
    const text = readable(pdfText(pdf));
    expect(conclusionOnFirstPage(text, KPI_CONCLUSION_LABELS)).toEqual([]);
    for (const expected of ['订单异常 KPI 报告', '2026-11-01 至 2026-11-30', '对比上期', '按时确认率', '误报率', '目标 < 6.0%', '解决用时（中位）', '目标 ≤ 18 小时', '投诉率', '重复问题率', '客户满意度', '期间内打开的全部 1 个事件', '本期无数据', '包装错误', '2026-11-12']) {
      expect(text, expected).toContain(expected);
    }
    expect(rawCodesIn(text, ['packing_error', 'human', 'not_abnormal', 'taobao'])).toEqual([]);
    for (const page of renderPages(pdf, 'kpi')) expect(page).toBeGreaterThan(0.01);
  });

  it.skipIf(POPPLER)(POPPLER_MISSING, () => undefined);
});
