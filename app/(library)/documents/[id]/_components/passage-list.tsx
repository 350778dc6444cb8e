'use client';

import { useEffect, useRef } from 'react';
import { PassageItem } from './passage-item';
import { newTextOf } from './passage-text';
import type { ViewerChunk } from './types';

/**
 * The extracted text as its chunks, in order: each a block with its number, pages and token count. A chunk
 * shows only what it adds after the one before (chunks overlap a little), so the blocks read as the text once.
 * The cited chunk is highlighted and scrolled to. People who may write the vault edit and exclude chunks here.
 */
export function PassageList({ chunks, citedId, canEdit }: { chunks: ViewerChunk[]; citedId: string | null; canEdit: boolean }) {
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
        return (
          <li key={chunk.id}>
            <PassageItem ref={isCited ? cited : undefined} chunk={chunk} text={texts[i] ?? ''} cited={isCited} canEdit={canEdit} />
          </li>
        );
      })}
    </ol>
  );
}
