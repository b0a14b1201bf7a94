import { beforeAll, describe, expect, it } from 'vitest';
import { NEAR_EMPTY, renderFitted, ReportPdf, type ReportPdfOptions } from './report-pdf.js';

const OPTIONS: ReportPdfOptions = { title: '测试报告', generatedAt: Date.parse('2026-12-07T04:00:00Z'), documentNo: 'T-1' };

/** daily is a day-by-day table of `rows` rows, as the KPI report's. */
function daily(rows: number): (pdf: ReportPdf) => void {
  return (pdf) => {
    pdf.heading('每日明细');
    pdf.table(
      [
        { header: '日期', width: 30 },
        { header: '订单量', width: 35, align: 'right' },
        { header: '延迟订单', width: 35, align: 'right' },
      ],
      Array.from({ length: rows }, (_, i) => [`2026-11-${String((i % 30) + 1).padStart(2, '0')}`, String(100 + i), String(i)]),
    );
    pdf.note('中位用时：当天打开的事件里，未确认/未解决的按截至生成时的已用时长计入。');
  };
}

async function layout(draw: (pdf: ReportPdf) => void, tight = false): Promise<{ pages: number; fill: number }> {
  const pdf = new ReportPdf({ ...OPTIONS, tight });
  draw(pdf);
  await pdf.finish();
  return pdf.laidOut;
}

const pagesOf = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

// The 30-day KPI report ended with a page holding six table rows and a note; an evidence report with a page holding one line.
describe('renderFitted leaves no nearly empty last page', () => {
  /** The fewest rows that spill onto a second page in the normal layout. */
  let spill = 0;
  beforeAll(async () => {
    let fits = 1;
    let spills = 120;
    while (spills - fits > 1) {
      const mid = Math.floor((fits + spills) / 2);
      if ((await layout(daily(mid))).pages < 2) fits = mid;
      else spills = mid;
    }
    spill = spills;
  });

  it('lays a document out again, tighter, when its last page holds only a few lines', async () => {
    expect((await layout(daily(spill))).fill).toBeLessThan(NEAR_EMPTY);
    expect((await layout(daily(spill), true)).pages).toBe(1);
    expect(pagesOf(await renderFitted(OPTIONS, daily(spill)))).toBe(1);
  });

  it('keeps the normal layout when the last page is well filled', async () => {
    // Twenty rows more fill a good part of the second page.
    const more = spill + 20;
    expect((await layout(daily(more))).fill).toBeGreaterThan(NEAR_EMPTY);
    const normal = new ReportPdf(OPTIONS);
    daily(more)(normal);
    expect(await renderFitted(OPTIONS, daily(more))).toEqual(await normal.finish());
  });
});
