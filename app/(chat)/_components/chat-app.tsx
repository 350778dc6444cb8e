'use client';

import { useCallback, useState } from 'react';
import { Conversation } from './conversation';
import { AgentsDialog } from './agents-dialog';
import { BotIcon, MenuIcon } from './icons';
import { SessionSidebar } from './session-sidebar';
import { HeaderSlot } from '@/app/_components/header-slot';
import { ErrorMessage } from '@/app/_components/error-message';
import { iconButton } from '@/app/_components/styles';
import { useChatStore } from './use-chat-store';
import { useConversationList } from './use-conversation-list';
import { useConversationMutations } from './use-conversation-mutations';
import { useConversationTitle } from './use-conversation-title';
import { useDrawer } from './use-drawer';
import { useNewChatShortcut } from './use-new-chat-shortcut';
import { useOpenChat } from './use-open-chat';
import { useOpenConversation } from './use-open-conversation';

/**
 * The chat: conversations on the left (a drawer on phones), the open one on the right. The hooks hold the state;
 * this lays it out and wires what one part does to another (a new chat closes the drawer, a first question puts
 * the draft in the URL).
 */
export function ChatApp({ offline }: { offline: boolean }) {
  const store = useChatStore();
  const { activeId, isDraft, focusComposer, open, newChat: newDraft } = useOpenConversation();
  const { drawerOpen, drawerId, drawerRef, toggleRef, showDrawer, closeDrawer, onDrawerKeyDown } = useDrawer();
  const { sessions, list, recordSend } = useConversationList(store);
  const { entry, session, changeSelection } = useOpenChat(store, activeId, isDraft);
  const title = useConversationTitle(list, activeId, session.data?.title);
  const [agentsOpen, setAgentsOpen] = useState(false);

  const newChat = useCallback(() => {
    newDraft();
    closeDrawer();
  }, [newDraft, closeDrawer]);
  useNewChatShortcut(newChat);

  const openSession = (id: string) => {
    open(id);
    closeDrawer();
  };

  const onSend = (sessionId: string, question: string, first: boolean) => {
    if (first && isDraft) open(sessionId);
    recordSend(sessionId, question);
  };

  const { rename, remove } = useConversationMutations({ store, activeId, onActiveDeleted: newChat });

  return (
    <div className="fixed inset-x-0 top-(--header-height) bottom-0 flex bg-white dark:bg-zinc-950" data-testid="chat-app">
      {drawerOpen && <div aria-hidden className="fixed inset-0 z-40 bg-zinc-950/40 md:hidden" onClick={closeDrawer} />}
      <aside
        id={drawerId}
        ref={drawerRef}
        aria-label="Chat history"
        onKeyDown={onDrawerKeyDown}
        className={`shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 md:static md:z-auto md:flex md:w-72 md:shadow-none dark:border-zinc-800 dark:bg-zinc-900 ${
          drawerOpen ? 'fixed inset-y-0 left-0 z-50 flex w-[min(20rem,85vw)] shadow-2xl' : 'hidden'
        }`}
      >
        <SessionSidebar
          sessions={sessions}
          list={list ?? []}
          activeId={activeId}
          now={new Date(sessions.dataUpdatedAt)}
          onNewChat={newChat}
          onOpen={openSession}
          onRename={rename}
          onDelete={remove}
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
        {/* The drawer button and the title sit in the site header's row: one header, even on a phone. */}
        <HeaderSlot at="start">
          <button
            ref={toggleRef}
            type="button"
            className={`${iconButton} shrink-0 md:hidden`}
            aria-expanded={drawerOpen}
            aria-controls={drawerId}
            onClick={showDrawer}
          >
            <MenuIcon className="size-5" />
            <span className="sr-only">Show conversations</span>
          </button>
        </HeaderSlot>
        <HeaderSlot at="middle">
          <h1
            id="conversation-title"
            className="min-w-0 flex-1 truncate border-zinc-200 text-sm font-semibold max-md:sr-only md:border-l md:pl-4 dark:border-zinc-800"
            data-testid="conversation-title"
          >
            {title}
          </h1>
        </HeaderSlot>

        {entry ? (
          <Conversation
            key={activeId}
            sessionId={activeId}
            entry={entry}
            offline={offline}
            autoFocus={focusComposer}
            onSend={onSend}
            onSelectionChange={changeSelection}
          />
        ) : session.isError ? (
          <div className="flex flex-1 items-start justify-center p-6">
            <div className="w-full max-w-lg">
              <ErrorMessage what="Couldn’t open this conversation" error={session.error} onRetry={() => void session.refetch()} />
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
