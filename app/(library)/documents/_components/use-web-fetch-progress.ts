'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { useInvalidateDocuments } from './use-invalidate-documents';

const POLL_MS = 1000;

/** Follows a web fetch until it ends, refreshing the library whenever another page has been stored. */
export function useWebFetchProgress(fetchId: string | null) {
  const trpc = useTRPC();
  const invalidate = useInvalidateDocuments();
  const progress = useQuery({
    ...trpc.webPages.fetchStatus.queryOptions({ id: fetchId ?? '' }),
    enabled: fetchId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'done' || query.state.data?.status === 'failed' ? false : POLL_MS),
  });
  const stored = useRef(0);
  const fetched = progress.data?.pagesFetched ?? 0;
  useEffect(() => {
    if (fetched === stored.current) return;
    stored.current = fetched;
    void invalidate();
  }, [fetched, invalidate]);
  return progress.data ?? null;
}
