'use client';

import { useMemo } from 'react';
import type { MetricsPoint } from '@/server/metrics/history';
import { formatInteger } from './format';
import { MetricCharts } from './metric-charts';
import { toChartRows } from './metrics-data';
import { LoadingBlocks, QueryProblem } from './query-problem';
import { StatCards } from './stat-cards';

interface MetricsQuery {
  data: { points: MetricsPoint[]; intervalSeconds: number } | undefined;
  isPending: boolean;
  error: { message: string; data?: { code?: string } | null } | null;
  refetch: () => unknown;
}

/** Stat cards and the last hour of charts. */
export function MetricsSection({ metrics }: { metrics: MetricsQuery }) {
  const points = metrics.data?.points;
  const interval = metrics.data?.intervalSeconds;
  const rows = useMemo(() => toChartRows(points ?? [], interval ?? 10), [points, interval]);

  return (
    <section aria-labelledby="metrics-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="metrics-heading" className="text-lg font-semibold">
          Last hour
        </h2>
        {interval != null && (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            {points?.length === 1 ? '1 sample' : `${formatInteger(points?.length ?? 0)} samples`}, one every {interval} s,
            each over the minute before it
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
          <MetricCharts rows={rows} />
        </>
      ) : null}
    </section>
  );
}
