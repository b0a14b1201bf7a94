import { trendChartSvg } from '../charts.js';
import { ReportPdf } from './report-pdf.js';

/**
 * warmUpReports renders a small throw-away report (Chinese text, a table, a
 * chart): the first document of a process pays for reading the 8 MB fonts and
 * for compiling the font and chart code, about two seconds on a busy 2-core
 * machine. `serve` calls it once after start so the first click is as fast as
 * the next. Returns how long it took, ms.
 */
export async function warmUpReports(): Promise<number> {
  const started = performance.now();
  const pdf = new ReportPdf({ title: '预热', generatedAt: 0, documentNo: 'EV-19700101-000000' });
  pdf.conclusion('结论', [{ label: '发生了什么', value: '预热' }]);
  pdf.heading('订单异常证据报告');
  pdf.paragraph('订单已付款，仓库拣货后停滞，客户投诉物流无更新。库存变动、物流轨迹、客户沟通记录、处置记录。');
  pdf.table([{ header: '时间', width: 1 }, { header: '内容', width: 3 }], [['2026-11-11 10:00', '已拣货，等待出库']]);
  pdf.chart(trendChartSvg({ title: '趋势', days: ['2026-11-10', '2026-11-11'], axisNames: ['订单数'], series: [{ name: '延迟订单', kind: 'bar', values: [1, 2] }] }, { width: 300, height: 160 }), { width: 300, height: 160 });
  await pdf.finish();
  return performance.now() - started;
}
