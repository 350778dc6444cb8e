'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import { buttonStyles } from '@/app/_components/styles';
import { DocumentFacts } from './document-facts';
import { FormattedText } from './formatted-text';
import { PassageList } from './passage-list';
import { documentText } from './passage-text';
import { PdfPages } from './pdf-pages';
import { ReingestButton } from './reingest-button';
import { ProcessingActions } from './processing-actions';
import { originalUrl, type DocumentView, type ViewerChunk, type ViewerFocus } from './types';
import { WebSource } from './web-source';

type Tab = 'original' | 'passages';

const CHUNK_HASH = /^#chunk-(\d+)$/;

/** `#chunk-<ordinal>` of the address, which "Open full page" links to. */
function useHashFocus(enabled: boolean): ViewerFocus | null {
  const [focus, setFocus] = useState<ViewerFocus | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const read = () => {
      const match = CHUNK_HASH.exec(window.location.hash);
      setFocus(match ? { ordinal: Number(match[1]) } : null);
    };
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, [enabled]);
  return focus;
}

function findChunk(chunks: ViewerChunk[], focus: ViewerFocus | null): ViewerChunk | null {
  if (!focus) return null;
  // By id first: the chunk the answer saw. A document read again since has new chunks; its place still says where.
  return chunks.find((chunk) => chunk.id === focus.chunkId) ?? chunks.find((chunk) => chunk.ordinal === focus.ordinal) ?? null;
}

/**
 * A document as Docent holds it: what it is and how it was processed, its original (a PDF page by page, other
 * types as formatted text) and its passages. Opened at a cited passage, it highlights it, and for a PDF shows the
 * cited page first. The same view is the page /documents/[id] and the panel beside a chat.
 */
export function DocumentViewer({ view, focus: given, variant }: { view: DocumentView; focus?: ViewerFocus | null; variant: 'page' | 'panel' }) {
  const hashFocus = useHashFocus(variant === 'page' && !given);
  const focus = given ?? hashFocus;
  const { document, chunks } = view;
  const cited = findChunk(chunks, focus);
  const isPdf = document.mimeType === 'application/pdf';
  const citedPages = cited?.pageStart != null ? { start: cited.pageStart, end: cited.pageEnd ?? cited.pageStart } : null;
  // A PDF opened at a citation shows its page; anything else opens on the passages, where the citation is.
  const [chosenTab, setTab] = useState<Tab | null>(null);
  const tab: Tab = chosenTab ?? (isPdf && (citedPages || !cited) ? 'original' : 'passages');
  const text = useMemo(() => (isPdf ? '' : documentText(chunks)), [isPdf, chunks]);
  const ids = useId();

  const tabs: Array<{ id: Tab; label: string }> = [
    { id: 'original', label: isPdf ? 'Pages' : 'Formatted text' },
    { id: 'passages', label: `Passages (${chunks.length})` },
  ];

  return (
    <div className="space-y-5" data-testid="document-viewer" data-document-id={document.id}>
      <DocumentFacts view={view} />
      <WebSource documentId={document.id} title={document.title} source={document.source} canEdit={view.canEdit} />
      <ProcessingActions document={document} />
      {view.original && (
        <p className="flex flex-wrap gap-2">
          <a className={buttonStyles.secondary} href={`${originalUrl(document.id)}?download=1`} download>
            Download original
          </a>
          {variant === 'page' && (isPdf || document.mimeType?.startsWith('text/')) && (
            <a className={buttonStyles.quiet} href={originalUrl(document.id)} target="_blank" rel="noopener">
              Open original in a new tab
            </a>
          )}
          {view.canEdit && <ReingestButton documentId={document.id} busy={document.status === 'queued' || document.status === 'processing'} />}
        </p>
      )}

      <div>
        <div role="tablist" aria-label="Show" className="mb-3 flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
          {tabs.map((item) => (
            <button
              key={item.id}
              type="button"
              role="tab"
              id={`${ids}-${item.id}-tab`}
              aria-controls={`${ids}-${item.id}`}
              aria-selected={tab === item.id}
              onClick={() => setTab(item.id)}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100 ${
                tab === item.id
                  ? 'border-zinc-900 text-zinc-900 dark:border-zinc-100 dark:text-zinc-100'
                  : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
              }`}
            >
              {item.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`${ids}-${tab}`} aria-labelledby={`${ids}-${tab}-tab`}>
          {tab === 'passages' && <PassageList chunks={chunks} citedId={cited?.id ?? null} canEdit={view.canEdit} />}
          {tab === 'original' &&
            (isPdf ? (
              view.original ? (
                <PdfPages url={originalUrl(document.id)} cited={citedPages} passage={cited?.content ?? null} />
              ) : (
                <p className="text-sm text-zinc-600 dark:text-zinc-400">The original file is not kept for this document.</p>
              )
            ) : (
              <FormattedText text={text} markdown={document.mimeType !== 'text/plain'} />
            ))}
        </div>
      </div>
    </div>
  );
}
