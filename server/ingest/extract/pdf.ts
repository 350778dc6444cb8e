import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { normalizeWhitespace } from './normalize';
import { ExtractionError, type ExtractedContent } from './types';

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

/** All pages in order, a blank line between pages. */
export async function extractPdf(bytes: Uint8Array): Promise<ExtractedContent> {
  const pdf = await openPdf(bytes);
  try {
    const { text: pages } = await extractText(pdf, { mergePages: false });
    const text = pages.map((page) => normalizeWhitespace(page)).filter(Boolean).join('\n\n');
    return { text, title: await metadataTitle(pdf), pageCount: pdf.numPages };
  } catch (error) {
    throw new ExtractionError(CORRUPT, { cause: error });
  } finally {
    await pdf.destroy();
  }
}
