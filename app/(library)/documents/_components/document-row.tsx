'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { buttonStyles } from '@/app/_components/styles';
import { formatBytes, formatDateTime } from '@/app/_components/format';
import { ProgressBar } from '@/app/_components/uploads/progress-bar';
import { FetchAgainButton, isWebSource } from './fetch-again-button';
import { StatusBadge } from './status-badge';
import { TagEditor } from './tag-editor';
import { isBusy, type DocumentItem } from './types';
import { useInvalidateDocuments } from './use-invalidate-documents';

/** A table cell on wide screens; on phones a labelled line of the document's card. */
function Cell({ label, className = '', children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <td
      role="cell"
      className={`max-md:flex max-md:items-baseline max-md:justify-between max-md:gap-4 max-md:py-1 md:px-4 md:py-3 md:align-top ${className}`}
    >
      <span className="shrink-0 text-xs text-zinc-500 md:hidden dark:text-zinc-400">{label}</span>
      <div className="min-w-0 max-md:text-right">{children}</div>
    </td>
  );
}

/** A stored document; `writable`: the person may re-ingest and delete it (read-only vaults show neither). */
export function DocumentRow({ document: doc, writable }: { document: DocumentItem; writable: boolean }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateDocuments();
  const [confirming, setConfirming] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  const remove = useMutation(trpc.documents.delete.mutationOptions({ onSuccess: () => invalidate() }));
  const reingest = useMutation(trpc.documents.reingest.mutationOptions({ onSuccess: () => invalidate() }));
  const stop = useMutation(trpc.documents.cancel.mutationOptions({ onSuccess: () => invalidate() }));

  // Opening the confirmation focuses its safe choice; closing it hands focus back to the Delete button.
  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      deleteButton.current?.focus();
    }
  }, [confirming]);

  const cancel = () => {
    returnFocus.current = true;
    setConfirming(false);
    remove.reset();
  };

  const busy = isBusy(doc.status);
  const detail = doc.source && doc.source !== doc.title ? doc.source : doc.mimeType;
  const actionError = remove.error ?? reingest.error ?? stop.error;

  return (
    <tr
      role="row"
      data-testid="document-row"
      data-status={doc.status}
      data-title={doc.title}
      data-document-id={doc.id}
      aria-busy={remove.isPending || undefined}
      className={`transition-opacity max-md:block max-md:rounded-lg max-md:border max-md:border-zinc-200 max-md:bg-white max-md:p-4 max-md:dark:border-zinc-800 max-md:dark:bg-zinc-900 ${
        remove.isPending ? 'opacity-50' : ''
      }`}
    >
      <td role="cell" className="max-md:block max-md:pb-2 md:min-w-44 md:px-4 md:py-3 md:align-top">
        {/* `anywhere`: a title without spaces (a long file name) wraps too, instead of widening the table or card. */}
        <a
          href={`/documents/${doc.id}`}
          className="line-clamp-3 font-medium [overflow-wrap:anywhere] underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100"
          title={doc.title.length > 120 ? doc.title : undefined}
        >
          {doc.title}
        </a>
        {detail && (
          <p className="truncate text-xs text-zinc-500 md:max-w-72 dark:text-zinc-400" title={detail}>
            {detail}
          </p>
        )}
        {(doc.tags.length > 0 || writable) && (
          <div className="mt-1.5">
            <TagEditor documentId={doc.id} title={doc.title} tags={doc.tags} writable={writable} />
          </div>
        )}
      </td>
      <Cell label="Vault" className="md:max-w-40">
        <span className="block truncate" title={doc.vaultName}>
          {doc.vaultName}
        </span>
      </Cell>
      <Cell label="Status" className="md:w-44">
        <div className="flex flex-col items-start gap-1.5 max-md:items-end">
          <StatusBadge status={doc.status} />
          {busy && (
            <div className="w-32 md:w-full">
              <ProgressBar
                value={doc.progress}
                label={`Processing ${doc.title}`}
                tone="active"
                valueText={doc.status === 'queued' ? 'Queued' : `${Math.round(doc.progress)}% processed`}
              />
            </div>
          )}
          {doc.status === 'failed' && doc.error && (
            <p data-testid="document-error" className="text-xs break-words text-red-700 dark:text-red-400">
              {doc.error}
            </p>
          )}
        </div>
      </Cell>
      <Cell label="Size" className="tabular-nums md:whitespace-nowrap">
        {formatBytes(doc.sizeBytes)}
      </Cell>
      <Cell label="Chunks" className="tabular-nums md:text-right">
        <span data-testid="document-chunks">{doc.chunkCount}</span>
      </Cell>
      <Cell label="Added" className="md:min-w-28">
        <time dateTime={doc.createdAt.toISOString()} className="text-zinc-600 dark:text-zinc-400">
          {formatDateTime(doc.createdAt)}
        </time>
      </Cell>
      <td
        role="cell"
        className="max-md:mt-3 max-md:flex max-md:flex-col max-md:items-end max-md:border-t max-md:border-zinc-200 max-md:pt-3 md:px-4 md:py-3 md:text-right md:align-top max-md:dark:border-zinc-800"
      >
        {confirming ? (
          <div
            role="group"
            aria-label={`Confirm deleting ${doc.title}`}
            className="inline-flex flex-wrap items-center justify-end gap-2"
            onKeyDown={(event) => {
              if (event.key === 'Escape') cancel();
            }}
          >
            <span className="text-sm text-zinc-700 dark:text-zinc-300">Delete?</span>
            <button
              type="button"
              className={buttonStyles.danger}
              disabled={remove.isPending}
              onClick={() => remove.mutate({ id: doc.id })}
            >
              {remove.isPending ? 'Deleting…' : 'Yes, delete'}
              <span className="sr-only"> {doc.title}</span>
            </button>
            <button
              ref={cancelButton}
              type="button"
              className={buttonStyles.secondary}
              disabled={remove.isPending}
              onClick={cancel}
            >
              Cancel
            </button>
          </div>
        ) : writable ? (
          <div className="inline-flex items-center justify-end gap-1 md:whitespace-nowrap">
            {isWebSource(doc.source) && <FetchAgainButton documentId={doc.id} title={doc.title} disabled={busy} onFetched={() => void invalidate()} />}
            {busy ? (
              <button
                type="button"
                className={buttonStyles.quiet}
                disabled={stop.isPending}
                title="Stop reading this document; it can be retried later"
                onClick={() => stop.mutate({ id: doc.id })}
              >
                {stop.isPending ? 'Cancelling…' : 'Cancel'}
                <span className="sr-only"> processing of {doc.title}</span>
              </button>
            ) : (
              <button
                type="button"
                className={buttonStyles.quiet}
                disabled={reingest.isPending}
                title="Process the stored original again"
                onClick={() => reingest.mutate({ id: doc.id })}
              >
                {reingest.isPending ? 'Starting…' : doc.status === 'failed' ? 'Retry' : 'Re-ingest'}
                <span className="sr-only"> {doc.title}</span>
              </button>
            )}
            <button
              ref={deleteButton}
              type="button"
              className={buttonStyles.quietDanger}
              onClick={() => {
                reingest.reset();
                stop.reset();
                setConfirming(true);
              }}
            >
              Delete<span className="sr-only"> {doc.title}</span>
            </button>
          </div>
        ) : (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">Read only</span>
        )}
        {actionError && (
          <p role="alert" className="mt-1 text-xs text-red-700 md:max-w-56 md:text-right md:ml-auto dark:text-red-400">
            {actionError.message}
          </p>
        )}
      </td>
    </tr>
  );
}
