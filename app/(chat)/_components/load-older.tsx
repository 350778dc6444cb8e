'use client';

import { useEffect, useRef } from 'react';

/**
 * The end of a paged list: fetches the next page as it scrolls into view (an IntersectionObserver on the list's
 * scroll container), and is a button too, for keyboards and for anyone who would rather click.
 */
export function LoadOlder({
  hasMore,
  loading,
  error,
  onLoad,
  label,
  doneLabel,
}: {
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  onLoad: () => void;
  label: string;
  /** Said once everything is loaded; nothing when absent. */
  doneLabel?: string;
}) {
  const button = useRef<HTMLButtonElement>(null);
  // The latest callback and state, read by the one observer.
  const latest = useRef({ hasMore, loading, error, onLoad });
  useEffect(() => {
    latest.current = { hasMore, loading, error, onLoad };
  });

  useEffect(() => {
    const target = button.current;
    if (!target) return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        const state = latest.current;
        // After a failure it waits for a click: scrolling must not retry in a loop.
        if (entry?.isIntersecting && state.hasMore && !state.loading && !state.error) state.onLoad();
      },
      { rootMargin: '200px 0px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
    // Observed afresh when a load ends: a new observer reports at once, so an end still in view loads the next page.
  }, [hasMore, loading]);

  if (!hasMore) {
    return doneLabel ? <p className="px-3 py-2 text-xs text-zinc-500 dark:text-zinc-400">{doneLabel}</p> : null;
  }
  return (
    <div className="px-1 py-2">
      {error && (
        <p role="alert" className="px-2 pb-1 text-xs text-red-700 dark:text-red-400">
          Couldn&rsquo;t load more: {error}
        </p>
      )}
      <button
        ref={button}
        type="button"
        data-testid="load-older"
        disabled={loading}
        onClick={onLoad}
        className="w-full rounded-md px-2 py-1.5 text-left text-xs font-medium text-zinc-600 transition-colors hover:bg-zinc-200/60 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 disabled:cursor-wait dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:focus-visible:outline-zinc-100"
      >
        {loading ? 'Loading…' : error ? 'Try again' : label}
      </button>
    </div>
  );
}
