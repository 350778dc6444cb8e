'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/app/_trpc/react';
import { buttonStyles } from '@/app/_components/styles';
import type { DocumentView } from './types';

/**
 * Cancel while the document is waiting or being read; Retry (from the stored original) once it has failed or been
 * cancelled. The server decides whether the person may change the vault and says so if not.
 */
export function ProcessingActions({ document }: { document: DocumentView['document'] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const refresh = () => {
    router.refresh();
    void queryClient.invalidateQueries(trpc.documentViewer.get.queryFilter({ id: document.id }));
  };
  const stop = useMutation(trpc.documents.cancel.mutationOptions({ onSuccess: refresh }));
  const retry = useMutation(trpc.documents.reingest.mutationOptions({ onSuccess: refresh }));
  const busy = document.status === 'queued' || document.status === 'processing';
  if (!busy && document.status !== 'failed') return null;
  const error = stop.error ?? retry.error;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {busy ? (
        <button type="button" className={buttonStyles.secondary} disabled={stop.isPending} onClick={() => stop.mutate({ id: document.id })}>
          {stop.isPending ? 'Cancelling…' : 'Cancel processing'}
        </button>
      ) : (
        <button type="button" className={buttonStyles.secondary} disabled={retry.isPending} onClick={() => retry.mutate({ id: document.id })}>
          {retry.isPending ? 'Starting…' : 'Retry'}
        </button>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error.message}
        </p>
      )}
    </div>
  );
}
