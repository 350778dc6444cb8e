'use client';

import { useId } from 'react';
import {
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type AxisDomain,
  type DotItemDotProps,
  type DotType,
  type TooltipContentProps,
} from 'recharts';
import { cardStyles } from '@/app/_components/styles';
import { formatClock, formatClockWithSeconds } from './format';
import type { ChartRow } from './metrics-data';

/** Mid-tone colours that read on white and on zinc-900 alike. */
export const COLORS = {
  sky: '#0ea5e9',
  violet: '#8b5cf6',
  amber: '#f59e0b',
  rose: '#f43f5e',
  emerald: '#10b981',
  zinc: '#71717a',
  indigo: '#6366f1',
} as const;

export interface Series {
  key: keyof ChartRow;
  label: string;
  color: string;
  dashed?: boolean;
}

/**
 * Recharts draws with SVG presentation attributes; CSS beats those, so the grid, axes and cursor follow the
 * page's light or dark scheme from here.
 */
const CHART_THEME = [
  'text-[11px]',
  '[&_.recharts-cartesian-grid_line]:stroke-zinc-200 dark:[&_.recharts-cartesian-grid_line]:stroke-zinc-800',
  '[&_.recharts-cartesian-axis-line]:stroke-zinc-300 dark:[&_.recharts-cartesian-axis-line]:stroke-zinc-700',
  '[&_.recharts-cartesian-axis-tick-line]:stroke-zinc-300 dark:[&_.recharts-cartesian-axis-tick-line]:stroke-zinc-700',
  '[&_.recharts-cartesian-axis-tick-value]:fill-zinc-500 dark:[&_.recharts-cartesian-axis-tick-value]:fill-zinc-400',
  '[&_.recharts-tooltip-cursor]:stroke-zinc-400 dark:[&_.recharts-tooltip-cursor]:stroke-zinc-500',
  '[&_.recharts-active-dot_circle]:stroke-white dark:[&_.recharts-active-dot_circle]:stroke-zinc-900',
  '[&_.recharts-surface]:outline-none [&_.recharts-surface:focus-visible]:outline-2 [&_.recharts-surface:focus-visible]:outline-offset-2 [&_.recharts-surface:focus-visible]:outline-zinc-500',
].join(' ');

/**
 * A titled chart with its legend and the latest values in words. `hasData` false shows an explanation instead of
 * empty axes. `data-testid="chart-<name>"` is what the e2e looks inside.
 */
export function ChartCard({
  name,
  title,
  unit,
  summary,
  series,
  hasData,
  emptyText,
  given,
  children,
}: {
  name: string;
  title: string;
  unit: string;
  /** The latest reading, e.g. "2.40 req/s now"; also what a screen reader hears about the chart. */
  summary: string;
  series: Series[];
  hasData: boolean;
  emptyText: string;
  /** The series the chart was given, as JSON (`data-series`). */
  given: string;
  children: React.ReactElement;
}) {
  const titleId = useId();
  const summaryId = useId();
  return (
    <figure
      data-testid={`chart-${name}`}
      data-has-data={hasData || undefined}
      data-series={given}
      aria-labelledby={titleId}
      aria-describedby={summaryId}
      className={`${cardStyles} flex min-w-0 flex-col gap-3`}
    >
      <figcaption className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 id={titleId} className="text-sm font-semibold">
          {title} <span className="font-normal text-zinc-500 dark:text-zinc-400">({unit})</span>
        </h3>
        <p id={summaryId} className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
          {hasData ? summary : 'No data yet'}
        </p>
      </figcaption>
      {series.length > 0 && (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" aria-label={`${title} series`}>
          {series.map((item) => (
            <li key={item.key} className="inline-flex items-center gap-1.5">
              <Swatch color={item.color} dashed={item.dashed} />
              {item.label}
            </li>
          ))}
        </ul>
      )}
      {hasData ? (
        <div className={`h-52 w-full min-w-0 ${CHART_THEME}`}>
          <ResponsiveContainer width="100%" height="100%" minWidth={0}>
            {children}
          </ResponsiveContainer>
        </div>
      ) : (
        <div
          data-testid="chart-empty"
          className="flex h-52 items-center justify-center rounded-md border border-dashed border-zinc-300 px-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400"
        >
          {emptyText}
        </div>
      )}
    </figure>
  );
}

