'use client';

import { useEffect, useRef } from 'react';
import { newTextOf } from './passage-text';
import { chunkAnchor, pageLabel, type ViewerChunk } from './types';

/**
 * The extracted text as its chunks, in order: each a block with its number, pages and token count. A chunk
 * shows only what it adds after the one before (chunks overlap a little), so the blocks read as the text once.
 * The cited chunk is highlighted and scrolled to.
 */
export function PassageList({ chunks, citedId }: { chunks: ViewerChunk[]; citedId: string | null }) {
  const texts = newTextOf(chunks);
  const cited = useRef<HTMLElement>(null);

  useEffect(() => {
    cited.current?.scrollIntoView({ block: 'center' });
  }, [citedId]);

  if (chunks.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No passages yet: the document has not been read.</p>;
  }
  return (
    <ol className="space-y-3" aria-label="Passages" data-testid="passage-list">
      {chunks.map((chunk, i) => {
        const isCited = chunk.id === citedId;
        const pages = pageLabel(chunk);
        return (
          <li key={chunk.id}>
            <article
              ref={isCited ? cited : undefined}
              id={chunkAnchor(chunk.ordinal)}
              data-testid="passage"
              data-ordinal={chunk.ordinal}
              data-cited={isCited ? 'true' : undefined}
              aria-current={isCited ? 'location' : undefined}
              aria-label={`Passage ${chunk.ordinal + 1}${pages ? `, ${pages.toLowerCase()}` : ''}${chunk.fromOcr ? ', recognised from the scan' : ''}${isCited ? ', cited' : ''}`}
              className={`scroll-mt-24 rounded-lg border p-3 [contain-intrinsic-size:auto_8rem] [content-visibility:auto] ${
                isCited
                  ? 'border-amber-400 bg-amber-50 ring-2 ring-amber-400 dark:border-amber-500 dark:bg-amber-950/40 dark:ring-amber-500'
                  : 'border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900'
              }`}
            >
              <header className="mb-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
                <span className="font-semibold text-zinc-800 tabular-nums dark:text-zinc-200">Passage {chunk.ordinal + 1}</span>
                {pages && <span data-testid="passage-page">{pages}</span>}
                <span className="tabular-nums">{chunk.tokenCount} tokens</span>
                {chunk.fromOcr && (
                  <span
                    data-testid="passage-ocr"
                    title="Read from a picture of the page by text recognition: letters may be misread."
                    className="rounded-full bg-sky-100 px-1.5 py-0.5 font-medium text-sky-900 dark:bg-sky-900 dark:text-sky-100"
                  >
                    Text recognised from the scan (OCR)
                  </span>
                )}
                {isCited && (
                  <span className="rounded-full bg-amber-200 px-1.5 py-0.5 font-semibold text-amber-900 dark:bg-amber-800 dark:text-amber-100">
                    Cited
                  </span>
                )}
              </header>
              <p className="text-sm leading-6 break-words whitespace-pre-wrap" data-testid="passage-text">
                {(texts[i] ?? '').trim()}
              </p>
            </article>
          </li>
        );
      })}
    </ol>
  );
}
