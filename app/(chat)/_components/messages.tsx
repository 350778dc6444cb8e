'use client';

import { memo, useCallback, useState } from 'react';
import { FeedbackButtons, type Rating } from './feedback-buttons';
import { AlertIcon, CheckIcon, CopyIcon, PencilIcon, RefreshIcon } from './icons';
import { Markdown } from './markdown';
import { messageSources, messageText, storedId } from './message-parts';
import { QuestionEditor } from './question-editor';
import { VersionSwitch } from './version-switch';
import { actionButton, badgeBase, badgeStyles, buttonStyles } from '@/app/_components/styles';
import type { ChatSource, ChatUIMessage } from './types';
import { useCopy } from '@/app/_components/use-copy';

/** What can be done to a stored message; stable callbacks, so memoised messages do not re-render. */
export interface MessageActions {
  edit: (messageId: string, text: string) => void;
  showVersion: (messageId: string) => void;
  rate: (messageId: string, rating: Rating, comment: string | null) => Promise<void>;
  clearRating: (messageId: string) => Promise<void>;
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const { state, copy } = useCopy();
  return (
    <button type="button" className={actionButton} onClick={() => void copy(text)}>
      {state === 'copied' ? <CheckIcon className="size-3.5" /> : <CopyIcon className="size-3.5" />}
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}</span>
      <span className="sr-only"> {label}</span>
    </button>
  );
}

export const UserMessage = memo(function UserMessage({
  message,
  busy,
  actions,
}: {
  message: ChatUIMessage;
  /** An answer is streaming: editing and flipping wait for it. */
  busy: boolean;
  actions: MessageActions;
}) {
  const [editing, setEditing] = useState(false);
  const text = messageText(message);
  const id = storedId(message);
  return (
    // The question's text is the article; its actions sit beside it, outside, so its text is the question alone.
    <div data-testid="question" className="flex flex-col items-end gap-1">
      {editing ? (
        <QuestionEditor
          initial={text}
          onCancel={() => setEditing(false)}
          onSend={(edited) => {
            setEditing(false);
            actions.edit(message.id, edited);
          }}
        />
      ) : (
        <article data-testid="user-message" aria-label="Question" className="flex w-full justify-end">
          <p className="max-w-[85%] rounded-2xl rounded-br-md bg-zinc-900 px-4 py-2.5 text-[15px] leading-6 break-words whitespace-pre-wrap text-white dark:bg-zinc-100 dark:text-zinc-900">
            {text}
          </p>
        </article>
      )}
      {!editing && (
        <div className="flex items-center gap-1">
          <VersionSwitch ids={message.metadata?.siblingIds ?? []} current={id} what="question" disabled={busy} onShow={actions.showVersion} />
          <CopyButton text={text} label="question" />
          {/* Only a stored question can be edited: a new one is until its answer has ended. */}
          {message.metadata?.siblingIds && (
            <button type="button" className={actionButton} disabled={busy} onClick={() => setEditing(true)}>
              <PencilIcon className="size-3.5" />
              Edit<span className="sr-only"> question</span>
            </button>
          )}
        </div>
      )}
    </div>
  );
});

function Avatar() {
  return (
    <span
      aria-hidden
      className="mt-0.5 inline-flex size-7 shrink-0 items-center justify-center rounded-full bg-gradient-to-br from-emerald-500 to-sky-600 text-xs font-bold text-white"
    >
      D
    </span>
  );
}

function TypingDots() {
  return (
    <span aria-hidden className="inline-flex items-center gap-1">
      {[0, 150, 300].map((delay) => (
        <span
          key={delay}
          className="size-1.5 rounded-full bg-zinc-400 motion-safe:animate-bounce dark:bg-zinc-500"
          style={{ animationDelay: `${delay}ms` }}
        />
      ))}
    </span>
  );
}

