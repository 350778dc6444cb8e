'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/app/_trpc/react';

/**
 * Editing and excluding a chunk; afterwards the viewer shows the document again as stored, whether it is the page
 * (rendered on the server: refreshed) or the chat's panel (a query: invalidated).
 */
export function useChunkChanges() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const reload = () => {
    router.refresh();
    return queryClient.invalidateQueries(trpc.documentViewer.get.pathFilter());
  };
  return {
    edit: useMutation(trpc.documentViewer.editChunk.mutationOptions({ onSuccess: reload })),
    exclude: useMutation(trpc.documentViewer.excludeChunk.mutationOptions({ onSuccess: reload })),
  };
}
