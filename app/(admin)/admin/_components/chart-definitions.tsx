import type { AxisDomain } from 'recharts';
import { COLORS, type Series } from './chart-card';
import {
  formatAxis,
  formatAxisMs,
  formatAxisUsd,
  formatCompact,
  formatInteger,
  formatMs,
  formatPercent,
  formatRate,
  formatUsd,
} from './format';
import { newest, tokensThisHour, type ChartRow } from './metrics-data';

/**
 * How a series is drawn. Rates, percentiles and cost are straight lines between samples (`line`, `area`: no
 * smoothing, which would draw dips and bumps that were never measured) with a dot where a value stands alone;
 * counts that jump between samples are steps, stacked when the parts add up to a whole.
 */
type Mark = 'line' | 'area' | 'step-line' | 'stacked-step-area';

export interface ChartSeries extends Series {
  mark: Mark;
  /** Stacked areas: how strongly the fill shows (0.25 unless set). */
  fillOpacity?: number;
  /** Step lines: a thinner stroke for a reference line (2 unless set). */
  strokeWidth?: number;
}

export interface ChartDefinition {
  /** `data-testid="chart-<id>"`; also the stack that stacked areas join. */
  id: string;
  title: string;
  unit: string;
  /** The Recharts container: areas, lines, or both. */
  kind: 'area' | 'line' | 'composed';
  series: ChartSeries[];
  /** The latest reading in words (see ChartCard). */
  summary: (rows: ChartRow[]) => string;
  axis: { format: (value: number) => string; domain?: AxisDomain; allowDecimals?: boolean };
  tooltip: (value: number) => string;
  tooltipExtra?: (row: ChartRow) => React.ReactNode;
  /**
   * For series that are null in samples without traffic (percentiles, hit rates): the chart then needs a value,
   * not just a sample, and this explains an hour without any.
   */
  whenIdle?: string;
}

export const NO_SAMPLES = 'No samples yet. The first one is taken a few seconds after the server starts.';

/** A value of the newest sample, the chart's last point: what the tiles show too. */
const now = (rows: ChartRow[], key: keyof ChartRow) => newest(rows)?.[key] as number | null | undefined;

const percentiles = (rows: ChartRow[], keys: Array<[keyof ChartRow, string]>) =>
  keys.map(([key, label]) => `${label} ${formatMs(now(rows, key))}`).join(' · ');

const latestPercent = (rows: ChartRow[], key: keyof ChartRow, label: string) => {
  const value = now(rows, key);
  return value == null ? null : `${label} ${formatPercent(value)}`;
};

