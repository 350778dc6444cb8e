'use client';

import { useMemo } from 'react';
import { Area, AreaChart, ComposedChart, Line, LineChart } from 'recharts';
import type { MetricsPoint } from '@/server/admin/types';
import { ChartCard, COLORS, grid, sparseDot, timeAxis, tooltip, valueAxis, type Series } from './chart-card';
import { formatAxis, formatAxisMs, formatAxisUsd, formatCompact, formatInteger, formatMs, formatPercent, formatRate, formatUsd } from './format';
import { latest, toChartRows, type ChartRow } from './metrics-data';
import { LoadingBlocks, QueryProblem } from './query-problem';
import { StatCards } from './stat-cards';

interface MetricsQuery {
  data: { points: MetricsPoint[]; intervalSeconds: number } | undefined;
  isPending: boolean;
  error: { message: string; data?: { code?: string } | null } | null;
  refetch: () => unknown;
}

/** Live charts are redrawn every poll; animating each redraw would only make them harder to read. */
const STILL = { isAnimationActive: false } as const;
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };

const hasAny = (rows: readonly ChartRow[], keys: Array<keyof ChartRow>) =>
  rows.some((row) => keys.some((key) => row[key] != null));

/** Stat cards and the last hour of charts. */
export function MetricsSection({ metrics }: { metrics: MetricsQuery }) {
  const points = metrics.data?.points;
  const rows = useMemo(() => toChartRows(points ?? []), [points]);
  const interval = metrics.data?.intervalSeconds;

  return (
    <section aria-labelledby="metrics-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="metrics-heading" className="text-lg font-semibold">
          Last hour
        </h2>
        {interval != null && (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            {rows.length === 1 ? '1 sample' : `${formatInteger(rows.length)} samples`}, one every {interval} s
          </p>
        )}
      </div>

      {metrics.error && <QueryProblem what="the metrics" query={metrics} stale={Boolean(metrics.data)} />}

      {metrics.isPending ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <LoadingBlocks label="Loading metrics…" count={4} className="h-24" />
        </div>
      ) : metrics.data ? (
        <>
          <StatCards rows={rows} />
          <Charts rows={rows} />
        </>
      ) : null}
    </section>
  );
}

const NO_SAMPLES = 'No samples yet. The first one is taken a few seconds after the server starts.';

