'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/app/_trpc/react';

const RUNNING_POLL_MS = 2_000;
const IDLE_POLL_MS = 30_000;

/**
 * While the library is re-embedded with another model (EMBEDDING_MODEL changed, or an administrator asked), how
 * far it has got, and that searches keep using the old vectors until it is complete. Nothing otherwise.
 */
export function ReembedProgress() {
  const trpc = useTRPC();
  const progress = useQuery({
    ...trpc.embeddings.progress.queryOptions(),
    refetchInterval: (query) => (query.state.data?.job?.status === 'running' ? RUNNING_POLL_MS : IDLE_POLL_MS),
  });
  const job = progress.data?.job;
  if (!job || job.status !== 'running') return null;
  return (
    <section
      data-testid="reembed-progress"
      aria-label="Re-embedding the library"
      className="space-y-2 rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100"
    >
      <p role="status">
        Re-embedding the library with <strong>{job.model}</strong>: {job.percent}% done. Searches use{' '}
        <strong>{job.fromModel}</strong> until every passage has its new vector.
      </p>
      <div
        role="progressbar"
        aria-label="Re-embedding progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={job.percent}
        className="h-2 overflow-hidden rounded-full bg-sky-100 dark:bg-sky-900"
      >
        <div className="h-full rounded-full bg-sky-600 transition-[width] dark:bg-sky-400" style={{ width: `${job.percent}%` }} />
      </div>
    </section>
  );
}
