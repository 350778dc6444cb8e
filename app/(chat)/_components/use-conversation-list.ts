'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/app/_trpc/react';
import type { ChatStore } from './chat-store';
import { NO_SELECTION, type SessionSummary } from './types';

/** A title from the first question, until the server's own arrives with the list. */
function provisionalTitle(question: string): string {
  const line = question.split('\n')[0]?.trim() ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** The sidebar's list in the query cache, for changes shown before the server confirms them. */
export function useSessionListCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.sessions.list.queryKey();
  return {
    snapshot: () => queryClient.getQueryData(key),
    restore: (list: SessionSummary[] | undefined) => queryClient.setQueryData(key, list),
    update: (update: (list: SessionSummary[]) => SessionSummary[]) =>
      queryClient.setQueryData(key, (list) => (list ? update(list) : list)),
    refetch: () => void queryClient.invalidateQueries(trpc.sessions.list.queryFilter()),
  };
}

/** The conversations in the sidebar, newest activity first. */
export function useConversationList(store: ChatStore) {
  const trpc = useTRPC();
  const sessions = useQuery(trpc.sessions.list.queryOptions());
  const cache = useSessionListCache();

  /** Asking moves a conversation to the top at once; a new one appears there, titled after its question. */
  const recordSend = (sessionId: string, question: string) => {
    const now = new Date();
    cache.update((list) => {
      const existing = list.find((candidate) => candidate.id === sessionId);
      const moved: SessionSummary = existing
        ? { ...existing, lastActiveAt: now }
        : {
            id: sessionId,
            title: provisionalTitle(question),
            ...(store.get(sessionId)?.selection ?? NO_SELECTION),
            createdAt: now,
            lastActiveAt: now,
          };
      return [moved, ...list.filter((candidate) => candidate.id !== sessionId)];
    });
  };

  return { sessions, recordSend };
}