/** The last hour, in the order the dashboard shows it: traffic first, then what serves it, then what it costs. */
export const CHARTS: ChartDefinition[] = [
  {
    id: 'requests',
    title: 'Request rate',
    unit: 'req/s',
    kind: 'area',
    series: [{ key: 'requestsPerSecond', label: 'Requests', color: COLORS.sky, mark: 'area' }],
    summary: (rows) => `${formatRate(now(rows, 'requestsPerSecond'))} req/s, last minute`,
    axis: { format: formatAxis },
    tooltip: (value) => `${formatRate(value)} req/s`,
  },
  {
    id: 'latency',
    title: 'Latency',
    unit: 'ms, pages and API without chat answers, last minute',
    kind: 'line',
    series: [
      { key: 'latencyP50', label: 'p50', color: COLORS.emerald, mark: 'line' },
      { key: 'latencyP95', label: 'p95', color: COLORS.amber, mark: 'line' },
      { key: 'latencyP99', label: 'p99', color: COLORS.rose, mark: 'line' },
    ],
    summary: (rows) =>
      percentiles(rows, [
        ['latencyP50', 'p50'],
        ['latencyP95', 'p95'],
        ['latencyP99', 'p99'],
      ]),
    axis: { format: formatAxisMs },
    tooltip: formatMs,
    whenIdle: 'No requests other than chat answers in the last hour.',
  },
  {
    id: 'errors',
    title: 'Error rate',
    unit: '% of requests answered 5xx, last minute',
    kind: 'area',
    series: [{ key: 'errorPercent', label: 'Errors', color: COLORS.rose, mark: 'area' }],
    summary: (rows) => `${formatPercent(now(rows, 'errorPercent'))}, last minute`,
    axis: { format: (value) => `${formatAxis(value)}%`, domain: [0, (max: number) => Math.max(max, 1)] },
    tooltip: formatPercent,
  },
  {
    id: 'pool',
    title: 'Database pool',
    unit: 'connections',
    kind: 'composed',
    series: [
      { key: 'poolActive', label: 'Active', color: COLORS.sky, mark: 'stacked-step-area' },
      { key: 'poolIdle', label: 'Idle', color: COLORS.emerald, mark: 'stacked-step-area', fillOpacity: 0.2 },
      { key: 'poolWaiting', label: 'Waiting', color: COLORS.amber, mark: 'step-line' },
      { key: 'poolMax', label: 'Max', color: COLORS.zinc, dashed: true, mark: 'step-line', strokeWidth: 1.5 },
    ],
    summary: (rows) => {
      const last = newest(rows);
      return last
        ? `${last.poolActive} active · ${last.poolIdle} idle · ${last.poolWaiting} waiting of ${last.poolMax}`
        : '';
    },
    axis: { format: formatAxis, allowDecimals: false },
    tooltip: formatInteger,
  },
  {
    id: 'cache',
    title: 'Cache hit rate',
    unit: '%, last minute',
    kind: 'line',
    series: [
      { key: 'cacheResponse', label: 'Response', color: COLORS.sky, mark: 'line' },
      { key: 'cacheSession', label: 'Session', color: COLORS.violet, mark: 'line' },
      { key: 'cacheEmbedding', label: 'Embedding', color: COLORS.emerald, mark: 'line' },
    ],
    summary: (rows) =>
      [
        latestPercent(rows, 'cacheResponse', 'Response'),
        latestPercent(rows, 'cacheSession', 'Session'),
        latestPercent(rows, 'cacheEmbedding', 'Embedding'),
      ]
        .filter(Boolean)
        .join(' · ') || 'No cache traffic',
    axis: { format: (value) => `${value}%`, domain: [0, 100] },
    tooltip: formatPercent,
    whenIdle: 'No cache lookups in the last hour.',
  },
  {
    id: 'chat',
    title: 'Chat answers',
    unit: 'ms, last minute',
    kind: 'line',
    series: [
      { key: 'chatP50', label: 'Answer starts p50', color: COLORS.sky, mark: 'line' },
      { key: 'chatP95', label: 'Answer starts p95', color: COLORS.indigo, mark: 'line' },
      { key: 'ttftP50', label: 'First token p50', color: COLORS.emerald, dashed: true, mark: 'line' },
      { key: 'ttftP95', label: 'First token p95', color: COLORS.amber, dashed: true, mark: 'line' },
    ],
    summary: (rows) =>
      percentiles(rows, [
        ['chatP95', 'starts p95'],
        ['ttftP95', 'first token p95'],
      ]),
    axis: { format: formatAxisMs },
    tooltip: formatMs,
    whenIdle: 'No questions were answered in the last hour.',
  },
  {
    id: 'llm',
    title: 'Model latency',
    unit: 'ms, whole answer, last minute',
    kind: 'line',
    series: [
      { key: 'llmP50', label: 'p50', color: COLORS.indigo, mark: 'line' },
      { key: 'llmP95', label: 'p95', color: COLORS.violet, mark: 'line' },
    ],
    summary: (rows) =>
      percentiles(rows, [
        ['llmP50', 'p50'],
        ['llmP95', 'p95'],
      ]),
    axis: { format: formatAxisMs },
    tooltip: formatMs,
    whenIdle:
      'No model calls in the last hour. In offline mode answers are quoted from documents, so nothing is timed here.',
  },
  {
    id: 'tokens',
    title: 'Tokens',
    unit: 'per sample',
    kind: 'area',
    series: [
      { key: 'tokensIn', label: 'Input', color: COLORS.sky, mark: 'stacked-step-area' },
      { key: 'tokensOut', label: 'Output', color: COLORS.violet, mark: 'stacked-step-area' },
    ],
    summary: (rows) => {
      const tokens = tokensThisHour(rows);
      return `${formatCompact(tokens.input)} in · ${formatCompact(tokens.output)} out this hour`;
    },
    axis: { format: formatAxis, allowDecimals: false },
    tooltip: formatInteger,
  },
  {
    id: 'cost',
    title: 'Estimated cost',
    unit: 'USD, cumulative',
    kind: 'area',
    series: [{ key: 'costCumulativeUsd', label: 'Cumulative cost', color: COLORS.emerald, mark: 'area' }],
    summary: (rows) => `${formatUsd(now(rows, 'costCumulativeUsd') ?? 0)} this hour`,
    axis: { format: formatAxisUsd, domain: [0, (max: number) => Math.max(max, 0.01)] },
    tooltip: formatUsd,
    tooltipExtra: (row) => (
      <p className="mt-1 border-t border-zinc-200 pt-1 text-zinc-500 tabular-nums dark:border-zinc-700 dark:text-zinc-400">
        This sample: {formatUsd(row.costUsd ?? 0)}
      </p>
    ),
  },
];
