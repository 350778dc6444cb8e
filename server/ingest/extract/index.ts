import { claimedFormat, detectFormat } from './detect';
import { extractDocx } from './docx';
import { extractHtml } from './html';
import { NO_LIMITS, tooManyChars, type DocumentLimits } from './limits';
import { countPdfPages, extractPdf } from './pdf';
import { extractMarkdown, extractPlainText } from './text';
import { usableTitle } from './title';
import {
  ExtractionError,
  MIME_TYPES,
  type DocumentFormat,
  type ExtractedContent,
  type ExtractedDocument,
  type ExtractionProgress,
} from './types';
import { unsupportedReason } from './unsupported';

export { countPdfPages, detectFormat, ExtractionError, MIME_TYPES, tooManyChars };
export { tooManyPages } from './limits';
export { decodeText } from './text';
export type { DocumentFormat, DocumentLimits, ExtractedDocument, ExtractionProgress };

type Extractor = (bytes: Uint8Array, limits: DocumentLimits, onProgress?: ExtractionProgress) => ExtractedContent | Promise<ExtractedContent>;

const EXTRACTORS: Record<DocumentFormat, Extractor> = {
  text: extractPlainText,
  markdown: extractMarkdown,
  html: extractHtml,
  pdf: extractPdf,
  docx: extractDocx,
};

const NO_TEXT: Record<DocumentFormat, string> = {
  text: 'This file contains only blank space; there is no text to read.',
  markdown: 'This file contains only blank space; there is no text to read.',
  html: 'This web page has no readable text.',
  pdf: 'This PDF has no text layer (it looks like a scanned image); run it through text recognition (OCR) and upload the result.',
  docx: 'This Word document has no readable text.',
};

/**
 * Plain text of an uploaded file, whatever its name says; throws ExtractionError with a reason for the uploader,
 * also when the document is past `limits` (pages, characters). Formats read in parts (a PDF's pages) report each
 * part read to `onProgress`.
 */
export async function extractText(
  bytes: Uint8Array,
  options: { filename?: string; mimeType?: string; limits?: DocumentLimits; onProgress?: ExtractionProgress } = {},
): Promise<ExtractedDocument> {
  if (bytes.byteLength === 0) throw new ExtractionError('This file is empty; there is nothing to read.');
  const format = detectFormat(bytes, options.filename, options.mimeType);
  if (!format) throw new ExtractionError(unsupportedReason(bytes, claimedFormat(options.filename, options.mimeType)));
  const limits = options.limits ?? NO_LIMITS;
  const content = await EXTRACTORS[format](bytes, limits, options.onProgress);
  if (content.text.length > limits.maxChars) throw new ExtractionError(tooManyChars(limits, content.text.length));
  if (!content.text) throw new ExtractionError(NO_TEXT[format]);
  // A placeholder title ("about:blank", "Microsoft Word - …") gives way to the file name.
  return { format, mimeType: MIME_TYPES[format], ...content, title: usableTitle(content.title) };
}
