'use client';

import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useId } from 'react';
import { SystemStatusButton } from '@/app/_components/system-status-button';
import { groupByRecency } from './group-by-recency';
import { CloseIcon, PlusIcon } from './icons';
import { LoadOlder } from './load-older';
import { SearchResults } from './search-results';
import { SessionItem } from './session-item';
import { iconButton, inputStyles } from '@/app/_components/styles';
import type { SessionSummary } from './types';
import { useConversationSearch } from './use-conversation-search';

type HistoryQuery = UseInfiniteQueryResult<InfiniteData<{ items: SessionSummary[]; nextCursor: string | null }>, { message: string }>;

/**
 * The conversation history: New chat, a search over titles and what was said, and every conversation grouped by
 * when it was last active, the older ones loaded as the list scrolls to its end.
 */
export function SessionSidebar({
  sessions,
  list,
  activeId,
  now,
  onNewChat,
  onOpen,
  onRename,
  onDelete,
  onClose,
  footer,
}: {
  sessions: HistoryQuery;
  /** Every loaded conversation, newest activity first. */
  list: SessionSummary[];
  activeId: string;
  now: Date;
  onNewChat: () => void;
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => Promise<unknown>;
  onDelete: (id: string) => Promise<unknown>;
  /** Closes the drawer (phones). */
  onClose?: () => void;
  footer?: React.ReactNode;
}) {
  const search = useConversationSearch();
  const searchId = useId();

  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-2 p-3">
        <button
          type="button"
          onClick={onNewChat}
          aria-keyshortcuts="Control+Shift+O Meta+Shift+O"
          className="flex min-w-0 flex-1 items-center gap-2 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm font-medium shadow-sm transition-colors hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800 dark:focus-visible:outline-zinc-100"
        >
          <PlusIcon />
          New chat
          <kbd aria-hidden className="ml-auto hidden font-sans text-[11px] text-zinc-400 md:inline dark:text-zinc-500">Ctrl ⇧ O</kbd>
        </button>
        {onClose && (
          <button type="button" className={`${iconButton} md:hidden`} onClick={onClose}>
            <CloseIcon className="size-5" />
            <span className="sr-only">Close conversations</span>
          </button>
        )}
      </div>

      <div role="search" className="px-3 pb-2">
        <label htmlFor={searchId} className="sr-only">
          Search conversations
        </label>
        <input
          id={searchId}
          type="search"
          value={search.text}
          onChange={(event) => search.setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && search.text) {
              event.stopPropagation();
              search.setText('');
            }
          }}
          placeholder="Search conversations"
          autoComplete="off"
          maxLength={200}
          className={`${inputStyles} w-full`}
        />
      </div>

      <nav aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
        {search.active ? (
          <SearchResults search={search} activeId={activeId} onOpen={onOpen} />
        ) : sessions.isPending ? (
          <div role="status" className="space-y-2 px-1 pt-2" data-testid="sessions-loading">
            <span className="sr-only">Loading conversations…</span>
            {[70, 55, 80, 45, 65].map((width) => (
              <div
                key={width}
                aria-hidden
                className="h-7 rounded-md bg-zinc-200/80 motion-safe:animate-pulse dark:bg-zinc-800/80"
                style={{ width: `${width}%` }}
              />
            ))}
          </div>
        ) : sessions.isError && !sessions.data ? (
          <div role="alert" className="space-y-2 px-2 pt-2 text-sm text-red-800 dark:text-red-300">
            <p>Couldn&rsquo;t load your conversations: {sessions.error.message}</p>
            <button type="button" className="underline underline-offset-2" onClick={() => void sessions.refetch()}>
              Retry
            </button>
          </div>
        ) : list.length === 0 ? (
          <p className="px-3 pt-2 text-sm text-zinc-500 dark:text-zinc-400" data-testid="sessions-empty">
            Your conversations will appear here.
          </p>
        ) : (
          <>
            {groupByRecency(list, now).map((group) => (
              <section key={group.label} aria-label={group.label} className="mt-3 first:mt-1">
                <h2 className="px-3 pb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">{group.label}</h2>
                <ul className="space-y-0.5">
                  {group.items.map((session) => (
                    <SessionItem
                      key={session.id}
                      session={session}
                      active={session.id === activeId}
                      onOpen={onOpen}
                      onRename={onRename}
                      onDelete={onDelete}
                    />
                  ))}
                </ul>
              </section>
            ))}
            <LoadOlder
              hasMore={Boolean(sessions.hasNextPage)}
              loading={sessions.isFetchingNextPage}
              error={sessions.isFetchNextPageError ? sessions.error.message : null}
              onLoad={() => void sessions.fetchNextPage()}
              label="Show older conversations"
              doneLabel={sessions.data && sessions.data.pages.length > 1 ? 'That’s every conversation.' : undefined}
            />
          </>
        )}
      </nav>

      <div className="space-y-1 border-t border-zinc-200 p-2 dark:border-zinc-800">
        {footer}
        <SystemStatusButton />
      </div>
    </div>
  );
}
