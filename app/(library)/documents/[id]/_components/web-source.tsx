'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { formatDateTime } from '@/app/_components/format';
import { buttonStyles, linkStyles } from '@/app/_components/styles';
import { useTRPC } from '@/app/_trpc/react';
import { FetchAgainButton, isWebSource } from '../../_components/fetch-again-button';
import { RefreshInterval } from './refresh-interval';

/** Where a web document came from, when it was last fetched and checked, how often it is fetched again, and "Fetch again" for its writers. */
export function WebSource({ documentId, title, source, canEdit }: { documentId: string; title: string; source: string | null; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const isWeb = isWebSource(source);
  const page = useQuery({ ...trpc.webPages.page.queryOptions({ id: documentId }), enabled: isWeb });
  if (!isWeb || !source) return null;
  const info = page.data;

  return (
    <section aria-label="Web source" data-testid="web-source" className="space-y-2 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <p className="break-all">
        <span className="text-zinc-600 dark:text-zinc-400">From </span>
        <a href={source} className={linkStyles} target="_blank" rel="noopener noreferrer" data-testid="web-source-url">
          {source}
        </a>
      </p>
      {info && (
        <p className="text-zinc-600 dark:text-zinc-400" data-testid="web-source-times">
          Content last changed {formatDateTime(new Date(info.fetchedAt))} · last fetched {formatDateTime(new Date(info.checkedAt))}
        </p>
      )}
      {info && <RefreshInterval documentId={documentId} hours={info.refreshHours} defaultHours={info.defaultRefreshHours} canEdit={canEdit} />}
      {info?.lastError && (
        <p className="text-red-700 dark:text-red-400" data-testid="web-source-error">
          The last fetch failed: {info.lastError}
        </p>
      )}
      {/* Fetching again replaces the document: only its vault's writers may (a reader would be refused). */}
      {canEdit && (
        <FetchAgainButton
          documentId={documentId}
          title={title}
          className={buttonStyles.secondary}
          onFetched={() => {
            void queryClient.invalidateQueries(trpc.webPages.page.queryFilter({ id: documentId }));
            router.refresh();
          }}
        />
      )}
    </section>
  );
}
