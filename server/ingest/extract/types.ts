export type DocumentFormat =
  | 'text'
  | 'markdown'
  | 'html'
  | 'pdf'
  | 'docx'
  | 'pptx'
  | 'xlsx'
  | 'ods'
  | 'csv'
  | 'epub'
  | 'odt'
  | 'rtf'
  | ImageFormat;

/** Images whose text is recognised (OCR). */
export type ImageFormat = 'png' | 'jpeg' | 'tiff' | 'webp';

export interface ExtractedDocument {
  format: DocumentFormat;
  /** The canonical MIME type of the detected format, not whatever the client declared. */
  mimeType: string;
  text: string;
  /** PDF metadata title, HTML <title>, or the document's first heading. */
  title: string | null;
  pageCount?: number;
  /** PDFs: where each page with text starts in `text` (1-based page numbers, in order; blank pages have none). Slides for presentations. */
  pageStarts?: PageStart[];
  /** Parts chunked apart (a spreadsheet's sheets, a presentation's slides), in order; see chunk-sections.ts. */
  sections?: TextSection[];
  /** Pages (1-based, in order) whose text was recognised from a picture of them (OCR): an image is page 1. */
  ocrPages?: number[];
}

/** A span of `text` no chunk crosses; the text from `start` to `headerEnd` (column names) opens each of its chunks. */
export interface TextSection {
  start: number;
  end: number;
  headerEnd?: number;
}

export interface PageStart {
  page: number;
  /** Offset (UTF-16 code units) of the page's first character in the document's text. */
  start: number;
}


/** What a format-specific extractor contributes; the entry point adds format and MIME type. */
export type ExtractedContent = Pick<ExtractedDocument, 'text' | 'title' | 'pageCount' | 'pageStarts' | 'sections' | 'ocrPages'>;

export interface RecognisedText {
  text: string;
  /** Tesseract's mean word confidence, 0-100. */
  confidence: number;
}

/** What reading a document may call on besides its bytes. */
export interface ExtractionHooks {
  /** Text recognition of an image (PNG, JPEG, TIFF, WebP); without it scans and images have no text. */
  recognise?: (image: Uint8Array) => Promise<RecognisedText>;
  /** Pages read so far, of all (PDFs and images), as reading goes. */
  onProgress?: (done: number, total: number) => void;
}

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
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  csv: 'text/csv',
  epub: 'application/epub+zip',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  webp: 'image/webp',
};