/** Before the first word: retrieval and the model's first token. */
export function PendingAnswer() {
  return (
    <article data-testid="assistant-pending" aria-label="Docent is answering" className="flex gap-3">
      <Avatar />
      <p className="flex items-center gap-2 py-1 text-sm text-zinc-500 dark:text-zinc-400">
        <TypingDots />
        Searching your documents…
      </p>
    </article>
  );
}

const SOURCES_SHOWN = 4;

function SourceItem({ source, onOpen }: { source: ChatSource; onOpen: (n: number) => void }) {
  return (
    <li>
      <button
        type="button"
        data-testid="source-item"
        data-n={source.n}
        data-cited={source.cited === undefined ? undefined : String(source.cited)}
        onClick={() => onOpen(source.n)}
        className={`group flex h-full w-full gap-2.5 rounded-lg border border-zinc-200 bg-white p-2.5 text-left transition-colors hover:border-zinc-300 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-zinc-700 dark:hover:bg-zinc-800/60 dark:focus-visible:outline-zinc-100 ${source.cited === false ? 'opacity-70' : ''}`}
      >
        <span className="inline-flex size-5 shrink-0 items-center justify-center rounded-full bg-zinc-200 text-[0.7rem] font-semibold text-zinc-700 tabular-nums dark:bg-zinc-700 dark:text-zinc-100">
          {source.n}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium">{source.title}</span>
          <span className="line-clamp-2 text-xs leading-5 text-zinc-500 dark:text-zinc-400">{source.snippet}</span>
        </span>
      </button>
    </li>
  );
}

/** The answer's sources: those it cites, then (once the answer has ended) those retrieved but not cited. */
function SourceList({ sources, onOpen }: { sources: ChatSource[]; onOpen: (n: number) => void }) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? sources : sources.slice(0, SOURCES_SHOWN);
  const groups = [
    { heading: 'Sources', testId: 'source-list-cited', items: shown.filter((source) => source.cited !== false) },
    { heading: 'Retrieved, not cited', testId: 'source-list-uncited', items: shown.filter((source) => source.cited === false) },
  ].filter((group) => group.items.length > 0);
  return (
    <section aria-label="Sources" className="mt-4 space-y-2" data-testid="source-list">
      {groups.map((group) => (
        <div key={group.heading} className="space-y-2" data-testid={group.testId}>
          <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{group.heading}</h3>
          <ol className="grid grid-cols-[minmax(0,1fr)] gap-2 sm:grid-cols-2">
            {group.items.map((source) => (
              <SourceItem key={`${source.n}-${source.chunkId}`} source={source} onOpen={onOpen} />
            ))}
          </ol>
        </div>
      ))}
      {sources.length > SOURCES_SHOWN && (
        <button type="button" className={actionButton} aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer sources' : `Show ${sources.length - SOURCES_SHOWN} more sources`}
        </button>
      )}
    </section>
  );
}

function Badge({ tone, children, testId }: { tone: keyof typeof badgeStyles; children: React.ReactNode; testId: string }) {
  return (
    <span data-testid={testId} className={`${badgeBase} ${badgeStyles[tone]}`}>
      {children}
    </span>
  );
}

