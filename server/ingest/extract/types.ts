export type DocumentFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'docx';

export interface ExtractedDocument {
  format: DocumentFormat;
  /** The canonical MIME type of the detected format, not whatever the client declared. */
  mimeType: string;
  text: string;
  /** PDF metadata title, HTML <title>, or the document's first heading. */
  title: string | null;
  pageCount?: number;
  /** PDFs: where each page with text starts in `text` (1-based page numbers, in order; blank pages have none). */
  pageStarts?: PageStart[];
}

export interface PageStart {
  page: number;
  /** Offset (UTF-16 code units) of the page's first character in the document's text. */
  start: number;
}

/** Called as a document is read in parts (a PDF's pages): `done` of `total` parts read so far. */
export type ExtractionProgress = (done: number, total: number) => void;

/** What a format-specific extractor contributes; the entry point adds format and MIME type. */
export type ExtractedContent = Pick<ExtractedDocument, 'text' | 'title' | 'pageCount' | 'pageStarts'>;

/** Extraction failed for a reason the uploader can act on; `reason` is shown to them as is. */
export class ExtractionError extends Error {
  constructor(
    public readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'ExtractionError';
  }
}

export const MIME_TYPES: Record<DocumentFormat, string> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
