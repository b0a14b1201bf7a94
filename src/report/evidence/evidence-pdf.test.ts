import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { POPPLER, POPPLER_MISSING, pdfFonts, pdfImageCount, pdfText, renderPages } from '../testing/pdf-tools.js';
import { seedStuckOrder, STUCK_INCIDENT, STUCK_ORDER, T_PLACED } from '../testing/report-fixtures.js';
import { collectEvidence, resolveEvidenceTarget } from './evidence-data.js';
import { renderEvidencePdf } from './evidence-pdf.js';

const NOW = T_PLACED + 80 * 3_600_000;
const vocabulary = { rootCauseClass: (c: string) => (c === 'human' ? '人为原因' : c), subCause: (s: string) => (s === 'packing_error' ? '包装错误' : s) };

describe('evidence report', () => {
  let store: Store;
  let orderPdf: Buffer;
  let incidentPdf: Buffer;

  beforeAll(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-evidence-')), 'test.db'));
    await seedStuckOrder(store);
    const data = await collectEvidence(store, { kind: 'order', id: STUCK_ORDER }, { now: NOW, by: 'sun' });
    orderPdf = await renderEvidencePdf(data!, vocabulary);
    incidentPdf = await renderEvidencePdf((await collectEvidence(store, { kind: 'incident', id: STUCK_INCIDENT }, { now: NOW }))!, vocabulary);
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

  it('gathers the screenshots and the incidents of the order', async () => {
    const data = (await collectEvidence(store, { kind: 'order', id: STUCK_ORDER }, { now: NOW }))!;
    expect(data.orders[0]!.files.size).toBe(3);
    expect(data.incidents.map((i) => i.incident.id)).toEqual([STUCK_INCIDENT]);
    expect(data.incidents[0]!.log.map((l) => l.action)).toEqual(['open', 'acknowledge', 'compensate', 'resolve', 'close']);
  });

  it('is a small PDF', () => {
    expect(orderPdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(orderPdf.length).toBeLessThan(2 * 1024 * 1024);
  });

  it.skipIf(!POPPLER)('reads in Chinese: order facts, timeline, stock, logistics, contacts, findings with thresholds, actions and who', () => {
    const text = pdfText(orderPdf).replace(/[ \t]+/g, ' ');
    for (const expected of [
      '订单异常证据报告',
      'T20261111001',
      STUCK_ORDER,
      '真空保温杯',
      '已拣货',
      '拣货员 陈亮',
      '采购入库',
      '盘点差异',
      '（本单）',
      '揽收失败',
      '已经三天了还没发货',
      '聊天截图-1.png',
      '环节停滞',
      '8.6 小时',
      '412 单',
      '人为原因 / 包装错误',
      '打包台漏扫',
      '优惠券',
      'sun',
      '138****5678',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The full phone number never leaves in a report for other departments.
    expect(text).not.toContain('13812345678');
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

  it.skipIf(!POPPLER)('renders pages that are not blank (bench/out/reports/evidence-order-N.png)', () => {
    const ink = renderPages(orderPdf, 'evidence-order');
    expect(ink.length).toBeGreaterThanOrEqual(2);
    for (const page of ink) expect(page).toBeGreaterThan(0.01);
  });

  it.skipIf(!POPPLER)('an incident report leads with the incident and its handling', () => {
    const text = pdfText(incidentPdf);
    expect(text).toContain('异常事件证据报告');
    expect(text).toContain(STUCK_INCIDENT);
    expect(text).toContain('T20261111001');
    expect(text.indexOf('事件概况与处置记录')).toBeLessThan(text.indexOf('订单信息'));
    renderPages(incidentPdf, 'evidence-incident');
  });

  it.skipIf(POPPLER)(POPPLER_MISSING, () => undefined);
});
