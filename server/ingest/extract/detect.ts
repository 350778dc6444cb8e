import { BINARY_EXTENSIONS, containsAscii, ocrImageFormat, SIGNATURES, startsWith } from './signatures';
import { decodeText } from './text';
import type { DocumentFormat } from './types';

const SNIFF_BYTES = 1024;
const TEXT_SAMPLE_BYTES = 8192;
// Binaries are full of control bytes; text has almost none besides tabs, line breaks and escapes.
const MAX_CONTROL_BYTE_RATIO = 0.05;
// Text in a legacy 8-bit encoding (so not valid UTF-8) is still mostly ASCII; binaries are not.
const MAX_LEGACY_HIGH_BYTE_RATIO = 0.3;

const EXTENSION_FORMATS: Record<string, DocumentFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  mdx: 'markdown',
  htm: 'html',
  html: 'html',
  xhtml: 'html',
  pdf: 'pdf',
  docx: 'docx',
  pptx: 'pptx',
  xlsx: 'xlsx',
  ods: 'ods',
  csv: 'csv',
  tsv: 'csv',
  epub: 'epub',
  odt: 'odt',
  rtf: 'rtf',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  tif: 'tiff',
  tiff: 'tiff',
  webp: 'webp',
};

const MIME_FORMATS: Record<string, DocumentFormat> = {
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'text/csv': 'csv',
  'text/tab-separated-values': 'csv',
  'application/epub+zip': 'epub',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/rtf': 'rtf',
  'text/rtf': 'rtf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/tiff': 'tiff',
  'image/webp': 'webp',
};

/** The format the file name (else the declared MIME type) claims; only ever a tie-breaker. */
export function claimedFormat(filename?: string, declaredMimeType?: string): DocumentFormat | null {
  const extension = filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const mime = declaredMimeType?.split(';')[0]?.trim().toLowerCase();
  return (extension && EXTENSION_FORMATS[extension]) || (mime && MIME_FORMATS[mime]) || null;
}

// Readers tolerate junk before the header; a text file that merely mentions "%PDF-" is not a PDF.
const isPdf = (bytes: Uint8Array) =>
  startsWith(bytes, SIGNATURES.pdf) || (containsAscii(bytes.subarray(0, SNIFF_BYTES), '%PDF-') && !looksLikeText(bytes));
// File names in a ZIP's headers are stored uncompressed, so the main part of a DOCX can be found by name.
const isDocx = (bytes: Uint8Array) => containsAscii(bytes, 'word/document.xml');
// OpenDocument and EPUB files start with an uncompressed `mimetype` entry naming their type.
const declaresMimeType = (bytes: Uint8Array, mimeType: string) => containsAscii(bytes.subarray(0, 30 + 8 + mimeType.length + 64), mimeType);

/** Formats packaged as ZIP archives, most specific first, each told apart by a part only it has. */
const ZIP_FORMATS: Array<[DocumentFormat, (bytes: Uint8Array) => boolean]> = [
  ['epub', (bytes) => declaresMimeType(bytes, 'application/epub+zip')],
  ['ods', (bytes) => declaresMimeType(bytes, 'application/vnd.oasis.opendocument.spreadsheet')],
  ['odt', (bytes) => declaresMimeType(bytes, 'application/vnd.oasis.opendocument.text')],
  ['docx', isDocx],
  ['pptx', (bytes) => containsAscii(bytes, 'ppt/presentation.xml')],
  ['xlsx', (bytes) => containsAscii(bytes, 'xl/workbook.xml')],
];

const isControlByte = (byte: number) => byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b) || byte === 0x7f;

function isValidUtf8(sample: Uint8Array): boolean {
  try {
    // `stream` keeps a multi-byte character cut off by the sample's end from counting as invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, SIGNATURES.utf16le) || startsWith(bytes, SIGNATURES.utf16be)) return true;
  const sample = bytes.subarray(0, TEXT_SAMPLE_BYTES);
  if (sample.includes(0)) return false;
  let controlBytes = 0;
  let highBytes = 0;
  for (const byte of sample) {
    if (isControlByte(byte)) controlBytes += 1;
    else if (byte >= 0x80) highBytes += 1;
  }
  if (controlBytes > sample.length * MAX_CONTROL_BYTE_RATIO) return false;
  return isValidUtf8(sample) || highBytes <= sample.length * MAX_LEGACY_HIGH_BYTE_RATIO;
}

const HTML_START = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]/i;
const HTML_TAG = /<(?:html|body)[\s>]/i;

function textFormat(bytes: Uint8Array, claimed: DocumentFormat | null): DocumentFormat {
  const head = decodeText(bytes.subarray(0, SNIFF_BYTES)).trimStart();
  if (HTML_START.test(head) || claimed === 'html') return 'html';
  // An <html> tag further in counts unless the name says Markdown, which may legitimately show HTML.
  if (claimed !== 'markdown' && claimed !== 'csv' && HTML_TAG.test(head)) return 'html';
  return claimed === 'markdown' || claimed === 'csv' ? claimed : 'text';
}

/**
 * Content decides first (PDF, RTF and image signatures, ZIP signatures with the parts each office format has, HTML
 * markup); the name or declared MIME type only breaks ties between text formats (Markdown, CSV, plain text, an HTML
 * fragment). Null for anything else, binaries included.
 */
export function detectFormat(bytes: Uint8Array, filename?: string, declaredMimeType?: string): DocumentFormat | null {
  if (isPdf(bytes)) return 'pdf';
  if (startsWith(bytes, SIGNATURES.zip)) return ZIP_FORMATS.find(([, matches]) => matches(bytes))?.[0] ?? null;
  if (startsWith(bytes, SIGNATURES.rtf)) return 'rtf';
  const image = ocrImageFormat(bytes);
  if (image) return image;
  if (!looksLikeText(bytes)) return null;
  return textFormat(bytes, claimedFormat(filename, declaredMimeType));
}

/**
 * Why a readable file must still be refused: its name says it is an image (or another binary) while it holds
 * text. Null when name and content agree.
 */
export function misnamedReason(filename: string | undefined, format: DocumentFormat): string | null {
  if (format !== 'text' && format !== 'markdown' && format !== 'html') return null;
  const extension = filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (!extension || !BINARY_EXTENSIONS.has(extension)) return null;
  return `${filename} is named like a .${extension} file but contains ${format === 'html' ? 'a web page' : 'text'}. Rename it (for example to .txt) if it is a document, then upload it again.`;
}
