'use client';

import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';

const DEBOUNCE_MS = 250;

/** Search over the person's conversations as they type: asked once typing pauses, the last results kept meanwhile. */
export function useConversationSearch() {
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const [asked, setAsked] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setAsked(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const search = asked;
  const results = useInfiniteQuery({
    ...trpc.sessions.search.infiniteQueryOptions({ search, limit: 30 }, { getNextPageParam: (page) => page.nextCursor }),
    enabled: search.length > 0,
    placeholderData: keepPreviousData,
  });

  return {
    text,
    setText,
    /** Searching at all: the sidebar shows results instead of the history. */
    active: text.trim().length > 0,
    /** What the shown results are for. */
    search,
    results,
    hits: results.data?.pages.flatMap((page) => page.items) ?? [],
  };
}
