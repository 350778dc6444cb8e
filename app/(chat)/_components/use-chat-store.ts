'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { ChatStore, type FinishedEvent } from './chat-store';

/** This tab's live chats, one store for the page's lifetime. */
export function useChatStore(): ChatStore {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  const onFinished = useCallback(
    ({ sessionId }: FinishedEvent) => {
      // Titles are derived from the first question on the server, and every turn moves a conversation up.
      void queryClient.invalidateQueries(trpc.sessions.history.pathFilter());
      void queryClient.invalidateQueries(trpc.sessions.get.queryFilter({ id: sessionId }));
    },
    [queryClient, trpc],
  );
  const [store] = useState(() => new ChatStore((event) => onFinished(event)));
  return store;
}