function Swatch({ color, dashed }: { color: string; dashed?: boolean }) {
  return (
    <svg aria-hidden viewBox="0 0 16 4" className="h-1 w-4 shrink-0" preserveAspectRatio="none">
      <line
        x1="0"
        y1="2"
        x2="16"
        y2="2"
        stroke={color}
        strokeWidth="4"
        strokeDasharray={dashed ? '4 3' : undefined}
      />
    </svg>
  );
}

const SECOND = 1000;
const TICK_STEPS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800].map((seconds) => seconds * SECOND);

/** Round-time ticks (whole minutes once the span allows) that fit about six labels across the samples. */
function timeTicks(rows: readonly ChartRow[]): { ticks: number[] | undefined; withSeconds: boolean } {
  const first = rows[0]?.at;
  const last = rows.at(-1)?.at;
  if (first == null || last == null) return { ticks: undefined, withSeconds: false };
  if (last <= first) return { ticks: [first], withSeconds: true };
  const span = last - first;
  const step = TICK_STEPS.find((candidate) => span / candidate <= 6) ?? TICK_STEPS.at(-1)!;
  const ticks: number[] = [];
  for (let tick = Math.ceil(first / step) * step; tick <= last; tick += step) ticks.push(tick);
  return { ticks: ticks.length > 0 ? ticks : [first, last], withSeconds: step < 60 * SECOND || ticks.length === 0 };
}

/** The shared time axis (an element, not a component: Recharts reads its children's props). */
export function timeAxis(rows: readonly ChartRow[]) {
  const { ticks, withSeconds } = timeTicks(rows);
  return (
    <XAxis
      dataKey="at"
      type="number"
      scale="time"
      domain={['dataMin', 'dataMax']}
      ticks={ticks}
      tickFormatter={(value: number) => (withSeconds ? formatClockWithSeconds(value) : formatClock(value))}
      minTickGap={24}
      tickMargin={6}
    />
  );
}

export function valueAxis(format: (value: number) => string, domain: AxisDomain = [0, 'auto'], allowDecimals = true) {
  return (
    <YAxis
      width="auto"
      tickFormatter={(value: number) => format(value)}
      domain={domain}
      allowDecimals={allowDecimals}
      tickMargin={4}
    />
  );
}

/**
 * Dots only where a value stands alone (no neighbour to draw a line to): a lone sample, or a percentile in the
 * one window that had traffic. Elsewhere the line speaks for itself.
 */
export function sparseDot(rows: readonly ChartRow[], key: keyof ChartRow, color: string): DotType {
  function SparseDot({ cx, cy, index }: DotItemDotProps) {
    const isolated = rows[index]?.[key] != null && rows[index - 1]?.[key] == null && rows[index + 1]?.[key] == null;
    if (!isolated || cx == null || cy == null) return <g key={index} />;
    return <circle key={index} cx={cx} cy={cy} r={2.5} fill={color} />;
  }
  return SparseDot;
}

export function grid() {
  return <CartesianGrid vertical={false} strokeDasharray="3 3" />;
}

export function tooltip(format: (value: number) => string, extra?: (row: ChartRow) => React.ReactNode) {
  return (
    <Tooltip
      isAnimationActive={false}
      content={(props: TooltipContentProps) => <ChartTooltip {...props} format={format} extra={extra} />}
    />
  );
}

function ChartTooltip({
  active,
  payload,
  label,
  format,
  extra,
}: Pick<TooltipContentProps, 'active' | 'payload' | 'label'> & {
  format: (value: number) => string;
  extra?: (row: ChartRow) => React.ReactNode;
}) {
  if (!active || payload.length === 0) return null;
  const row = payload[0]?.payload as ChartRow | undefined;
  const at = typeof label === 'number' ? label : row?.at;
  return (
    <div className="min-w-36 rounded-md border border-zinc-200 bg-white/95 px-3 py-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900/95">
      {at != null && <p className="mb-1 font-medium tabular-nums">{formatClockWithSeconds(at)}</p>}
      <ul className="space-y-0.5">
        {payload.map((entry) => (
          <li key={String(entry.dataKey)} className="flex items-center justify-between gap-4">
            <span className="inline-flex items-center gap-1.5 text-zinc-600 dark:text-zinc-400">
              <Swatch color={entry.color ?? entry.stroke ?? COLORS.zinc} dashed={Boolean(entry.strokeDasharray)} />
              {entry.name}
            </span>
            <span className="font-medium tabular-nums">
              {typeof entry.value === 'number' ? format(entry.value) : '—'}
            </span>
          </li>
        ))}
      </ul>
      {row && extra?.(row)}
    </div>
  );
}
