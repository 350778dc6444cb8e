'use client';

import { useChat } from '@ai-sdk/react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useUploads } from '@/app/_components/uploads/use-uploads';
import { useTRPC } from '@/app/_trpc/react';
import type { ChatEntry } from './chat-store';
import { Composer, type ComposerHandle } from './composer';
import { EmptyState } from './empty-state';
import { AttachButton, ChatUploads, DropOverlay } from './chat-uploads';
import { ArrowDownIcon } from './icons';
import { messageSources, messageText, questionWasStored, readableError, storedId } from './message-parts';
import { AnswerError, AssistantMessage, PendingAnswer, UserMessage } from './messages';
import { ScopePickers } from './scope-pickers';
import { useFileDrop } from './use-file-drop';
import { useMessageActions } from './use-message-actions';
import { SourcePanel } from './source-panel';
import type { ChatSelection } from './types';

/** How close to the bottom (px) still counts as "following" the answer as it streams in. */
const FOLLOW_THRESHOLD = 96;

/** A list that failed to load (the server was down) tries again on its own, so pickers never stay "Loading…". */
const RECOVER = { refetchInterval: (query: { state: { status: string } }) => (query.state.status === 'error' ? 5000 : false) } as const;

/**
 * One conversation: its messages (the answer streaming in), the source panel, and the composer with the
 * vault and agent it is asked against.
 */