function Charts({ rows }: { rows: ChartRow[] }) {
  const some = rows.length > 0;
  const last = rows.at(-1);

  const latencySeries: Series[] = [
    { key: 'latencyP50', label: 'p50', color: COLORS.emerald },
    { key: 'latencyP95', label: 'p95', color: COLORS.amber },
    { key: 'latencyP99', label: 'p99', color: COLORS.rose },
  ];
  const poolSeries: Series[] = [
    { key: 'poolActive', label: 'Active', color: COLORS.sky },
    { key: 'poolIdle', label: 'Idle', color: COLORS.emerald },
    { key: 'poolWaiting', label: 'Waiting', color: COLORS.amber },
    { key: 'poolMax', label: 'Max', color: COLORS.zinc, dashed: true },
  ];
  const cacheSeries: Series[] = [
    { key: 'cacheResponse', label: 'Response', color: COLORS.sky },
    { key: 'cacheSession', label: 'Session', color: COLORS.violet },
    { key: 'cacheEmbedding', label: 'Embedding', color: COLORS.emerald },
  ];
  const llmSeries: Series[] = [
    { key: 'llmP50', label: 'LLM p50', color: COLORS.indigo },
    { key: 'llmP95', label: 'LLM p95', color: COLORS.violet },
    { key: 'ttftP50', label: 'First token p50', color: COLORS.emerald, dashed: true },
    { key: 'ttftP95', label: 'First token p95', color: COLORS.amber, dashed: true },
  ];
  const tokenSeries: Series[] = [
    { key: 'tokensIn', label: 'Input', color: COLORS.sky },
    { key: 'tokensOut', label: 'Output', color: COLORS.violet },
  ];

  const lines = (series: Series[]) =>
    series.map((item) => (
      <Line
        key={item.key}
        dataKey={item.key}
        name={item.label}
        type="monotone"
        stroke={item.color}
        strokeWidth={2}
        strokeDasharray={item.dashed ? '5 4' : undefined}
        dot={sparseDot(rows, item.key, item.color)}
        activeDot={{ r: 4 }}
        connectNulls={false}
        {...STILL}
      />
    ));

  const cacheLatest = (key: keyof ChartRow, label: string) => {
    const value = latest(rows, (row) => row[key] as number | null);
    return value == null ? null : `${label} ${formatPercent(value)}`;
  };

  return (
    <div className="grid gap-4 md:grid-cols-2">
      <ChartCard
        name="requests"
        title="Request rate"
        unit="req/s"
        summary={`${formatRate(last?.requestsPerSecond)} req/s now`}
        series={[{ key: 'requestsPerSecond', label: 'Requests', color: COLORS.sky }]}
        hasData={some}
        emptyText={NO_SAMPLES}
      >
        <AreaChart data={rows} margin={MARGIN}>
          {grid()}
          {timeAxis(rows)}
          {valueAxis(formatAxis)}
          {tooltip((value) => `${formatRate(value)} req/s`)}
          <Area
            dataKey="requestsPerSecond"
            name="Requests"
            type="monotone"
            stroke={COLORS.sky}
            strokeWidth={2}
            fill={COLORS.sky}
            fillOpacity={0.15}
            dot={sparseDot(rows, 'requestsPerSecond', COLORS.sky)}
            {...STILL}
          />
        </AreaChart>
      </ChartCard>

      <ChartCard
        name="latency"
        title="Latency"
        unit="ms"
        summary={`p50 ${formatMs(latest(rows, (row) => row.latencyP50))} · p95 ${formatMs(
          latest(rows, (row) => row.latencyP95),
        )} · p99 ${formatMs(latest(rows, (row) => row.latencyP99))}`}
        series={latencySeries}
        hasData={hasAny(rows, ['latencyP50', 'latencyP95', 'latencyP99'])}
        emptyText={some ? 'No requests were answered in the last hour.' : NO_SAMPLES}
      >
        <LineChart data={rows} margin={MARGIN}>
          {grid()}
          {timeAxis(rows)}
          {valueAxis(formatAxisMs)}
          {tooltip(formatMs)}
          {lines(latencySeries)}
        </LineChart>
      </ChartCard>

      <ChartCard
        name="errors"
        title="Error rate"
        unit="% of requests answered 5xx"
        summary={`${formatPercent(last?.errorPercent)} now`}
        series={[{ key: 'errorPercent', label: 'Errors', color: COLORS.rose }]}
        hasData={some}
        emptyText={NO_SAMPLES}
      >
        <AreaChart data={rows} margin={MARGIN}>
          {grid()}
          {timeAxis(rows)}
          {valueAxis((value) => `${formatAxis(value)}%`, [0, (max: number) => Math.max(max, 1)])}
          {tooltip(formatPercent)}
          <Area
            dataKey="errorPercent"
            name="Errors"
            type="monotone"
            stroke={COLORS.rose}
            strokeWidth={2}
            fill={COLORS.rose}
            fillOpacity={0.15}
            dot={sparseDot(rows, 'errorPercent', COLORS.rose)}
            {...STILL}
          />
        </AreaChart>
      </ChartCard>

      <ChartCard
        name="pool"
        title="Database pool"
        unit="connections"
        summary={
          last
            ? `${last.poolActive} active · ${last.poolIdle} idle · ${last.poolWaiting} waiting of ${last.poolMax}`
            : ''
        }
        series={poolSeries}
        hasData={some}
        emptyText={NO_SAMPLES}
      >
        <ComposedChart data={rows} margin={MARGIN}>
          {grid()}
          {timeAxis(rows)}
          {valueAxis(formatAxis, [0, 'auto'], false)}
          {tooltip(formatInteger)}
          <Area dataKey="poolActive" name="Active" stackId="pool" type="stepAfter" stroke={COLORS.sky} fill={COLORS.sky} fillOpacity={0.25} {...STILL} />
          <Area dataKey="poolIdle" name="Idle" stackId="pool" type="stepAfter" stroke={COLORS.emerald} fill={COLORS.emerald} fillOpacity={0.2} {...STILL} />
          <Line dataKey="poolWaiting" name="Waiting" type="stepAfter" stroke={COLORS.amber} strokeWidth={2} dot={false} {...STILL} />
          <Line dataKey="poolMax" name="Max" type="stepAfter" stroke={COLORS.zinc} strokeWidth={1.5} strokeDasharray="5 4" dot={false} {...STILL} />
        </ComposedChart>
      </ChartCard>

      <ChartCard
        name="cache"
        title="Cache hit rate"
        unit="%"
        summary={
          [
            cacheLatest('cacheResponse', 'Response'),
            cacheLatest('cacheSession', 'Session'),
            cacheLatest('cacheEmbedding', 'Embedding'),
          ]
            .filter(Boolean)
            .join(' · ') || 'No cache traffic'
        }
        series={cacheSeries}
        hasData={hasAny(rows, ['cacheResponse', 'cacheSession', 'cacheEmbedding'])}
        emptyText={some ? 'No cache lookups in the last hour.' : NO_SAMPLES}
      >
        <LineChart data={rows} margin={MARGIN}>
          {grid()}
          {timeAxis(rows)}
          {valueAxis((value) => `${value}%`, [0, 100])}
          {tooltip(formatPercent)}
          {lines(cacheSeries)}
        </LineChart>
      </ChartCard>

      <ChartCard
        name="llm"
        title="Model latency"
        unit="ms"
        summary={`p95 ${formatMs(latest(rows, (row) => row.llmP95))} · first token p95 ${formatMs(
          latest(rows, (row) => row.ttftP95),
        )}`}
        series={llmSeries}
        hasData={hasAny(rows, ['llmP50', 'llmP95', 'ttftP50', 'ttftP95'])}
        emptyText={
          some
            ? 'No model calls in the last hour. In offline mode answers are quoted from documents, so nothing is timed here.'
            : NO_SAMPLES
        }
      >
        <LineChart data={rows} margin={MARGIN}>
          {grid()}
          {timeAxis(rows)}
          {valueAxis(formatAxisMs)}
          {tooltip(formatMs)}
          {lines(llmSeries)}
        </LineChart>
      </ChartCard>

      <ChartCard
        name="tokens"
        title="Tokens"
        unit="per sample"
        summary={`${formatCompact(rows.reduce((sum, row) => sum + row.tokensIn, 0))} in · ${formatCompact(
          rows.reduce((sum, row) => sum + row.tokensOut, 0),
        )} out this hour`}
        series={tokenSeries}
        hasData={some}
        emptyText={NO_SAMPLES}
      >
        <AreaChart data={rows} margin={MARGIN}>
          {grid()}
          {timeAxis(rows)}
          {valueAxis(formatAxis, [0, 'auto'], false)}
          {tooltip(formatInteger)}
          {tokenSeries.map((item) => (
            <Area
              key={item.key}
              dataKey={item.key}
              name={item.label}
              stackId="tokens"
              type="stepAfter"
              stroke={item.color}
              fill={item.color}
              fillOpacity={0.25}
              {...STILL}
            />
          ))}
        </AreaChart>
      </ChartCard>

      <ChartCard
        name="cost"
        title="Estimated cost"
        unit="USD, cumulative"
        summary={`${formatUsd(last?.costCumulativeUsd ?? 0)} this hour`}
        series={[{ key: 'costCumulativeUsd', label: 'Cumulative cost', color: COLORS.emerald }]}
        hasData={some}
        emptyText={NO_SAMPLES}
      >
        <AreaChart data={rows} margin={MARGIN}>
          {grid()}
          {timeAxis(rows)}
          {valueAxis(formatAxisUsd, [0, (max: number) => Math.max(max, 0.01)])}
          {tooltip(formatUsd, (row) => (
            <p className="mt-1 border-t border-zinc-200 pt-1 text-zinc-500 tabular-nums dark:border-zinc-700 dark:text-zinc-400">
              This sample: {formatUsd(row.costUsd)}
            </p>
          ))}
          <Area
            dataKey="costCumulativeUsd"
            name="Cumulative cost"
            type="monotone"
            stroke={COLORS.emerald}
            strokeWidth={2}
            fill={COLORS.emerald}
            fillOpacity={0.15}
            dot={sparseDot(rows, 'costCumulativeUsd', COLORS.emerald)}
            {...STILL}
          />
        </AreaChart>
      </ChartCard>
    </div>
  );
}
