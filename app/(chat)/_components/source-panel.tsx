'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useId } from 'react';
import { DocumentViewer } from '@/app/(library)/documents/[id]/_components/document-viewer';
import { chunkAnchor, pageLabel } from '@/app/(library)/documents/[id]/_components/types';
import { Dialog } from '@/app/_components/dialog';
import { iconButton } from '@/app/_components/styles';
import { useTRPC } from '@/app/_trpc/react';
import { ChevronIcon, CloseIcon, DocumentIcon } from './icons';
import type { ChatSource } from './types';

/** Cosine similarity (0-1) as a percentage with a bar; anything else as the raw number. */
function Score({ score }: { score: number }) {
  const similarity = score >= 0 && score <= 1;
  return (
    <div className="flex items-center gap-2" data-testid="source-score">
      <span className="text-xs text-zinc-500 dark:text-zinc-400">Match</span>
      {similarity && (
        <span aria-hidden className="h-1.5 w-16 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
          <span className="block h-full rounded-full bg-emerald-500" style={{ width: `${Math.round(score * 100)}%` }} />
        </span>
      )}
      <span className="text-xs font-medium tabular-nums" title={`Similarity score ${score.toFixed(4)}`}>
        {similarity ? `${Math.round(score * 100)}%` : score.toFixed(3)}
      </span>
    </div>
  );
}

/** The cited document itself, opened at the passage: fetched when the panel opens. */
function CitedDocument({ source }: { source: ChatSource }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.documentViewer.get.queryOptions({ id: source.documentId }, { retry: false }));
  if (view.isPending) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Opening the document…</p>;
  if (view.isError) {
    return (
      <p role="alert" className="rounded-md bg-zinc-100 p-3 text-sm text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
        {view.error.data?.code === 'NOT_FOUND'
          ? 'This document is no longer in Docent, or no longer shared with you; the passage above is what the answer quoted.'
          : `The document could not be opened: ${view.error.message}`}
      </p>
    );
  }
  return <DocumentViewer view={view.data} focus={{ chunkId: source.chunkId, ordinal: source.ordinal }} variant="panel" />;
}

/**
 * A citation's document beside the conversation (the whole screen on a phone): the quoted passage, then the
 * document opened at it, highlighted, on its page for a PDF. "Open full page" leaves the chat for the viewer.
 */
export function SourcePanel({
  sources,
  n,
  onNavigate,
  onClose,
}: {
  sources: ChatSource[];
  n: number | null;
  onNavigate: (n: number) => void;
  onClose: () => void;
}) {
  const titleId = useId();
  const index = sources.findIndex((source) => source.n === n);
  const source = sources[index];
  const previous = sources[index - 1];
  const next = sources[index + 1];
  const pages = source ? pageLabel(source) : null;

  return (
    <Dialog open={Boolean(source)} onClose={onClose} labelledBy={titleId} placement="drawer" testId="source-panel">
      {source && (
        <div
          className="flex h-full flex-col"
          onKeyDown={(event) => {
            if (event.key === 'ArrowLeft' && previous) onNavigate(previous.n);
            if (event.key === 'ArrowRight' && next) onNavigate(next.n);
          }}
        >
          <header className="flex items-start gap-3 border-b border-zinc-200 p-4 dark:border-zinc-800">
            <span
              aria-hidden
              className="mt-0.5 inline-flex size-7 shrink-0 items-center justify-center rounded-full bg-zinc-900 text-sm font-semibold text-white tabular-nums dark:bg-zinc-100 dark:text-zinc-900"
            >
              {source.n}
            </span>
            <div className="min-w-0 flex-1 space-y-1">
              <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                Source {source.n} of {sources.length}
                {pages && ` · ${pages}`}
              </p>
              <h2 id={titleId} className="text-base leading-snug font-semibold break-words" data-testid="source-title">
                <span className="sr-only">Source {source.n}: </span>
                {source.title}
              </h2>
              <Score score={source.score} />
            </div>
            <button type="button" onClick={onClose} className={iconButton} autoFocus>
              <CloseIcon />
              <span className="sr-only">Close source</span>
            </button>
          </header>

          {/* Focusable so a keyboard can scroll a passage longer than the panel (a spreadsheet's rows on a phone). */}
          <div
            tabIndex={0}
            role="region"
            aria-labelledby={titleId}
            className="flex-1 space-y-6 overflow-y-auto p-4 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100"
            data-testid="source-panel-body"
          >
            <section>
              <h3 className="mb-2 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                {source.cited === false ? 'Retrieved passage, not cited' : 'Cited passage'}
              </h3>
              <blockquote
                data-testid="source-content"
                className="rounded-lg border-l-2 border-amber-500 bg-amber-50 p-3 text-sm leading-6 whitespace-pre-wrap text-zinc-800 dark:bg-amber-950/30 dark:text-zinc-200"
              >
                {source.content}
              </blockquote>
            </section>
            <section aria-label="The document">
              <CitedDocument key={source.chunkId} source={source} />
            </section>
          </div>

          <footer className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-200 p-3 dark:border-zinc-800">
            <Link
              href={`/documents/${source.documentId}${source.ordinal === undefined ? '' : `#${chunkAnchor(source.ordinal)}`}`}
              className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium text-sky-700 hover:bg-sky-50 hover:text-sky-900 focus-visible:outline-2 focus-visible:outline-zinc-900 dark:text-sky-400 dark:hover:bg-sky-950 dark:hover:text-sky-300 dark:focus-visible:outline-zinc-100"
            >
              <DocumentIcon />
              Open full page
            </Link>
            {sources.length > 1 && (
              <div className="flex items-center gap-1" role="group" aria-label="Other sources">
                <button
                  type="button"
                  className={iconButton}
                  disabled={!previous}
                  onClick={() => previous && onNavigate(previous.n)}
                >
                  <ChevronIcon direction="left" />
                  <span className="sr-only">Previous source</span>
                </button>
                <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                  {index + 1} / {sources.length}
                </span>
                <button type="button" className={iconButton} disabled={!next} onClick={() => next && onNavigate(next.n)}>
                  <ChevronIcon direction="right" />
                  <span className="sr-only">Next source</span>
                </button>
              </div>
            )}
          </footer>
        </div>
      )}
    </Dialog>
  );
}
