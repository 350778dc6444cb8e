'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { ChatStore, type FinishedEvent } from './chat-store';
import { Conversation } from './conversation';
import { AgentsDialog } from './agents-dialog';
import { BotIcon, MenuIcon, PlusIcon } from './icons';
import { SessionSidebar } from './session-sidebar';
import { UNTITLED } from './session-item';
import { buttonStyles, iconButton } from '@/app/_components/styles';
import type { ChatSelection, SessionSummary } from './types';

const NO_SELECTION: ChatSelection = { vaultId: null, agentId: null };

/** The URL names the open conversation; history entries aren't added for switching between them. */
function showInUrl(sessionId: string | null) {
  window.history.replaceState(null, '', sessionId ? `/?session=${encodeURIComponent(sessionId)}` : '/');
}

/** A title from the first question, until the server's own arrives with the list. */
function provisionalTitle(question: string): string {
  const line = question.split('\n')[0]?.trim() ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/**
 * The chat: conversations on the left (a drawer on phones), the open one on the right. `/?session=<id>` opens a
 * conversation; `/` is a new one whose client-made id goes into the URL with its first question.
 */
export function ChatApp({ offline }: { offline: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessionParam = useSearchParams().get('session');
  const [draft, setDraft] = useState(() => ({ id: crypto.randomUUID(), focus: false }));
  const [defaultSelection, setDefaultSelection] = useState<ChatSelection>(NO_SELECTION);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [agentsOpen, setAgentsOpen] = useState(false);
  const drawerId = useId();
  const drawerToggle = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLElement>(null);

  const onFinished = useCallback(
    ({ sessionId }: FinishedEvent) => {
      // Titles are derived from the first question on the server, and every turn moves a conversation up.
      void queryClient.invalidateQueries(trpc.sessions.list.queryFilter());
      void queryClient.invalidateQueries(trpc.sessions.get.queryFilter({ id: sessionId }));
    },
    [queryClient, trpc],
  );
  const [store] = useState(() => new ChatStore((event) => onFinished(event)));

  // Arriving at `/` from a conversation (the header's Chat link) opens a fresh chat, as New chat does.
  const [previousParam, setPreviousParam] = useState(sessionParam);
  if (previousParam !== sessionParam) {
    setPreviousParam(sessionParam);
    if (!sessionParam && previousParam) setDraft({ id: crypto.randomUUID(), focus: true });
  }

  const activeId = sessionParam ?? draft.id;
  const isDraft = !sessionParam;
  const known = store.get(activeId);
  const sessions = useQuery(trpc.sessions.list.queryOptions());
  const session = useQuery({ ...trpc.sessions.get.queryOptions({ id: activeId }), enabled: !isDraft && !known });

  let entry = known;
  if (!entry && isDraft) entry = store.open(activeId, { messages: [], selection: defaultSelection });
  if (!entry && session.isSuccess) {
    entry = store.open(activeId, {
      messages: session.data?.messages ?? [],
      selection: session.data ? { vaultId: session.data.vaultId, agentId: session.data.agentId } : defaultSelection,
    });
  }

  const summary = sessions.data?.find((candidate) => candidate.id === activeId);
  const title = summary ? summary.title?.trim() || UNTITLED : session.data?.title?.trim() || 'New chat';

  const closeDrawer = useCallback(() => {
    setDrawerOpen(false);
  }, []);

  const newChat = useCallback(() => {
    showInUrl(null);
    setDraft({ id: crypto.randomUUID(), focus: true });
    setDrawerOpen(false);
  }, []);

  const openSession = (id: string) => {
    showInUrl(id);
    setDrawerOpen(false);
  };

  const listKey = trpc.sessions.list.queryKey();
  const updateList = (update: (list: SessionSummary[]) => SessionSummary[]) =>
    queryClient.setQueryData(listKey, (list) => (list ? update(list) : list));

  const onSend = (sessionId: string, question: string, first: boolean) => {
    if (first && !sessionParam) showInUrl(sessionId);
    const now = new Date();
    updateList((list) => {
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

  const onSelectionChange = (sessionId: string, selection: ChatSelection) => {
    store.setSelection(sessionId, selection);
    setDefaultSelection(selection);
  };

  const rename = useMutation(trpc.sessions.rename.mutationOptions());
  const remove = useMutation(trpc.sessions.delete.mutationOptions());

  const onRename = async (id: string, newTitle: string) => {
    const previous = queryClient.getQueryData(listKey);
    updateList((list) => list.map((item) => (item.id === id ? { ...item, title: newTitle } : item)));
    try {
      await rename.mutateAsync({ id, title: newTitle });
    } catch (error) {
      queryClient.setQueryData(listKey, previous);
      throw error;
    } finally {
      void queryClient.invalidateQueries(trpc.sessions.list.queryFilter());
    }
  };

  const onDelete = async (id: string) => {
    await remove.mutateAsync({ id });
    store.remove(id);
    updateList((list) => list.filter((item) => item.id !== id));
    queryClient.removeQueries(trpc.sessions.get.queryFilter({ id }));
    if (id === activeId) newChat();
    void queryClient.invalidateQueries(trpc.sessions.list.queryFilter());
  };

  useEffect(() => {
    document.title = `${title} · Docent`;
  }, [title]);

  // Ctrl/Cmd+Shift+O starts a new chat from anywhere, as in other chat apps.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        newChat();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [newChat]);

  // The drawer only exists on narrow screens: widening the window closes it.
  useEffect(() => {
    const wide = window.matchMedia('(min-width: 768px)');
    const onChange = () => {
      if (wide.matches) setDrawerOpen(false);
    };
    wide.addEventListener('change', onChange);
    return () => wide.removeEventListener('change', onChange);
  }, []);

  // Opening the drawer moves focus into it; closing it hands focus back to its toggle.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (drawerOpen) drawer.current?.querySelector<HTMLElement>('button, a[href]')?.focus();
    else if (wasOpen.current) {
      const focused = document.activeElement;
      // Unless something else took focus on purpose (a new chat focuses its composer).
      if (!focused || focused === document.body || drawer.current?.contains(focused)) drawerToggle.current?.focus();
    }
    wasOpen.current = drawerOpen;
  }, [drawerOpen]);

  return (
    <div className="fixed inset-x-0 top-[calc(3.25rem+1px)] bottom-0 flex bg-white dark:bg-zinc-950" data-testid="chat-app">
      {drawerOpen && <div aria-hidden className="fixed inset-0 z-40 bg-zinc-950/40 md:hidden" onClick={closeDrawer} />}
      <aside
        id={drawerId}
        ref={drawer}
        aria-label="Chat history"
        onKeyDown={(event) => {
          if (event.key === 'Escape' && drawerOpen) {
            event.preventDefault();
            closeDrawer();
          }
        }}
        className={`shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 md:static md:z-auto md:flex md:w-72 md:shadow-none dark:border-zinc-800 dark:bg-zinc-900 ${
          drawerOpen ? 'fixed inset-y-0 left-0 z-50 flex w-[min(20rem,85vw)] shadow-2xl' : 'hidden'
        }`}
      >
        <SessionSidebar
          sessions={sessions}
          activeId={activeId}
          now={new Date(sessions.dataUpdatedAt)}
          onNewChat={newChat}
          onOpen={openSession}
          onRename={onRename}
          onDelete={onDelete}
          onClose={closeDrawer}
          footer={
            <button
              type="button"
              aria-haspopup="dialog"
              onClick={() => setAgentsOpen(true)}
              className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-xs font-medium text-zinc-600 transition-colors hover:bg-zinc-200/60 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:focus-visible:outline-zinc-100"
            >
              <BotIcon className="size-3.5" />
              Manage agents
            </button>
          }
        />
      </aside>
      <AgentsDialog open={agentsOpen} onClose={() => setAgentsOpen(false)} />

      <section aria-labelledby="conversation-title" className="flex min-w-0 flex-1 flex-col" inert={drawerOpen || undefined}>
        <header className="flex h-12 shrink-0 items-center gap-2 border-b border-zinc-200 px-2 sm:px-4 dark:border-zinc-800">
          <button
            ref={drawerToggle}
            type="button"
            className={`${iconButton} md:hidden`}
            aria-expanded={drawerOpen}
            aria-controls={drawerId}
            onClick={() => setDrawerOpen(true)}
          >
            <MenuIcon className="size-5" />
            <span className="sr-only">Show conversations</span>
          </button>
          <h1 id="conversation-title" className="min-w-0 flex-1 truncate text-sm font-semibold" data-testid="conversation-title">
            {title}
          </h1>
          <button type="button" className={`${iconButton} md:hidden`} onClick={newChat}>
            <PlusIcon className="size-5" />
            <span className="sr-only">New chat</span>
          </button>
        </header>

        {entry ? (
          <Conversation
            key={activeId}
            sessionId={activeId}
            entry={entry}
            offline={offline}
            autoFocus={isDraft && draft.focus}
            onSend={onSend}
            onSelectionChange={onSelectionChange}
          />
        ) : session.isError ? (
          <div className="flex flex-1 items-start justify-center p-6">
            <div
              role="alert"
              className="flex max-w-lg flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
            >
              <span>Couldn&rsquo;t open this conversation: {session.error.message}</span>
              <button type="button" className={buttonStyles.secondary} onClick={() => void session.refetch()}>
                Retry
              </button>
            </div>
          </div>
        ) : (
          <ConversationSkeleton />
        )}
      </section>
    </div>
  );
}

/** Stand-in while a conversation's history loads: a question and an answer's shape. */
export function ConversationSkeleton() {
  return (
    <div role="status" className="flex flex-1 flex-col px-4" data-testid="conversation-loading">
      <span className="sr-only">Loading the conversation…</span>
      <div aria-hidden className="mx-auto flex w-full max-w-3xl flex-col gap-6 py-6 motion-safe:animate-pulse">
        <div className="ml-auto h-10 w-2/5 rounded-2xl bg-zinc-200 dark:bg-zinc-800" />
        <div className="flex gap-3">
          <div className="size-7 shrink-0 rounded-full bg-zinc-200 dark:bg-zinc-800" />
          <div className="flex-1 space-y-2">
            <div className="h-4 w-11/12 rounded bg-zinc-200 dark:bg-zinc-800" />
            <div className="h-4 w-10/12 rounded bg-zinc-200 dark:bg-zinc-800" />
            <div className="h-4 w-7/12 rounded bg-zinc-200 dark:bg-zinc-800" />
          </div>
        </div>
        <div className="ml-auto h-10 w-1/3 rounded-2xl bg-zinc-200 dark:bg-zinc-800" />
      </div>
    </div>
  );
}
