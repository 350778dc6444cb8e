import { getDocumentProxy, getMeta } from 'unpdf';
import { tooManyChars, tooManyPages, type DocumentLimits } from './limits';
import { normalizeWhitespace } from './normalize';
import { ExtractionError, type ExtractedContent, type ExtractionProgress, type PageStart } from './types';

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

/**
 * All pages in order, a blank line between pages. Page by page, not all at once (as unpdf's extractText does):
 * memory stays that of one page, and reading stops as soon as the text passes the character limit. Each page
 * read is reported to `onProgress`, so a long PDF's progress moves while it is read.
 */
export async function extractPdf(bytes: Uint8Array, limits: DocumentLimits, onProgress?: ExtractionProgress): Promise<ExtractedContent> {
  const pdf = await openPdf(bytes);
  try {
    if (pdf.numPages > limits.maxPages) throw new ExtractionError(tooManyPages(pdf.numPages, limits));
    const pages: string[] = [];
    const pageStarts: PageStart[] = [];
    let chars = 0;
    let offset = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const text = normalizeWhitespace(await pageText(pdf, n));
      onProgress?.(n, pdf.numPages);
      chars += text.length;
      if (chars > limits.maxChars) throw new ExtractionError(tooManyChars(limits));
      if (!text) continue;
      // Pages are joined by a blank line: the next page starts after this one and its two line breaks.
      pageStarts.push({ page: n, start: offset });
      offset += text.length + PAGE_SEPARATOR.length;
      pages.push(text);
    }
    return { text: pages.join(PAGE_SEPARATOR), title: await metadataTitle(pdf), pageCount: pdf.numPages, pageStarts };
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError(CORRUPT, { cause: error });
  } finally {
    await pdf.destroy();
  }
}
