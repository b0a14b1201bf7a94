import { describe, expect, it } from 'vitest';
import { daysWithData, pieChartSvg, trendChartSvg } from './charts.js';

const numbersOnAxis = (svg: string): number[] => [...svg.matchAll(/<text[^>]*>(\d+(?:\.\d+)?)<\/text>/g)].map((m) => Number(m[1]));

describe('trend charts', () => {
  it('draws the reference line inside the axis, however far above the data it is', () => {
    const svg = trendChartSvg(
      { title: 't', days: ['2026-11-01', '2026-11-02', '2026-11-03'], axisNames: ['小时'], series: [{ name: '中位', kind: 'line', values: [0.5, 1, 0.8] }], reference: { name: '本事件 26 小时', value: 26 } },
      { width: 400, height: 200 },
    );
    expect(Math.max(...numbersOnAxis(svg))).toBeGreaterThanOrEqual(26);
    expect(svg).toContain('本事件 26 小时');
  });

  it('counts the days that have something to draw', () => {
    expect(daysWithData({ days: ['a', 'b', 'c'], series: [{ name: 'x', kind: 'bar', values: [0, 1365, 0] }] })).toBe(1);
    expect(daysWithData({ days: ['a', 'b'], series: [{ name: 'x', kind: 'line', values: [null, null] }] })).toBe(0);
  });
});

describe('pie charts', () => {
  // Three causes of one each read "33.33%" and "33.34%": shares are given to one decimal, as in the tables.
  it('labels each share to one decimal', () => {
    const svg = pieChartSvg('根因', [{ name: '规则误报', value: 1 }, { name: '数据延迟到达', value: 1 }, { name: '包装错误', value: 1 }], { width: 400, height: 200 });
    expect(svg).toMatch(/33\.3%/);
    expect(svg).not.toMatch(/33\.3\d%/);
  });
});
