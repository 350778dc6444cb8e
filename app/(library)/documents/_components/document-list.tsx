'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/app/_trpc/react';
import { DocumentRow } from './document-row';
import { buttonStyles } from '@/app/_components/styles';
import { LibraryEmpty } from './library-empty';
import { LibraryPagination } from './library-pagination';
import { LibraryToolbar } from './library-toolbar';
import type { VaultItem } from './types';
import { SORTS, useLibraryView } from './use-library-view';
import { canWrite } from './vault-access';

/** While anything is queued or processing the list refreshes every second; then it goes quiet. */
const POLL_MS = 1000;
/** Rows a browser lays out at once without a stutter, phones included. */
const PAGE_SIZE = 50;

const COLUMNS = ['Document', 'Vault', 'Status', 'Size', 'Chunks', 'Added'] as const;

/**
 * The library: what the person may read, searched, filtered, sorted and paged on the server, the view kept in the
 * URL. `onAdd` takes them to adding documents (into the vault they are looking at, when it has one).
 */
export function DocumentList({ vaults, onAdd }: { vaults: VaultItem[]; onAdd: (vaultId: string | null) => void }) {
  const trpc = useTRPC();
  const { view, change } = useLibraryView();
  const searching = Boolean(view.q.trim() || view.status || view.type || view.tag);
  const documents = useQuery({
    ...trpc.documents.library.queryOptions({
      search: view.q.trim() || undefined,
      vaultId: view.vault ?? undefined,
      status: view.status ?? undefined,
      type: view.type ?? undefined,
      tag: view.tag ?? undefined,
      sort: view.sort,
      page: view.page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => {
      const counts = query.state.data?.statusCounts;
      return counts && counts.queued + counts.processing > 0 ? POLL_MS : false;
    },
  });

  const result = documents.data;
  const rows = result?.items ?? [];
  const processing = result ? result.statusCounts.queued + result.statusCounts.processing : 0;
  const vault = vaults.find((candidate) => candidate.id === view.vault);
  const sortLabel = SORTS.find((sort) => sort.value === view.sort)?.label.toLowerCase();

  return (
    <section aria-labelledby="documents-heading" className="space-y-4">
      <div>
        <h2 id="documents-heading" className="text-lg font-semibold">
          Your documents
        </h2>
        {result && (
          <p className="text-sm text-zinc-500 dark:text-zinc-400" aria-live="polite" data-testid="documents-count">
            {result.total === 1 ? '1 document' : `${result.total.toLocaleString()} documents`}
            {searching && ' found'}
            {processing > 0 && ` · ${processing.toLocaleString()} processing`}
          </p>
        )}
      </div>

      <LibraryToolbar view={view} change={change} vaults={vaults} statusCounts={result?.statusCounts} />

      {documents.isPending ? (
        <LoadingRows />
      ) : documents.isError && !result ? (
        <div
          role="alert"
          className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          <span>Couldn&rsquo;t load your documents: {documents.error.message}</span>
          <button type="button" className={buttonStyles.secondary} onClick={() => void documents.refetch()}>
            Retry
          </button>
        </div>
      ) : rows.length === 0 && result && result.total > 0 ? (
        // A page past the end (a link kept while documents were deleted): back to the last one that has rows.
        <div data-testid="documents-empty" className="rounded-lg border border-dashed border-zinc-300 px-6 py-8 text-center text-sm dark:border-zinc-700">
          <p>There is no page {view.page} any more.</p>
          <button type="button" className={`${buttonStyles.secondary} mt-3`} onClick={() => change({ page: result.pageCount })}>
            Go to page {result.pageCount}
          </button>
        </div>
      ) : rows.length === 0 ? (
        <LibraryEmpty
          filtered={searching}
          vault={vault}
          onAdd={() => onAdd(vault?.id ?? null)}
          onClear={() => change({ q: '', status: null, type: null, tag: null })}
        />
      ) : (
        <>
          {documents.isError && (
            <p role="alert" className="flex flex-wrap items-center gap-2 text-sm text-amber-800 dark:text-amber-300">
              Couldn&rsquo;t refresh the list: {documents.error.message}.
              <button type="button" className="underline underline-offset-2" onClick={() => void documents.refetch()}>
                Retry
              </button>
            </p>
          )}
          <div className="md:overflow-hidden md:rounded-lg md:border md:border-zinc-200 md:bg-white md:dark:border-zinc-800 md:dark:bg-zinc-900">
            <table
              role="table"
              className={`w-full text-left text-sm max-md:block transition-opacity ${
                documents.isPlaceholderData ? 'opacity-60' : ''
              }`}
            >
              <caption className="sr-only">Documents, {sortLabel}</caption>
              <thead role="rowgroup" className="max-md:hidden">
                <tr role="row" className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950/40">
                  {COLUMNS.map((column) => (
                    <th
                      key={column}
                      role="columnheader"
                      scope="col"
                      className={`px-4 py-2 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400 ${
                        column === 'Chunks' ? 'text-right' : ''
                      }`}
                    >
                      {column}
                    </th>
                  ))}
                  <th role="columnheader" scope="col" className="px-4 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody
                role="rowgroup"
                className="max-md:block max-md:space-y-3 md:divide-y md:divide-zinc-200 md:dark:divide-zinc-800"
              >
                {rows.map((doc) => (
                  <DocumentRow key={doc.id} document={doc} writable={canWrite(vaults.find((vault) => vault.id === doc.vaultId))} />
                ))}
              </tbody>
            </table>
          </div>
          {result && (
            <LibraryPagination
              page={view.page}
              pageCount={result.pageCount}
              pageSize={result.pageSize}
              total={result.total}
              onPage={(page) => {
                change({ page });
                document.getElementById('documents-heading')?.scrollIntoView({ block: 'start' });
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function LoadingRows() {
  return (
    <div role="status" aria-live="polite" className="space-y-2" data-testid="documents-loading">
      <span className="sr-only">Loading documents…</span>
      {[0, 1, 2].map((index) => (
        <div
          key={index}
          aria-hidden
          className="h-14 rounded-lg bg-zinc-200/70 motion-safe:animate-pulse dark:bg-zinc-800/70"
        />
      ))}
    </div>
  );
}
