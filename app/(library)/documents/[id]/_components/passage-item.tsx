'use client';

import { useState, type Ref } from 'react';
import { badgeBase, badgeStyles, buttonStyles } from '@/app/_components/styles';
import { ChunkEditor } from './chunk-editor';
import { chunkAnchor, pageLabel, type ViewerChunk } from './types';
import { useChunkChanges } from './use-chunk-changes';

/**
 * One passage: its number, pages and tokens, marked edited or excluded (its text then struck through), and for
 * people who may write the vault, Edit and Exclude/Include.
 */
export function PassageItem({
  chunk,
  text,
  cited,
  canEdit,
  ref,
}: {
  chunk: ViewerChunk;
  text: string;
  cited: boolean;
  canEdit: boolean;
  ref?: Ref<HTMLElement>;
}) {
  const [editing, setEditing] = useState(false);
  const { edit, exclude } = useChunkChanges();
  const pages = pageLabel(chunk);
  const name = `Passage ${chunk.ordinal + 1}`;
  const states = [pages?.toLowerCase(), chunk.fromOcr && 'recognised from the scan', chunk.editedAt && 'edited', chunk.excluded && 'excluded from search', cited && 'cited'].filter(Boolean);
  const failure = exclude.error?.message ?? null;

  return (
    <article
      ref={ref}
      id={chunkAnchor(chunk.ordinal)}
      data-testid="passage"
      data-ordinal={chunk.ordinal}
      data-chunk-id={chunk.id}
      data-cited={cited ? 'true' : undefined}
      data-excluded={chunk.excluded ? 'true' : undefined}
      data-edited={chunk.editedAt ? 'true' : undefined}
      aria-current={cited ? 'location' : undefined}
      aria-label={[name, ...states].join(', ')}
      className={`scroll-mt-24 rounded-lg border p-3 [contain-intrinsic-size:auto_8rem] [content-visibility:auto] ${
        cited
          ? 'border-amber-400 bg-amber-50 ring-2 ring-amber-400 dark:border-amber-500 dark:bg-amber-950/40 dark:ring-amber-500'
          : 'border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900'
      }`}
    >
      <header className="mb-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="font-semibold text-zinc-800 tabular-nums dark:text-zinc-200">{name}</span>
        {pages && <span data-testid="passage-page">{pages}</span>}
        <span className="tabular-nums" data-testid="passage-tokens">
          {chunk.tokenCount} tokens
        </span>
        {chunk.fromOcr && (
          <span
            data-testid="passage-ocr"
            title="Read from a picture of the page by text recognition: letters may be misread."
            className="rounded-full bg-sky-100 px-1.5 py-0.5 font-medium text-sky-900 dark:bg-sky-900 dark:text-sky-100"
          >
            Text recognised from the scan (OCR)
          </span>
        )}
        {chunk.editedAt && (
          <span className={`${badgeBase} ${badgeStyles.info}`} data-testid="passage-edited">
            Edited
          </span>
        )}
        {chunk.excluded && (
          <span className={`${badgeBase} ${badgeStyles.warn}`} data-testid="passage-excluded">
            Excluded from search
          </span>
        )}
        {cited && (
          <span className="rounded-full bg-amber-200 px-1.5 py-0.5 font-semibold text-amber-900 dark:bg-amber-800 dark:text-amber-100">Cited</span>
        )}
        {canEdit && !editing && (
          <span className="ml-auto flex gap-1">
            <button type="button" className={buttonStyles.quiet} onClick={() => (edit.reset(), setEditing(true))}>
              Edit<span className="sr-only"> {name}</span>
            </button>
            <button
              type="button"
              className={buttonStyles.quiet}
              disabled={exclude.isPending}
              onClick={() => exclude.mutate({ chunkId: chunk.id, excluded: !chunk.excluded })}
            >
              {chunk.excluded ? 'Include in search' : 'Exclude from search'}
              <span className="sr-only"> {name}</span>
            </button>
          </span>
        )}
      </header>
      {editing ? (
        <ChunkEditor
          label={`Text of ${name}`}
          initial={chunk.content}
          saving={edit.isPending}
          error={edit.error?.message ?? null}
          onCancel={() => setEditing(false)}
          onSave={(content) => edit.mutate({ chunkId: chunk.id, content }, { onSuccess: () => setEditing(false) })}
        />
      ) : (
        <p
          className={`text-sm leading-6 break-words whitespace-pre-wrap ${chunk.excluded ? 'text-zinc-500 line-through dark:text-zinc-400' : ''}`}
          data-testid="passage-text"
        >
          {text.trim()}
        </p>
      )}
      {failure && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {failure}
        </p>
      )}
    </article>
  );
}
