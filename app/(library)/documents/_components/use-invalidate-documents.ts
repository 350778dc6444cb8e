'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '@/app/_trpc/react';

/** After anything that adds, changes or removes documents: refetch the list and the vaults' counts. */
export function useInvalidateDocuments() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.documents.list.pathFilter()),
        queryClient.invalidateQueries(trpc.documents.library.pathFilter()),
        queryClient.invalidateQueries(trpc.vaults.list.pathFilter()),
      ]),
    [queryClient, trpc],
  );
}
