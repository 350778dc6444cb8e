'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { DocumentRow } from './document-row';
import { buttonStyles, inputStyles } from '@/app/_components/styles';
import { isBusy, type VaultItem } from './types';
import { canWrite, vaultLabel } from './vault-access';

/** While anything is queued or processing the list refreshes every second; then it goes quiet. */
const POLL_MS = 1000;

const COLUMNS = ['Document', 'Vault', 'Status', 'Size', 'Chunks', 'Added'] as const;

export function DocumentList({ vaults }: { vaults: VaultItem[] }) {
  const trpc = useTRPC();
  const filterId = useId();
  const [vaultFilter, setVaultFilter] = useState('');
  const documents = useQuery({
    ...trpc.documents.list.queryOptions(vaultFilter ? { vaultId: vaultFilter } : undefined),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.some((doc) => isBusy(doc.status)) ? POLL_MS : false),
  });

  const rows = documents.data ?? [];
  const processing = rows.filter((doc) => isBusy(doc.status)).length;

  return (
    <section aria-labelledby="documents-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="documents-heading" className="text-lg font-semibold">
            Your documents
          </h2>
          {documents.data && (
            <p className="text-sm text-zinc-500 dark:text-zinc-400" aria-live="polite">
              {rows.length === 1 ? '1 document' : `${rows.length} documents`}
              {processing > 0 && ` · ${processing} processing`}
            </p>
          )}
        </div>
        {vaults.length > 1 && (
          <div className="flex items-center gap-2">
            <label htmlFor={filterId} className="text-sm text-zinc-600 dark:text-zinc-400">
              Show
            </label>
            <select
              id={filterId}
              value={vaultFilter}
              onChange={(event) => setVaultFilter(event.target.value)}
              className={`${inputStyles} min-w-40`}
            >
              <option value="">All vaults</option>
              {vaults.map((vault) => (
                <option key={vault.id} value={vault.id}>
                  {vaultLabel(vault)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>

      {documents.isPending ? (
        <LoadingRows />
      ) : documents.isError && !documents.data ? (
        <div
          role="alert"
          className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          <span>Couldn&rsquo;t load your documents: {documents.error.message}</span>
          <button type="button" className={buttonStyles.secondary} onClick={() => void documents.refetch()}>
            Retry
          </button>
        </div>
      ) : rows.length === 0 ? (
        <div
          data-testid="documents-empty"
          className="rounded-lg border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700"
        >
          <p className="font-medium">{vaultFilter ? 'No documents in this vault' : 'No documents yet'}</p>
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
            Upload files or paste text above; they appear here and are ready to chat with in moments.
          </p>
        </div>
      ) : (
        <>
          {documents.isError && (
            <p
              role="alert"
              className="flex flex-wrap items-center gap-2 text-sm text-amber-800 dark:text-amber-300"
            >
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
              <caption className="sr-only">Documents, newest first</caption>
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