export function Conversation({
  sessionId,
  entry,
  offline,
  autoFocus,
  onSend,
  onSelectionChange,
}: {
  sessionId: string;
  entry: ChatEntry;
  offline: boolean;
  /** Focus the composer on mount (a new chat); on wide screens it is focused anyway. */
  autoFocus: boolean;
  /** Before a question goes out: `first` when it opens the conversation. */
  onSend: (sessionId: string, question: string, first: boolean) => void;
  onSelectionChange: (sessionId: string, selection: ChatSelection) => void;
}) {
  const trpc = useTRPC();
  const { messages, status, error, sendMessage, regenerate, stop } = useChat({ chat: entry.chat });
  const queryClient = useQueryClient();
  const vaults = useQuery({ ...trpc.vaults.list.queryOptions(), ...RECOVER });
  const agents = useQuery({ ...trpc.agents.list.queryOptions(), ...RECOVER });
  const documents = useQuery({ ...trpc.documents.list.queryOptions(), enabled: messages.length === 0 });

  const [input, setInput] = useState('');
  const [selection, setSelection] = useState<ChatSelection>(entry.selection);
  const [openSource, setOpenSource] = useState<{ messageId: string; n: number } | null>(null);
  const [following, setFollowing] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const composer = useRef<ComposerHandle>(null);

  const busy = status === 'submitted' || status === 'streaming';
  const last = messages.at(-1);
  const agent = agents.data?.find((candidate) => candidate.id === selection.agentId);
  // An agent bound to a vault always asks that vault.
  const scope: ChatSelection = { ...selection, vaultId: agent?.vaultId ?? selection.vaultId };

  useEffect(() => {
    if (autoFocus || window.matchMedia('(min-width: 768px)').matches) composer.current?.focus();
  }, [autoFocus]);

  // Keep the newest words in view while following; scrolling up to read stops following until you come back.
  useLayoutEffect(() => {
    const element = scroller.current;
    // A new chat's empty state reads from the top.
    if (element && follow.current && messages.length > 0) element.scrollTop = element.scrollHeight;
  }, [messages, status]);

  const scrollToEnd = (smooth: boolean) => {
    follow.current = true;
    setFollowing(true);
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
  };

  const send = (text: string) => {
    const question = text.trim();
    if (!question || busy) return;
    onSend(sessionId, question, messages.length === 0);
    setInput('');
    follow.current = true;
    setFollowing(true);
    void sendMessage({ text: question }, { body: scope });
  };

  const retry = () => {
    follow.current = true;
    // A question the server never stored is sent again; otherwise the server answers its last question anew.
    if (last?.role === 'user' && status === 'error' && !questionWasStored(error)) {
      void sendMessage({ text: messageText(last), messageId: last.id }, { body: scope });
    } else {
      void regenerate({ body: scope });
    }
  };

  // Answers are memoised: they get one stable callback that always runs the current retry.
  const latestRetry = useRef(retry);
  useLayoutEffect(() => {
    latestRetry.current = retry;
  });
  const onRegenerate = useCallback(() => latestRetry.current(), []);

  // Files dropped or attached go into the vault the conversation asks (the default one when it asks them all).
  const uploadVault = vaults.data?.find((vault) => vault.id === scope.vaultId) ?? vaults.data?.find((vault) => vault.isDefault);
  const uploads = useUploads({
    onUploaded: useCallback(() => {
      void queryClient.invalidateQueries(trpc.vaults.list.pathFilter());
      void queryClient.invalidateQueries(trpc.documents.list.pathFilter());
    }, [queryClient, trpc]),
  });
  const addFiles = (files: File[]) => uploads.enqueue(files, uploadVault?.id);
  const drop = useFileDrop(addFiles);
  const vaultName = uploadVault?.name ?? 'your library';

  const changeSelection = (next: ChatSelection) => {
    setSelection(next);
    onSelectionChange(sessionId, next);
  };

  const edit = (messageId: string, text: string) => {
    if (busy) return;
    follow.current = true;
    setFollowing(true);
    void sendMessage({ text, messageId }, { body: { ...scope, editOf: messageId } });
  };
  const { actions, error: actionError } = useMessageActions(entry.chat, sessionId, { edit });

  const onCite = useCallback((messageId: string, n: number) => setOpenSource({ messageId, n }), []);
  const citedMessage = openSource ? messages.find((message) => storedId(message) === openSource.messageId) : undefined;
  const liveError = status === 'error' && error ? readableError(error) : null;

  return (
    <div className="relative flex min-h-0 flex-1 flex-col" data-testid="chat-drop-target" {...drop.handlers}>
      {drop.dragging && <DropOverlay vaultName={vaultName} />}

      <div className="relative min-h-0 flex-1">
        <div
          ref={scroller}
          data-testid="message-scroller"
          onScroll={(event) => {
            const element = event.currentTarget;
            const near = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_THRESHOLD;
            follow.current = near;
            if (near !== following) setFollowing(near);
          }}
          className="h-full overflow-y-auto overscroll-contain px-4"
        >
          {messages.length === 0 ? (
            <EmptyState offline={offline} libraryEmpty={documents.data?.length === 0} onPick={send} />
          ) : (
            <div
              role="log"
              aria-live="off"
              aria-label="Conversation"
              data-testid="message-list"
              className="mx-auto flex w-full max-w-3xl flex-col gap-6 py-6"
            >
              {messages.map((message, index) => {
                const isLast = index === messages.length - 1;
                if (message.role === 'user') return <UserMessage key={message.id} message={message} busy={busy} actions={actions} />;
                if (message.role !== 'assistant') return null;
                const stored = message.metadata?.status === 'failed' ? (message.metadata.error ?? 'The answer failed.') : null;
                return (
                  <AssistantMessage
                    key={message.id}
                    message={message}
                    streaming={busy && isLast}
                    canRegenerate={!busy && isLast}
                    error={(isLast && liveError) || stored}
                    onRegenerate={onRegenerate}
                    onCite={onCite}
                    busy={busy}
                    actions={actions}
                  />
                );
              })}
              {actionError && <AnswerError message={`That version could not be shown: ${actionError}`} />}
              {busy && last?.role === 'user' && <PendingAnswer />}
              {!busy && last?.role === 'user' && (
                <div className="pl-10">
                  <AnswerError message={liveError ?? 'This question has no answer yet.'} onRetry={retry} />
                </div>
              )}
            </div>
          )}
        </div>
        {!following && messages.length > 0 && (
          <button
            type="button"
            onClick={() => scrollToEnd(true)}
            className="absolute bottom-3 left-1/2 inline-flex -translate-x-1/2 items-center gap-1.5 rounded-full border border-zinc-200 bg-white/95 px-3 py-1.5 text-xs font-medium text-zinc-700 shadow-md backdrop-blur hover:bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:border-zinc-700 dark:bg-zinc-800/95 dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus-visible:outline-zinc-100"
          >
            <ArrowDownIcon className="size-3.5" />
            {busy ? 'Follow the answer' : 'Jump to latest'}
          </button>
        )}
      </div>

      <div className="px-3 pt-1 pb-3 sm:px-4 sm:pb-4">
        <div className="mx-auto w-full max-w-3xl">
          <ChatUploads uploads={uploads} />
          <Composer
            ref={composer}
            value={input}
            onChange={setInput}
            onSend={() => send(input)}
            onStop={() => void stop()}
            busy={busy}
            placeholder={agent ? `Ask ${agent.name}…` : undefined}
            toolbar={
              <>
                <ScopePickers
                  selection={selection}
                  onChange={changeSelection}
                  vaults={vaults.data}
                  agents={agents.data}
                  failed={{ vaults: vaults.isError && !vaults.data, agents: agents.isError && !agents.data }}
                />
                <span className="ml-auto">
                  <AttachButton vaultName={vaultName} onFiles={addFiles} />
                </span>
              </>
            }
          />
          <p className="mt-1.5 text-center text-[11px] text-zinc-500 dark:text-zinc-500">
            Answers come only from your documents. Check the cited sources.
          </p>
        </div>
      </div>

      <p role="status" className="sr-only">
        {status === 'submitted' ? 'Searching your documents…' : status === 'streaming' ? 'Docent is answering…' : ''}
      </p>

      <SourcePanel
        sources={citedMessage ? messageSources(citedMessage) : []}
        n={openSource?.n ?? null}
        onNavigate={(n) => setOpenSource((current) => (current ? { ...current, n } : current))}
        onClose={() => setOpenSource(null)}
      />
    </div>
  );
}
