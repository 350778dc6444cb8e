import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';

/** What the viewer shows: documentViewer.get's answer. */
export type DocumentView = inferRouterOutputs<AppRouter>['documentViewer']['get'];
export type ViewerChunk = DocumentView['chunks'][number];

/** The passage the viewer opens at: a citation's chunk (by id, else by its place in the document). */
export interface ViewerFocus {
  chunkId?: string;
  ordinal?: number;
}

export const originalUrl = (documentId: string) => `/api/documents/${documentId}/original`;
export const chunkAnchor = (ordinal: number) => `chunk-${ordinal}`;

// Every chunk of a presentation opens with its slide's heading (server/ingest/extract/pptx.ts, repeated by
// server/ingest/chunk-sections.ts), and its "page" is that slide's number.
const SLIDE_HEADING = /^## Slide \d+\n/;

/**
 * "Page 3", "Pages 3–4" ("Slide 3" for a presentation), or null when the chunk's pages are not known (neither a
 * PDF nor a presentation, or read before pages were kept).
 */
export function pageLabel(chunk: { pageStart?: number | null; pageEnd?: number | null; content?: string }): string | null {
  if (chunk.pageStart == null) return null;
  const end = chunk.pageEnd ?? chunk.pageStart;
  const unit = chunk.content !== undefined && SLIDE_HEADING.test(chunk.content) ? 'Slide' : 'Page';
  return end > chunk.pageStart ? `${unit}s ${chunk.pageStart}–${end}` : `${unit} ${chunk.pageStart}`;
}
