import { BarChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the console draws (dashboard bars and ring, the backtest's scatter): every chart type is weight on the first visit.
echarts.use([BarChart, PieChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** ChartClick is what a click on a bar, a point or a slice says. */
export interface ChartClick {
  readonly seriesName?: string;
  readonly name?: string;
  readonly dataIndex: number;
  readonly data?: unknown;
}

/**
 * EChart draws an Apache ECharts option into a box that follows its
 * container's width; `onClick` receives clicks on data. `label` names the
 * chart for screen readers (the canvas itself has no text).
 */
export function EChart({ option, height = 320, onClick, label, testId }: { option: echarts.EChartsCoreOption; height?: number; onClick?: (e: ChartClick) => void; label: string; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (e) => click.current?.(e as unknown as ChartClick));
    // End-to-end tests find a chart by its test id to click a bar where it is drawn.
    const registry = ((window as unknown as { __orderwatchCharts?: Record<string, echarts.ECharts> }).__orderwatchCharts ??= {});
    if (testId) registry[testId] = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
    box.current?.setAttribute('data-rendered', 'true');
  }, [option]);
  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
