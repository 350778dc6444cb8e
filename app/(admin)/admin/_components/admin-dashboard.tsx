'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/app/_trpc/react';
import { FeedbackSection } from './feedback-section';
import { formatClockWithSeconds } from './format';
import { EmbeddingsPanel } from './embeddings-panel';
import { MaintenancePanel } from './maintenance-panel';
import { MetricsSection } from './metrics-section';
import { OverviewPanels } from './overview-section';
import { LoadingBlocks, QueryProblem } from './query-problem';

const METRICS_POLL_MS = 10_000;
const OVERVIEW_POLL_MS = 15_000;

/** The operator's page: live metrics on top, then the database and its maintenance. */
export function AdminDashboard() {
  const trpc = useTRPC();
  const metrics = useQuery({ ...trpc.admin.metrics.queryOptions(), refetchInterval: METRICS_POLL_MS });
  const overview = useQuery({ ...trpc.admin.overview.queryOptions(), refetchInterval: OVERVIEW_POLL_MS });

  const updatedAt = Math.max(metrics.dataUpdatedAt, overview.dataUpdatedAt);
  const refreshing = metrics.isFetching || overview.isFetching;

  return (
    <div className="space-y-10">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="admin-updated">
            <span
              aria-hidden
              className={`mr-1.5 inline-block size-2 rounded-full align-middle ${
                metrics.isError ? 'bg-amber-500' : 'bg-emerald-500'
              } ${refreshing ? 'motion-safe:animate-pulse' : ''}`}
            />
            {updatedAt > 0 ? (
              <>
                Updated <time dateTime={new Date(updatedAt).toISOString()}>{formatClockWithSeconds(updatedAt)}</time>
              </>
            ) : (
              'Loading…'
            )}
            <span className="text-zinc-500 dark:text-zinc-500">
              {' '}
              · metrics every {METRICS_POLL_MS / 1000} s, database every {OVERVIEW_POLL_MS / 1000} s
            </span>
          </p>
        </div>
      </div>

      <MetricsSection metrics={metrics} />

      <section aria-labelledby="database-heading" className="space-y-4">
        <h2 id="database-heading" className="text-lg font-semibold">
          Database
        </h2>
        {overview.error && <QueryProblem what="the database overview" query={overview} stale={Boolean(overview.data)} />}
        {overview.isPending ? (
          <div className="grid gap-4 md:grid-cols-2">
            <LoadingBlocks label="Loading the database overview…" count={2} className="h-40" />
          </div>
        ) : overview.data ? (
          <OverviewPanels overview={overview.data} />
        ) : null}
      </section>

      {overview.data && <MaintenancePanel tasks={overview.data.maintenance} />}
      <EmbeddingsPanel />

      <FeedbackSection />
    </div>
  );
}
