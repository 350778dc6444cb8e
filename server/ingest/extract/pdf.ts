import { getDocumentProxy, getMeta } from 'unpdf';
import { tooManyChars, tooManyPages, type DocumentLimits } from './limits';
import { normalizeWhitespace } from './normalize';
import { recogniseText } from './recognised-text';
import { PageRenderer } from './render-page';
import { ExtractionError, type ExtractedContent, type ExtractionHooks, type PageStart } from './types';

const PAGE_SEPARATOR = '\n\n';

const ENCRYPTED = 'This PDF is password-protected; remove the password and upload it again.';
const CORRUPT = 'This PDF is damaged and cannot be read; open it in a PDF viewer, save a new copy and upload that.';

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  try {
    // pdf.js may take ownership of (detach) the buffer it is given, so it gets a copy.
    return await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    throw new ExtractionError(name === 'PasswordException' ? ENCRYPTED : CORRUPT, { cause: error });
  }
}

async function metadataTitle(pdf: PdfDocument): Promise<string | null> {
  const { info } = await getMeta(pdf);
  const title: unknown = info.Title;
  return typeof title === 'string' && title.trim() ? title.trim() : null;
}

/** A page's text as unpdf's extractText gives it: the text items in order, a line break where pdf.js saw one. */
async function pageText(pdf: PdfDocument, pageNumber: number): Promise<string> {
  const page = await pdf.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    return content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
  } finally {
    page.cleanup();
  }
}

/** The number of pages, read from the document's catalogue without reading any page; null when unreadable. */
export async function countPdfPages(bytes: Uint8Array): Promise<number | null> {
  const pdf = await openPdf(bytes).catch(() => null);
  if (!pdf) return null;
  try {
    return pdf.numPages;
  } finally {
    await pdf.destroy();
  }
}

/** What reading a PDF found besides its pages' text. */
export interface PdfReading {
  title: string | null;
  pageCount: number;
  ocrPages: number[];
}

/**
 * Reads the pages in order and hands each page's text to `onPage` (empty pages too, as ''), holding none of them:
 * memory stays that of one page, and reading stops as soon as the text passes the character limit. A page with no
 * text layer (a scan) is drawn and its text recognised when `hooks.recognise` is given; a page with text keeps it.
 */
export async function readPdfPages(
  bytes: Uint8Array,
  limits: DocumentLimits,
  hooks: ExtractionHooks,
  onPage: (page: number, text: string) => void,
): Promise<PdfReading> {
  const pdf = await openPdf(bytes);
  const renderer = new PageRenderer(bytes);
  try {
    if (pdf.numPages > limits.maxPages) throw new ExtractionError(tooManyPages(pdf.numPages, limits));
    const ocrPages: number[] = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      let text = normalizeWhitespace(await pageText(pdf, n));
      if (!text && hooks.recognise) {
        text = await recogniseText(hooks.recognise, await renderer.renderPng(n), `page ${n}`);
        if (text) ocrPages.push(n);
      }
      hooks.onProgress?.(n, pdf.numPages);
      chars += text.length;
      if (chars > limits.maxChars) throw new ExtractionError(tooManyChars(limits));
      onPage(n, text);
    }
    return { title: await metadataTitle(pdf), pageCount: pdf.numPages, ocrPages };
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError(CORRUPT, { cause: error });
  } finally {
    await Promise.all([pdf.destroy(), renderer.close()]);
  }
}

/** All pages in order, a blank line between pages (ingestion chunks pages as they come instead: server/ingest/page-chunker.ts). */
export async function extractPdf(bytes: Uint8Array, limits: DocumentLimits, hooks: ExtractionHooks = {}): Promise<ExtractedContent> {
  const pages: string[] = [];
  const pageStarts: PageStart[] = [];
  let offset = 0;
  const read = await readPdfPages(bytes, limits, hooks, (page, text) => {
    if (!text) return;
    // Pages are joined by a blank line: the next page starts after this one and its two line breaks.
    pageStarts.push({ page, start: offset });
    offset += text.length + PAGE_SEPARATOR.length;
    pages.push(text);
  });
  return { text: pages.join(PAGE_SEPARATOR), ...read, pageStarts };
}
