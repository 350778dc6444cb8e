import { chunkText, type Chunk } from './chunker';
import { pagesOfSpan } from './chunk-pages';
import type { PageStart } from './extract/types';

/** A chunk of a paged document, with its place in the whole text and the pages it lies on. */
export interface PagedChunk extends Chunk {
  pageStart: number | null;
  pageEnd: number | null;
}

// Pages are joined by a blank line, as a paged document's extracted text always has been (offsets stay comparable).
const PAGE_SEPARATOR = '\n\n';
// The chunks of the buffer's tail may still grow or move with the next page: they wait for more text.
const UNSETTLED_CHUNKS = 3;

/**
 * A copy that does not share memory with `text`: a slice of a string keeps the whole string alive in V8, so a
 * chunk sliced from the window would keep every window ever read (measured: 2,000 slices of 2 KB kept 370 MB).
 */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * Chunks a paged document (a PDF) as its pages arrive, holding only a window of text: the whole text of a
 * 20,000-page PDF is never in memory, only the next few chunks' worth. A chunk is settled once enough text
 * follows it that more pages cannot change it; the last few wait in the buffer and are chunked again with the
 * next page. The result matches chunking the joined text up to where a window was cut (a chunk boundary).
 */
export class PageChunker {
  private buffer = '';
  /** Offset of buffer[0] in the whole text. */
  private bufferStart = 0;
  /** Length of the whole text so far. */
  private length = 0;
  /** Starts of the pages the buffer holds, and of the page it begins in (whole-text offsets). */
  private pageStarts: PageStart[] = [];
  private ordinal = 0;
  private readonly flushChars: number;

  constructor(private readonly options: { chunkSize: number; chunkOverlap: number }) {
    // Re-chunking the held tail costs a little each flush; a window of ~16 chunks keeps that small and memory flat.
    this.flushChars = options.chunkSize * 4 * 16;
  }

  /** Adds a page's text (already normalised; empty pages are skipped) and returns the chunks it settled. */
  push(page: number, text: string): PagedChunk[] {
    if (!text) return [];
    if (this.length > 0) this.append(PAGE_SEPARATOR);
    this.pageStarts.push({ page, start: this.length });
    this.append(text);
    return this.buffer.length >= this.flushChars ? this.settle(false) : [];
  }

  /** Characters of text held now: the window (its tests check the bound). */
  get heldChars(): number {
    return this.buffer.length;
  }

  /** The chunks left once every page has been pushed. */
  finish(): PagedChunk[] {
    return this.settle(true);
  }

  private append(text: string): void {
    this.buffer += text;
    this.length += text.length;
  }

  private settle(all: boolean): PagedChunk[] {
    const chunks = chunkText(this.buffer, this.options);
    const settled = all ? chunks : chunks.slice(0, Math.max(0, chunks.length - UNSETTLED_CHUNKS));
    if (settled.length === 0) return [];
    const out = settled.map((chunk) => this.placed(chunk));
    const next = all ? null : chunks[settled.length]!;
    const cut = next ? next.start : this.buffer.length;
    this.buffer = this.buffer.slice(cut);
    this.bufferStart += cut;
    // Keep the page the new buffer begins in, and the ones after it.
    const firstKept = this.pageStarts.findLastIndex((p) => p.start <= this.bufferStart);
    if (firstKept > 0) this.pageStarts = this.pageStarts.slice(firstKept);
    return out;
  }

  private placed(chunk: Chunk): PagedChunk {
    const start = chunk.start + this.bufferStart;
    const end = chunk.end + this.bufferStart;
    const pages = pagesOfSpan(this.pageStarts, start, end) ?? { pageStart: null, pageEnd: null };
    return { ...chunk, content: ownCopy(chunk.content), ordinal: this.ordinal++, start, end, ...pages };
  }
}
