'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { buttonStyles } from '@/app/_components/styles';
import { useWebFetchProgress } from './use-web-fetch-progress';

/** Documents whose source is a web address can be fetched again. */
export function isWebSource(source: string | null): boolean {
  return source !== null && /^https?:\/\//i.test(source);
}

/**
 * Fetches a web document again; the content is replaced under the same id when it changed. Says so while the
 * fetch runs, and why when it failed.
 */
export function FetchAgainButton({
  documentId,
  title,
  disabled = false,
  className = buttonStyles.quiet,
  onFetched,
}: {
  documentId: string;
  title: string;
  disabled?: boolean;
  className?: string;
  onFetched?: () => void;
}) {
  const trpc = useTRPC();
  const [fetchId, setFetchId] = useState<string | null>(null);
  const refetch = useMutation(trpc.webPages.refetch.mutationOptions({ onSuccess: (result) => setFetchId(result.fetchId) }));
  const progress = useWebFetchProgress(fetchId);
  const running = refetch.isPending || (fetchId !== null && (progress === null || progress.status === 'queued' || progress.status === 'running'));
  const failure = refetch.error?.message ?? (progress?.status === 'failed' ? progress.error : null);
  const finishedId = progress?.status === 'done' ? progress.id : null;
  useEffect(() => {
    if (finishedId) onFetched?.();
    // Once per finished fetch, not on every new callback identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finishedId]);

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button
        type="button"
        className={className}
        disabled={disabled || running}
        title="Fetch the page from its address again"
        onClick={() => {
          setFetchId(null);
          refetch.mutate({ id: documentId });
        }}
      >
        {running ? 'Fetching…' : 'Fetch again'}
        <span className="sr-only"> {title}</span>
      </button>
      {failure && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {failure}
        </span>
      )}
    </span>
  );
}