function formatLatency(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** An error inside the conversation, with the way out. */
export function AnswerError({ message, onRetry, busy }: { message: string; onRetry?: () => void; busy?: boolean }) {
  return (
    <div
      role="alert"
      data-testid="answer-error"
      className="mt-3 flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      <AlertIcon className="size-4 shrink-0" />
      <span className="min-w-0 flex-1 break-words">{message}</span>
      {onRetry && (
        <button type="button" className={buttonStyles.secondary} onClick={onRetry} disabled={busy}>
          <RefreshIcon className="size-3.5" />
          Retry
        </button>
      )}
    </div>
  );
}

export const AssistantMessage = memo(function AssistantMessage({
  message,
  streaming,
  canRegenerate,
  error,
  onRegenerate,
  onCite,
  busy,
  actions,
}: {
  message: ChatUIMessage;
  busy: boolean;
  actions: MessageActions;
  /** This answer is arriving right now. */
  streaming: boolean;
  /** The last answer, and nothing is streaming: Regenerate and Retry are offered. */
  canRegenerate: boolean;
  /** Why this answer failed (the live request's error, or the stored failure). */
  error: string | null;
  onRegenerate: () => void;
  onCite: (messageId: string, n: number) => void;
}) {
  const text = messageText(message);
  const id = storedId(message);
  const sources = messageSources(message);
  const metadata = message.metadata;
  const status = streaming ? 'streaming' : error ? 'failed' : (metadata?.status ?? 'complete');
  // By the stored id, which stays the same when the finished answer is replaced by the server's copy.
  const cite = useCallback((n: number) => onCite(id, n), [onCite, id]);

  return (
    <article
      data-testid="assistant-message"
      data-status={status}
      data-message-id={message.id}
      // As the server has it (versions and votes known): after loading, or once a finished answer is synced.
      data-stored={message.metadata?.siblingIds ? 'true' : undefined}
      aria-label="Docent's answer"
      aria-busy={streaming || undefined}
      className="flex gap-3"
    >
      <Avatar />
      <div className="min-w-0 flex-1">
        {text ? (
          <div data-testid="answer-text">
            <Markdown text={text} sources={sources} streaming={streaming} onCite={cite} />
          </div>
        ) : streaming ? (
          <p className="flex items-center gap-2 py-1 text-sm text-zinc-500 dark:text-zinc-400">
            <TypingDots />
            {sources.length > 0 ? `Reading ${sources.length} passages…` : 'Searching your documents…'}
          </p>
        ) : status === 'stopped' ? (
          <p className="py-1 text-sm text-zinc-500 italic dark:text-zinc-400">Stopped before the answer began.</p>
        ) : null}
        {streaming && text && (
          <span aria-hidden className="ml-0.5 inline-block h-4 w-1.5 translate-y-0.5 bg-zinc-400 motion-safe:animate-pulse" />
        )}

        {error && <AnswerError message={error} onRetry={canRegenerate ? onRegenerate : undefined} />}

        {sources.length > 0 && !streaming && <SourceList sources={sources} onOpen={cite} />}

        {!streaming && (
          <footer className="mt-2 flex flex-wrap items-center gap-1.5">
            <VersionSwitch ids={metadata?.siblingIds ?? []} current={id} what="answer" disabled={busy} onShow={actions.showVersion} />
            {text && <CopyButton text={text} label="answer" />}
            {canRegenerate && !error && (
              <button type="button" className={actionButton} onClick={onRegenerate}>
                <RefreshIcon className="size-3.5" />
                Regenerate
              </button>
            )}
            {metadata?.messageId && (
              <FeedbackButtons
                key={metadata.messageId}
                feedback={metadata.feedback ?? null}
                onRate={(rating, comment) => actions.rate(metadata.messageId!, rating, comment)}
                onClear={() => actions.clearRating(metadata.messageId!)}
              />
            )}
            {status === 'stopped' && (
              <Badge tone="neutral" testId="badge-stopped">
                Stopped
              </Badge>
            )}
            {metadata?.cached && (
              <Badge tone="info" testId="badge-cached">
                From cache
              </Badge>
            )}
            {metadata?.offline && (
              <Badge tone="warn" testId="badge-offline">
                Offline answer
              </Badge>
            )}
            {metadata?.latencyMs !== undefined && (
              <span
                className="ml-auto text-xs text-zinc-400 tabular-nums dark:text-zinc-500"
                title={[
                  metadata.model && `Model: ${metadata.model}`,
                  metadata.usage?.inputTokens !== undefined && `Input tokens: ${metadata.usage.inputTokens}`,
                  metadata.usage?.outputTokens !== undefined && `Output tokens: ${metadata.usage.outputTokens}`,
                ]
                  .filter(Boolean)
                  .join('\n')}
              >
                {formatLatency(metadata.latencyMs)}
              </span>
            )}
          </footer>
        )}
      </div>
    </article>
  );
});
