'use client';

import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useTRPC } from '@/app/_trpc/react';
import type { ChatStore } from './chat-store';
import { NO_SELECTION, type SessionSummary } from './types';

/** Conversations per page of the sidebar: a screen and a half, so the next page loads before anyone reaches the end. */
const HISTORY_PAGE = { limit: 50 } as const;

type HistoryData = InfiniteData<{ items: SessionSummary[]; nextCursor: string | null }, string | null>;

/** A title from the first question, until the server's own arrives with the list. */
function provisionalTitle(question: string): string {
  const line = question.split('\n')[0]?.trim() ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/**
 * Applies a change of the whole list to the loaded pages, keeping their number and sizes: the next page's
 * cursor stays where the server put it, and a refetch refetches as many pages as were loaded.
 */
function reshape(data: HistoryData, update: (list: SessionSummary[]) => SessionSummary[]): HistoryData {
  const list = update(data.pages.flatMap((page) => page.items));
  let start = 0;
  const pages = data.pages.map((page, index) => {
    const end = index === data.pages.length - 1 ? list.length : start + page.items.length;
    const items = list.slice(start, end);
    start = end;
    return { ...page, items };
  });
  return { ...data, pages };
}

/** The sidebar's loaded pages in the query cache, for changes shown before the server confirms them. */
export function useSessionListCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.sessions.history.infiniteQueryKey(HISTORY_PAGE);
  return {
    snapshot: () => queryClient.getQueryData(key),
    restore: (data: HistoryData | undefined) => queryClient.setQueryData(key, data),
    update: (update: (list: SessionSummary[]) => SessionSummary[]) =>
      queryClient.setQueryData(key, (data) => (data ? reshape(data, update) : data)),
    refetch: () => {
      void queryClient.invalidateQueries(trpc.sessions.history.pathFilter());
      void queryClient.invalidateQueries(trpc.sessions.search.pathFilter());
    },
  };
}

/** The conversations in the sidebar, newest activity first, page by page; `list` is every loaded one. */
export function useConversationList(store: ChatStore) {
  const trpc = useTRPC();
  const sessions = useInfiniteQuery(
    trpc.sessions.history.infiniteQueryOptions(HISTORY_PAGE, { getNextPageParam: (page) => page.nextCursor }),
  );
  const cache = useSessionListCache();
  const list = sessions.data?.pages.flatMap((page) => page.items);

  /** Asking moves a conversation to the top at once; a new one appears there, titled after its question. */
  const recordSend = (sessionId: string, question: string) => {
    const now = new Date();
    cache.update((loaded) => {
      const existing = loaded.find((candidate) => candidate.id === sessionId);
      const moved: SessionSummary = existing
        ? { ...existing, lastActiveAt: now }
        : {
            id: sessionId,
            title: provisionalTitle(question),
            ...(store.get(sessionId)?.selection ?? NO_SELECTION),
            createdAt: now,
            lastActiveAt: now,
          };
      return [moved, ...loaded.filter((candidate) => candidate.id !== sessionId)];
    });
  };

  return { sessions, list, recordSend };
}
