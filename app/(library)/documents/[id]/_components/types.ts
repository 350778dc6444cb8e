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

/** "Page 3", "Pages 3–4", or null when the chunk's pages are not known (not a PDF, or read before pages were kept). */
export function pageLabel(chunk: { pageStart?: number | null; pageEnd?: number | null }): string | null {
  if (chunk.pageStart == null) return null;
  const end = chunk.pageEnd ?? chunk.pageStart;
  return end > chunk.pageStart ? `Pages ${chunk.pageStart}–${end}` : `Page ${chunk.pageStart}`;
}
