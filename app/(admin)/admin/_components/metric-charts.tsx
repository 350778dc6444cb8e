'use client';

import { Area, AreaChart, ComposedChart, Line, LineChart } from 'recharts';
import { ChartCard, grid, sparseDot, timeAxis, tooltip, valueAxis } from './chart-card';
import { CHARTS, NO_SAMPLES, type ChartDefinition, type ChartSeries } from './chart-definitions';
import type { ChartRow } from './metrics-data';

/** Live charts are redrawn every poll; animating each redraw would only make them harder to read. */
const STILL = { isAnimationActive: false } as const;
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const CONTAINERS = { area: AreaChart, line: LineChart, composed: ComposedChart } as const;

/** Every chart of the last hour, drawn from its definition. */
export function MetricCharts({ rows }: { rows: ChartRow[] }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {CHARTS.map((chart) => (
        <MetricChart key={chart.id} chart={chart} rows={rows} />
      ))}
    </div>
  );
}

function MetricChart({ chart, rows }: { chart: ChartDefinition; rows: ChartRow[] }) {
  const some = rows.length > 0;
  const hasData = chart.whenIdle ? rows.some((row) => chart.series.some((item) => row[item.key] != null)) : some;
  // What the chart was given, for checks that its tiles and summary read the same numbers.
  const given = JSON.stringify(Object.fromEntries(chart.series.map((item) => [item.key, rows.map((row) => row[item.key])])));
  const Container = CONTAINERS[chart.kind];
  return (
    <ChartCard
      name={chart.id}
      title={chart.title}
      unit={chart.unit}
      summary={chart.summary(rows)}
      series={chart.series}
      hasData={hasData}
      emptyText={some && chart.whenIdle ? chart.whenIdle : NO_SAMPLES}
      given={given}
    >
      <Container data={rows} margin={MARGIN}>
        {grid()}
        {timeAxis(rows)}
        {valueAxis(chart.axis.format, chart.axis.domain, chart.axis.allowDecimals)}
        {tooltip(chart.tooltip, chart.tooltipExtra)}
        {chart.series.map((item) => mark(item, chart.id, rows))}
      </Container>
    </ChartCard>
  );
}

/**
 * One series as a Recharts element (an element, not a component: Recharts reads its children's props). Straight
 * segments between samples, and a break at every null (a gap row, or a window without traffic).
 */
function mark(item: ChartSeries, stackId: string, rows: ChartRow[]) {
  const common = { dataKey: item.key, name: item.label, stroke: item.color, connectNulls: false, ...STILL };
  const dashes = item.dashed ? '5 4' : undefined;
  switch (item.mark) {
    case 'line':
      return (
        <Line
          key={item.key}
          {...common}
          type="linear"
          strokeWidth={2}
          strokeDasharray={dashes}
          dot={sparseDot(rows, item.key, item.color)}
          activeDot={{ r: 4 }}
        />
      );
    case 'area':
      return (
        <Area
          key={item.key}
          {...common}
          type="linear"
          strokeWidth={2}
          fill={item.color}
          fillOpacity={0.15}
          dot={sparseDot(rows, item.key, item.color)}
        />
      );
    case 'step-line':
      return (
        <Line key={item.key} {...common} type="stepAfter" strokeWidth={item.strokeWidth ?? 2} strokeDasharray={dashes} dot={false} />
      );
    case 'stacked-step-area':
      return (
        <Area key={item.key} {...common} stackId={stackId} type="stepAfter" fill={item.color} fillOpacity={item.fillOpacity ?? 0.25} />
      );
  }
}
