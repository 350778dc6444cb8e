'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/app/_trpc/react';
import { ErrorMessage } from './error-message';

function Row({ label, value, testId }: { label: string; value: React.ReactNode; testId: string }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-2">
      <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="text-right text-sm font-medium" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** Live health of the system: database, models, version. Polls so an outage shows without a reload. */
export function SystemStatus() {
  const trpc = useTRPC();
  const health = useQuery({ ...trpc.health.get.queryOptions(), refetchInterval: 10_000 });

  if (health.isPending) return <p className="text-sm text-zinc-500">Checking the system…</p>;
  if (health.isError) {
    return <ErrorMessage what="Docent’s server is not answering" error={health.error} onRetry={() => void health.refetch()} />;
  }

  const report = health.data;
  const healthy = report.status === 'ok';
  return (
    <section aria-labelledby="system-status" className="space-y-4">
      <div className="flex items-center gap-3">
        <span
          aria-hidden
          className={`inline-block size-2.5 rounded-full ${healthy ? 'bg-emerald-500' : 'bg-amber-500'}`}
        />
        <h2 id="system-status" className="text-base font-semibold">
          System <span data-testid="health-status">{healthy ? 'healthy' : 'degraded'}</span>
        </h2>
      </div>
      <dl className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white px-4 dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        <Row
          label="Database"
          testId="health-database"
          value={`${report.database.driver === 'pglite' ? 'Embedded (PGlite)' : 'PostgreSQL'} · ${
            report.database.status === 'up' ? `up, ${report.database.latencyMs} ms` : 'unreachable'
          }`}
        />
        <Row
          label="Answers"
          testId="health-chat"
          value={report.providers.offline ? 'Offline extractive answerer' : report.providers.chat.model}
        />
        <Row
          label="Embeddings"
          testId="health-embedding"
          value={`${report.providers.embedding.model} (${report.providers.embedding.dimensions} dims)`}
        />
        <Row label="Version" testId="health-version" value={report.version} />
      </dl>
    </section>
  );
}
