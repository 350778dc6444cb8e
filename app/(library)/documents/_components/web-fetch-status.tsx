'use client';

import type { WebFetchProgress as Progress } from './types';

function summary(progress: Progress): string {
  const pages = (n: number) => `${n} page${n === 1 ? '' : 's'}`;
  const failed = progress.pagesFailed > 0 ? `, ${progress.pagesFailed} could not be fetched` : '';
  if (progress.status === 'failed') return progress.error ?? 'The page could not be fetched.';
  if (progress.status === 'done') return `Done: fetched ${pages(progress.pagesFetched)}${failed}. They are being processed.`;
  if (progress.status === 'queued') return 'Waiting to fetch…';
  return `Fetching: found ${pages(progress.pagesFound)}, fetched ${progress.pagesFetched}${failed}…`;
}

/** A crawl's progress in words, and the pages that failed with their reasons. */
export function WebFetchStatus({ progress }: { progress: Progress | null }) {
  return (
    <div className="space-y-2">
      <p
        role="status"
        data-testid="web-fetch-status"
        data-status={progress?.status}
        className={`text-sm ${progress?.status === 'failed' ? 'text-red-700 dark:text-red-400' : 'text-zinc-700 dark:text-zinc-300'}`}
      >
        {progress ? summary(progress) : null}
      </p>
      {progress && progress.failures.length > 0 && progress.status !== 'failed' && (
        <details className="text-sm text-zinc-600 dark:text-zinc-400">
          <summary className="cursor-pointer">Pages that could not be fetched</summary>
          <ul data-testid="web-fetch-failures" className="mt-1 list-disc space-y-1 pl-5">
            {progress.failures.map((failure) => (
              <li key={failure.url} className="break-all">
                {failure.url}: {failure.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
