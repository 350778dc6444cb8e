import { extractCsv } from './csv';
import { claimedFormat, detectFormat } from './detect';
import { extractDocx } from './docx';
import { extractEpub } from './epub';
import { extractHtml } from './html';
import { extractImage } from './image';
import { NO_LIMITS, tooManyChars, type DocumentLimits } from './limits';
import { extractOds } from './ods';
import { extractOdt } from './odt';
import { countPdfPages, extractPdf, readPdfPages } from './pdf';
import { extractPptx } from './pptx';
import { extractRtf } from './rtf';
import { extractMarkdown, extractPlainText } from './text';
import { usableTitle } from './title';
import {
  ExtractionError,
  MIME_TYPES,
  type DocumentFormat,
  type ExtractedContent,
  type ExtractedDocument,
  type ExtractionHooks,
} from './types';
import { unsupportedReason } from './unsupported';
import { extractXlsx } from './xlsx';

export { countPdfPages, detectFormat, ExtractionError, MIME_TYPES, tooManyChars };
export { tooManyPages } from './limits';
export { decodeText } from './text';
export type { DocumentFormat, DocumentLimits, ExtractedDocument, ExtractionHooks };

type Extractor = (bytes: Uint8Array, limits: DocumentLimits, hooks: ExtractionHooks) => ExtractedContent | Promise<ExtractedContent>;

const EXTRACTORS: Record<DocumentFormat, Extractor> = {
  text: extractPlainText,
  markdown: extractMarkdown,
  html: extractHtml,
  pdf: extractPdf,
  docx: extractDocx,
  pptx: extractPptx,
  xlsx: extractXlsx,
  ods: extractOds,
  csv: extractCsv,
  epub: extractEpub,
  odt: extractOdt,
  rtf: extractRtf,
  png: (bytes, _limits, hooks) => extractImage(bytes, hooks),
  jpeg: (bytes, _limits, hooks) => extractImage(bytes, hooks),
  tiff: (bytes, _limits, hooks) => extractImage(bytes, hooks),
  webp: (bytes, _limits, hooks) => extractImage(bytes, hooks),
};

const EMPTY_FILE = 'This file is empty; there is nothing to read.';

const NO_TEXT_IN_IMAGE =
  'No text could be recognised in this image. Text recognition (OCR) needs a sharp, upright picture of printed text; scan it at 300 dpi or photograph it closer and upload it again.';

const NO_TEXT: Record<DocumentFormat, string> = {
  text: 'This file contains only blank space; there is no text to read.',
  markdown: 'This file contains only blank space; there is no text to read.',
  html: 'This web page has no readable text.',
  pdf: 'This PDF has no text layer and no text could be recognised in its pages (OCR); scan it at 300 dpi, sharp and upright, and upload it again.',
  docx: 'This Word document has no readable text.',
  pptx: 'This presentation has no readable text on its slides or in its speaker notes.',
  xlsx: 'This workbook has no filled cells.',
  ods: 'This spreadsheet has no filled cells.',
  csv: 'This table has no filled cells.',
  epub: 'This e-book has no readable text.',
  odt: 'This document has no readable text.',
  rtf: 'This RTF document has no readable text.',
  png: NO_TEXT_IN_IMAGE,
  jpeg: NO_TEXT_IN_IMAGE,
  tiff: NO_TEXT_IN_IMAGE,
  webp: NO_TEXT_IN_IMAGE,
};

/**
 * Plain text of an uploaded file, whatever its name says; throws ExtractionError with a reason for the uploader,
 * also when the document is past `limits` (pages, characters). Scans and images are read through `recognise` (OCR).
 */
export async function extractText(
  bytes: Uint8Array,
  options: { filename?: string; mimeType?: string; limits?: DocumentLimits } & ExtractionHooks = {},
): Promise<ExtractedDocument> {
  if (bytes.byteLength === 0) throw new ExtractionError(EMPTY_FILE);
  const format = detectFormat(bytes, options.filename, options.mimeType);
  if (!format) throw new ExtractionError(unsupportedReason(bytes, claimedFormat(options.filename, options.mimeType)));
  const limits = options.limits ?? NO_LIMITS;
  const content = await EXTRACTORS[format](bytes, limits, { recognise: options.recognise, onProgress: options.onProgress });
  if (content.text.length > limits.maxChars) throw new ExtractionError(tooManyChars(limits, content.text.length));
  if (!content.text) throw new ExtractionError(NO_TEXT[format]);
  // A placeholder title ("about:blank", "Microsoft Word - …") gives way to the file name.
  return { format, mimeType: MIME_TYPES[format], ...content, title: usableTitle(content.title) };
}

/**
 * Reads a PDF page by page, handing each page's text to `onPage` instead of holding the document's text (empty
 * pages as ''); the title found falls back like extractText's. The caller judges "no text" (noTextReason).
 */
export async function readPdfText(
  bytes: Uint8Array,
  options: { limits?: DocumentLimits } & ExtractionHooks,
  onPage: (page: number, text: string) => void,
): Promise<{ title: string | null; pageCount: number; ocrPages: number[] }> {
  if (bytes.byteLength === 0) throw new ExtractionError(EMPTY_FILE);
  const read = await readPdfPages(bytes, options.limits ?? NO_LIMITS, { recognise: options.recognise, onProgress: options.onProgress }, onPage);
  return { ...read, title: usableTitle(read.title) };
}

/** Why a document of this format yielded no text, in its uploader's terms. */
export function noTextReason(format: DocumentFormat): string {
  return NO_TEXT[format];
}
