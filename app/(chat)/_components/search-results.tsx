'use client';

import { formatDateTime } from '@/app/_components/format';
import type { useConversationSearch } from './use-conversation-search';
import { LoadOlder } from './load-older';
import { UNTITLED } from './session-item';

type Search = ReturnType<typeof useConversationSearch>;

/**
 * Conversations matching the search, most recently active first: the title, then the passage that matched with
 * the words marked. Choosing one opens it; the search stays, for the next one.
 */
export function SearchResults({ search, activeId, onOpen }: { search: Search; activeId: string; onOpen: (id: string) => void }) {
  const { results, hits } = search;
  const waiting = results.isPending || search.search !== search.text.trim();

  if (results.isError && !results.data) {
    return (
      <div role="alert" className="space-y-2 px-2 pt-2 text-sm text-red-800 dark:text-red-300">
        <p>Couldn&rsquo;t search your conversations: {results.error.message}</p>
        <button type="button" className="underline underline-offset-2" onClick={() => void results.refetch()}>
          Retry
        </button>
      </div>
    );
  }

  return (
    <section aria-label="Search results" aria-busy={waiting || undefined} className="pt-1">
      <p role="status" className="px-3 pb-2 text-xs text-zinc-500 dark:text-zinc-400" data-testid="search-summary">
        {results.isPending
          ? 'Searching…'
          : hits.length === 0
            ? `No conversation mentions “${search.search}”.`
            : `${hits.length}${results.hasNextPage ? '+' : ''} ${hits.length === 1 ? 'conversation' : 'conversations'} found`}
      </p>
      <ul className={`space-y-0.5 transition-opacity ${waiting && !results.isPending ? 'opacity-60' : ''}`}>
        {hits.map((hit) => {
          const title = hit.title?.trim() || UNTITLED;
          const active = hit.id === activeId;
          return (
            <li key={hit.id} data-testid="search-hit" data-session-id={hit.id} data-title={title}>
              <a
                href={`/?session=${encodeURIComponent(hit.id)}`}
                aria-current={active ? 'page' : undefined}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
                  event.preventDefault();
                  onOpen(hit.id);
                }}
                className={`block rounded-lg px-3 py-2 text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100 ${
                  active ? 'bg-zinc-200/80 dark:bg-zinc-800' : 'hover:bg-zinc-200/50 dark:hover:bg-zinc-800/60'
                }`}
              >
                <span className="block truncate font-medium text-zinc-800 dark:text-zinc-200">{title}</span>
                {hit.snippet && (
                  <span data-testid="search-snippet" className="mt-0.5 line-clamp-3 text-xs break-words text-zinc-600 dark:text-zinc-400">
                    {hit.snippet.map((part, index) =>
                      part.match ? (
                        <mark key={index} className="rounded-sm bg-amber-200 px-0.5 text-zinc-900 dark:bg-amber-400/30 dark:text-amber-100">
                          {part.text}
                        </mark>
                      ) : (
                        <span key={index}>{part.text}</span>
                      ),
                    )}
                  </span>
                )}
                <time dateTime={new Date(hit.lastActiveAt).toISOString()} className="mt-0.5 block text-[11px] text-zinc-500 dark:text-zinc-400">
                  {formatDateTime(hit.lastActiveAt)}
                </time>
              </a>
            </li>
          );
        })}
      </ul>
      <LoadOlder
        hasMore={Boolean(results.hasNextPage)}
        loading={results.isFetchingNextPage}
        error={results.isFetchNextPageError ? results.error.message : null}
        onLoad={() => void results.fetchNextPage()}
        label="Show more results"
      />
    </section>
  );
}
