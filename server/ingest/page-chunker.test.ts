import { describe, expect, it } from 'vitest';
import { countTokens } from '@/server/util/tokens';
import { pagesOfSpan } from './chunk-pages';
import { chunkText } from './chunker';
import type { PageStart } from './extract/types';
import { PageChunker, type PagedChunk } from './page-chunker';

const OPTIONS = { chunkSize: 64, chunkOverlap: 8 };

/** Pages of varied prose: paragraphs, sentences, a heading now and then, and an empty page. */
function pagesOf(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    i % 17 === 5
      ? ''
      : `${i % 9 === 0 ? `# Chapter ${i}\n\n` : ''}Page ${i + 1} tells of the harbour. ` +
        Array.from({ length: 3 + (i % 5) }, (_, s) => `Sentence ${s} on page ${i + 1} names the ${['quay', 'ferry', 'lamp'][s % 3]} and the tide.`).join(' ') +
        `\n\nA second paragraph of page ${i + 1} closes it.`,
  );
}

function joined(pages: string[]): { text: string; pageStarts: PageStart[] } {
  const parts: string[] = [];
  const pageStarts: PageStart[] = [];
  let offset = 0;
  pages.forEach((text, i) => {
    if (!text) return;
    pageStarts.push({ page: i + 1, start: offset });
    offset += text.length + 2;
    parts.push(text);
  });
  return { text: parts.join('\n\n'), pageStarts };
}

function streamed(pages: string[], options = OPTIONS): { chunks: PagedChunk[]; mostHeld: number } {
  const chunker = new PageChunker(options);
  const chunks: PagedChunk[] = [];
  let mostHeld = 0;
  pages.forEach((text, i) => {
    chunks.push(...chunker.push(i + 1, text));
    mostHeld = Math.max(mostHeld, chunker.heldChars);
  });
  chunks.push(...chunker.finish());
  return { chunks, mostHeld };
}

describe('PageChunker', () => {
  it('chunks a short document exactly as its joined text is chunked, pages included', () => {
    const pages = pagesOf(4);
    const { text, pageStarts } = joined(pages);
    const whole = chunkText(text, OPTIONS).map((c) => ({ ...c, ...pagesOfSpan(pageStarts, c.start, c.end) }));
    expect(streamed(pages).chunks).toEqual(whole);
  });

  it('holds a window of text, not the document, and its chunks are the text at their offsets on their pages', () => {
    const pages = pagesOf(600);
    const { text, pageStarts } = joined(pages);
    const { chunks, mostHeld } = streamed(pages);
    const longestPage = Math.max(...pages.map((p) => p.length));
    // The window: a flush's worth (chunk size × 4 characters × 16) plus the page that passed it.
    expect(mostHeld).toBeLessThanOrEqual(OPTIONS.chunkSize * 4 * 16 + longestPage + 2);
    expect(mostHeld * 20).toBeLessThan(text.length);

    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
    for (const [i, chunk] of chunks.entries()) {
      expect(chunk.content).toBe(text.slice(chunk.start, chunk.end));
      expect(chunk.tokenCount).toBe(countTokens(chunk.content));
      expect(chunk.tokenCount).toBeLessThanOrEqual(OPTIONS.chunkSize);
      expect({ pageStart: chunk.pageStart, pageEnd: chunk.pageEnd }).toEqual(pagesOfSpan(pageStarts, chunk.start, chunk.end));
      // Chunks follow one another, overlapping or touching: nothing between two chunks is left out but blank space.
      if (i > 0) expect(text.slice(chunks[i - 1]!.end, Math.max(chunk.start, chunks[i - 1]!.end)).trim()).toBe('');
    }
    expect(chunks[0]!.start).toBe(0);
    expect(chunks.at(-1)!.end).toBe(text.length);
    // Cutting the text into windows costs at most a few extra chunks over chunking it whole.
    const whole = chunkText(text, OPTIONS).length;
    expect(chunks.length).toBeGreaterThanOrEqual(whole);
    expect(chunks.length).toBeLessThanOrEqual(whole * 1.05);
  });

  it('gives nothing for a document of empty pages, and keeps a page longer than the window whole in its chunks', () => {
    expect(streamed(['', '', '']).chunks).toEqual([]);
    const long = Array.from({ length: 400 }, (_, i) => `Line ${i} of the long page about buoys.`).join('\n');
    const { text } = joined(['Short first page.', long]);
    const { chunks } = streamed(['Short first page.', long]);
    expect(chunks.at(-1)!.end).toBe(text.length);
    expect(chunks.every((c) => c.content === text.slice(c.start, c.end))).toBe(true);
    expect(chunks.filter((c) => c.pageEnd === 2).length).toBeGreaterThan(10);
  });
});
