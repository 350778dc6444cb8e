'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { ChatStore, showServerMessages, type FinishedEvent } from './chat-store';

/** This tab's live chats, one store for the page's lifetime. */
export function useChatStore(): ChatStore {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  const onFinished = useCallback(
    ({ sessionId, chat, isAbort, isError }: FinishedEvent) => {
      // Titles are derived from the first question on the server, and every turn moves a conversation up.
      const refreshed = Promise.all([
        queryClient.invalidateQueries(trpc.sessions.history.pathFilter()),
        queryClient.invalidateQueries(trpc.sessions.get.queryFilter({ id: sessionId })),
      ]);
      // A stored turn comes back with its ids, versions and votes; a failed request keeps its live error instead.
      if (isAbort || isError) return;
      // After the list's refresh, so neither request waits on or replaces the other.
      void refreshed
        .then(() => queryClient.fetchQuery({ ...trpc.sessions.get.queryOptions({ id: sessionId }), staleTime: 0 }))
        .then((conversation) => conversation && showServerMessages(chat, conversation.messages))
        .catch(() => {});
    },
    [queryClient, trpc],
  );
  const [store] = useState(() => new ChatStore((event) => onFinished(event)));
  return store;
}
