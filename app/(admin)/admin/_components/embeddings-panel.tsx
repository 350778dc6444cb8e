'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { buttonStyles } from '@/app/_components/styles';
import { useTRPC } from '@/app/_trpc/react';
import { QueryProblem } from './query-problem';

const RUNNING_POLL_MS = 2_000;
const IDLE_POLL_MS = 30_000;

/**
 * The embedding model the library's vectors are in, the one EMBEDDING_MODEL asks for, and a re-embed with any
 * model this server can use. Searches keep using the current vectors until a re-embed is complete.
 */
export function EmbeddingsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery({
    ...trpc.embeddings.status.queryOptions(),
    refetchInterval: (query) => (query.state.data?.job?.status === 'running' ? RUNNING_POLL_MS : IDLE_POLL_MS),
  });
  const start = useMutation(
    trpc.embeddings.startReembed.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.embeddings.pathKey() }),
    }),
  );
  const data = status.data;
  const running = data?.job?.status === 'running' ? data.job : null;

  return (
    <section aria-labelledby="embeddings-heading" className="space-y-3" data-testid="embeddings-panel">
      <div>
        <h2 id="embeddings-heading" className="text-lg font-semibold">
          Embeddings
        </h2>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          Re-embedding computes every passage&rsquo;s vector with another model in the background; searches use the
          current vectors until all the new ones are ready, then switch at once.
        </p>
      </div>
      {status.error && <QueryProblem what="the embedding models" query={status} stale={Boolean(data)} />}
      {data && (
        <>
          <p className="text-sm" data-testid="active-embedding-model">
            The library is in <strong>{data.activeModel}</strong>
            {data.configuredModel !== data.activeModel && (
              <>
                {' '}
                (EMBEDDING_MODEL asks for <strong>{data.configuredModel}</strong>)
              </>
            )}
            .
          </p>
          {running && (
            <p role="status" className="text-sm" data-testid="reembed-status">
              Re-embedding with <strong>{running.model}</strong>: {running.done.toLocaleString()} of {running.total.toLocaleString()} passages.
            </p>
          )}
          {data.job?.status === 'failed' && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              The last re-embed, with {data.job.model}, failed: {data.job.error}
            </p>
          )}
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
            {data.models.map((m) => (
              <li key={m.model} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                <span>
                  <span className="font-medium">{m.model}</span>{' '}
                  <span className="text-zinc-500 dark:text-zinc-400">
                    {m.provider === 'offline' ? 'offline' : 'model server'}, {m.dimensions} dimensions
                  </span>
                </span>
                <button
                  type="button"
                  className={buttonStyles.secondary}
                  disabled={m.model === data.activeModel || running !== null || start.isPending}
                  onClick={() => start.mutate({ model: m.model })}
                >
                  {m.model === data.activeModel ? 'In use' : `Re-embed with ${m.model}`}
                </button>
              </li>
            ))}
          </ul>
          {start.error && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {start.error.message}
            </p>
          )}
        </>
      )}
    </section>
  );
}
