'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/app/_trpc/react';
import type { ChatStore } from './chat-store';
import { useSessionListCache } from './use-conversation-list';

/**
 * Rename shows the new title at once and puts the old one back if the server refuses. Delete forgets the
 * conversation everywhere in this tab; deleting the open one calls `onActiveDeleted`.
 */
export function useConversationMutations({
  store,
  activeId,
  onActiveDeleted,
}: {
  store: ChatStore;
  activeId: string;
  onActiveDeleted: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cache = useSessionListCache();
  const renameMutation = useMutation(trpc.sessions.rename.mutationOptions());
  const deleteMutation = useMutation(trpc.sessions.delete.mutationOptions());

  const rename = async (id: string, title: string) => {
    const previous = cache.snapshot();
    cache.update((list) => list.map((item) => (item.id === id ? { ...item, title } : item)));
    try {
      await renameMutation.mutateAsync({ id, title });
    } catch (error) {
      cache.restore(previous);
      throw error;
    } finally {
      cache.refetch();
    }
  };

  const remove = async (id: string) => {
    await deleteMutation.mutateAsync({ id });
    store.remove(id);
    cache.update((list) => list.filter((item) => item.id !== id));
    queryClient.removeQueries(trpc.sessions.get.queryFilter({ id }));
    if (id === activeId) onActiveDeleted();
    cache.refetch();
  };

  return { rename, remove };
}
