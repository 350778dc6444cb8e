'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/app/_trpc/react';
import { buttonStyles } from '@/app/_components/styles';

/** Reads the stored original again, chunked with the vault's current settings (edits to passages are replaced). */
export function ReingestButton({ documentId, busy }: { documentId: string; busy: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const reingest = useMutation(trpc.documents.reingest.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <>
      <button
        type="button"
        className={buttonStyles.secondary}
        disabled={busy || reingest.isPending}
        title="Process the stored original again with the vault's chunking; edited passages are replaced"
        onClick={() => reingest.mutate({ id: documentId })}
      >
        {reingest.isPending ? 'Re-ingesting…' : reingest.isSuccess ? 'Queued for re-ingestion' : 'Re-ingest'}
      </button>
      {reingest.error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {reingest.error.message}
        </span>
      )}
    </>
  );
}
