'use client';

import { useRouter } from 'next/navigation';
import { ErrorMessage } from '@/app/_components/error-message';
import { plainErrorMessage } from '@/app/_components/plain-error';
import { buttonStyles } from '@/app/_components/styles';

interface FailedQuery {
  error: { message: string; data?: { code?: string } | null } | null;
  refetch: () => unknown;
}

/**
 * Why a panel has no data: the session ended or lost its admin role (reloading the page sends them to sign in,
 * or explains), or a server error (retry). `stale` is the quieter form shown above data that is still on screen
 * from an earlier refresh.
 */
export function QueryProblem({ what, query, stale = false }: { what: string; query: FailedQuery; stale?: boolean }) {
  const router = useRouter();
  if (!query.error) return null;
  const expired = query.error.data?.code === 'UNAUTHORIZED' || query.error.data?.code === 'FORBIDDEN';

  if (expired) {
    return (
      <div
        role="alert"
        className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
      >
        <span>
          {query.error.data?.code === 'UNAUTHORIZED' ? 'You have been signed out' : 'You are no longer an administrator'}, so {what}{' '}
          can&rsquo;t be shown.
        </span>
        <button type="button" className={buttonStyles.secondary} onClick={() => router.refresh()}>
          Reload
        </button>
      </div>
    );
  }

  if (stale) {
    return (
      <p role="alert" className="flex flex-wrap items-center gap-2 text-sm text-amber-800 dark:text-amber-300">
        Couldn&rsquo;t refresh {what}: {plainErrorMessage(query.error)} Showing the last values.
        <button type="button" className="underline underline-offset-2" onClick={() => void query.refetch()}>
          Retry
        </button>
      </p>
    );
  }

  return <ErrorMessage what={`Couldn’t load ${what}`} error={query.error} onRetry={() => void query.refetch()} />;
}

/** Grey blocks in the shape of what is loading. */
export function LoadingBlocks({ label, count, className }: { label: string; count: number; className: string }) {
  return (
    <div role="status" aria-live="polite" className="contents">
      <span className="sr-only">{label}</span>
      {Array.from({ length: count }, (_, index) => (
        <div key={index} aria-hidden className={`rounded-lg bg-zinc-200/70 motion-safe:animate-pulse dark:bg-zinc-800/70 ${className}`} />
      ))}
    </div>
  );
}
