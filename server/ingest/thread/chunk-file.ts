import { chunkDocument } from '../chunk-sections';
import { pagesOfSpan } from '../chunk-pages';
import { detectFormat, ExtractionError, extractText, noTextReason, readPdfText, type DocumentLimits, type ExtractionHooks } from '../extract';
import { PageChunker, type PagedChunk } from '../page-chunker';

/** A chunk as stored: its place in the extracted text and, for paged documents, its pages. */
export interface ChunkPiece {
  ordinal: number;
  content: string;
  tokenCount: number;
  charStart: number;
  charEnd: number;
  pageStart: number | null;
  pageEnd: number | null;
}

export interface ChunkedFile {
  title: string | null;
  pieces: ChunkPiece[];
  /** Pages (or slides) the document has; null for formats without pages. */
  pageCount: number | null;
  /** Pages whose text was recognised from a picture of them (OCR). */
  ocrPages: number[];
}

interface FileToChunk {
  content: Uint8Array;
  filename?: string;
  mimeType?: string;
  limits: DocumentLimits;
  chunkSize: number;
  chunkOverlap: number;
}

const pieceOf = ({ ordinal, content, tokenCount, start, end, pageStart, pageEnd }: PagedChunk): ChunkPiece => ({
  ordinal,
  content,
  tokenCount,
  charStart: start,
  charEnd: end,
  pageStart,
  pageEnd,
});

/** A PDF is chunked as its pages are read: its whole text is never held (a 20,000-page PDF is tens of MB of it). */
async function chunkPdf(file: FileToChunk, hooks: ExtractionHooks): Promise<ChunkedFile> {
  const chunker = new PageChunker(file);
  const pieces: ChunkPiece[] = [];
  const read = await readPdfText(file.content, { limits: file.limits, ...hooks }, (page, text) => {
    for (const chunk of chunker.push(page, text)) pieces.push(pieceOf(chunk));
  });
  for (const chunk of chunker.finish()) pieces.push(pieceOf(chunk));
  if (pieces.length === 0) throw new ExtractionError(noTextReason('pdf'));
  return { title: read.title, pieces, pageCount: read.pageCount, ocrPages: read.ocrPages };
}

/** Every other format is extracted whole (bounded by the character limit), then chunked by its sections. */
async function chunkWhole(file: FileToChunk, hooks: ExtractionHooks): Promise<ChunkedFile> {
  const extracted = await extractText(file.content, { filename: file.filename, mimeType: file.mimeType, limits: file.limits, ...hooks });
  const pieces = chunkDocument(extracted, file).map((chunk) =>
    pieceOf({ ...chunk, ...(pagesOfSpan(extracted.pageStarts, chunk.start, chunk.end) ?? { pageStart: null, pageEnd: null }) }),
  );
  return { title: extracted.title, pieces, pageCount: extracted.pageCount ?? null, ocrPages: extracted.ocrPages ?? [] };
}

/** A file's chunks, title and pages; throws ExtractionError with a reason for its uploader. */
export async function chunkFile(file: FileToChunk, hooks: ExtractionHooks): Promise<ChunkedFile> {
  const chunked =
    detectFormat(file.content, file.filename, file.mimeType) === 'pdf' ? await chunkPdf(file, hooks) : await chunkWhole(file, hooks);
  if (chunked.pieces.length === 0) throw new ExtractionError('The document contains no text to index.');
  return chunked;
}
