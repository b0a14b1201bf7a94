import * as echarts from 'echarts';

/** ChartSize is a chart's size in PDF points (drawn 1:1 as vectors). */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/** TrendSeries is one series of a trend chart: bars count, lines measure (null = no value that day). */
export interface TrendSeries {
  readonly name: string;
  readonly kind: 'bar' | 'line';
  readonly values: ReadonlyArray<number | null>;
  /** 1 puts the series on the right-hand axis. */
  readonly axis?: 0 | 1;
  readonly stack?: string;
}

/** TrendChart is a chart over days: bars and lines, one or two value axes, an optional reference line. */
export interface TrendChart {
  readonly title: string;
  readonly days: readonly string[];
  readonly series: readonly TrendSeries[];
  readonly axisNames: readonly [string, string?];
  /** A horizontal reference line on the left axis (e.g. this incident's time to acknowledge). */
  readonly reference?: { readonly name: string; readonly value: number };
}

const PALETTE = ['#3366d6', '#f08c2e', '#2f9e6e', '#d64545', '#7b61c9', '#8a8f98', '#1fa2b8', '#c9a227'];
const TEXT = { fontFamily: 'Noto Sans Hans', color: '#3b3f45' };

function render(option: echarts.EChartsOption, size: ChartSize): string {
  // Server-side rendering to an SVG string: no DOM, no canvas, vectors all the way into the PDF.
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: TEXT, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** daysWithData counts the days on which any series has a value above zero: fewer than two is no trend to draw. */
export function daysWithData(chart: Pick<TrendChart, 'days' | 'series'>): number {
  return chart.days.filter((_d, i) => chart.series.some((s) => (s.values[i] ?? 0) > 0)).length;
}

/** niceMax rounds an axis maximum up to 1, 2, 2.5 or 5 times a power of ten, so the reference line sits inside the axis. */
function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

/**
 * trendChartSvg draws a per-day chart (bars and lines) as SVG; days are
 * shown as MM-DD. A reference line is always inside the left axis: the
 * axis reaches above it, so "this incident" is drawn to the same scale as
 * the period it is compared with.
 */
export function trendChartSvg(chart: TrendChart, size: ChartSize): string {
  const twoAxes = chart.series.some((s) => s.axis === 1);
  const leftValues = chart.series.filter((s) => (s.axis ?? 0) === 0).flatMap((s) => s.values.filter((v): v is number => v !== null));
  const leftMax = chart.reference ? niceMax(Math.max(chart.reference.value, ...leftValues) * 1.1) : undefined;
  return render(
    {
      title: { text: chart.title, left: 'center', textStyle: { ...TEXT, fontSize: 13, fontWeight: 'bold' } },
      legend: { bottom: 0, textStyle: { ...TEXT, fontSize: 10 } },
      // The axis names sit above the plot: the plot starts low enough that they stay clear of a long title.
      grid: { left: 48, right: twoAxes ? 48 : 20, top: 60, bottom: 56 },
      xAxis: { type: 'category', data: chart.days.map((d) => d.slice(5)), axisLabel: { ...TEXT, fontSize: 9, hideOverlap: true } },
      yAxis: [
        { type: 'value', name: chart.axisNames[0], nameTextStyle: { ...TEXT, fontSize: 10 }, axisLabel: { ...TEXT, fontSize: 9 }, minInterval: 1, ...(leftMax !== undefined ? { max: leftMax } : {}) },
        ...(twoAxes
          ? [
              {
                type: 'value' as const,
                name: chart.axisNames[1] ?? '',
                nameTextStyle: { ...TEXT, fontSize: 10 },
                axisLabel: { ...TEXT, fontSize: 9 },
                splitLine: { show: false },
                // Counts have no fractions: 0.2 incidents is not a tick.
                ...(chart.series.filter((s) => s.axis === 1).every((s) => s.kind === 'bar') ? { minInterval: 1 } : {}),
              },
            ]
          : []),
      ],
      series: chart.series.map((s, i) => ({
        z: s.kind === 'line' ? 3 : 2,
        name: s.name,
        type: s.kind,
        data: [...s.values],
        yAxisIndex: s.axis ?? 0,
        ...(s.stack ? { stack: s.stack } : {}),
        ...(s.kind === 'line' ? { connectNulls: true, symbolSize: 4, lineStyle: { width: 2 } } : { barMaxWidth: 18 }),
        // The line's label at its start: the latest days, at the right, are where the bars of a busy period stand.
        ...(i === 0 && chart.reference
          ? { markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#d64545' }, label: { ...TEXT, fontSize: 9, position: 'insideStartTop', formatter: chart.reference.name }, data: [{ yAxis: chart.reference.value }] } }
          : {}),
      })),
    },
    size,
  );
}

/** pieChartSvg draws shares (e.g. root causes) as a ring with labels. */
export function pieChartSvg(title: string, items: ReadonlyArray<{ readonly name: string; readonly value: number }>, size: ChartSize): string {
  return render(
    {
      title: { text: title, left: 'center', textStyle: { ...TEXT, fontSize: 13, fontWeight: 'bold' } },
      series: [
        {
          type: 'pie',
          // Laid out below the title, and small enough that a label above the ring stays clear of it.
          top: 30,
          radius: ['30%', '55%'],
          center: ['50%', '55%'],
          data: items.map((i) => ({ name: i.name, value: i.value })),
          // One decimal, as the report's tables print shares (ECharts' default of two read "33.33%" beside "33.34%").
          percentPrecision: 1,
          label: { ...TEXT, fontSize: 9, formatter: '{b}\n{c}（{d}%）' },
        },
      ],
    },
    size,
  );
}
