import { describe, expect, it } from 'vitest';
import { pagedPdf, pageOfWord } from '@/test/support/paged-pdf';
import { pagesOfSpan } from './chunk-pages';
import { extractText } from './extract';
import { runTask } from './thread/tasks';

describe('pagesOfSpan', () => {
  const pages = [
    { page: 1, start: 0 },
    { page: 3, start: 100 },
    { page: 4, start: 250 },
  ];

  it('finds the first and last page of a span, blank pages (2) skipped', () => {
    expect(pagesOfSpan(pages, 0, 50)).toEqual({ pageStart: 1, pageEnd: 1 });
    expect(pagesOfSpan(pages, 90, 120)).toEqual({ pageStart: 1, pageEnd: 3 });
    expect(pagesOfSpan(pages, 100, 250)).toEqual({ pageStart: 3, pageEnd: 3 });
    expect(pagesOfSpan(pages, 249, 400)).toEqual({ pageStart: 3, pageEnd: 4 });
  });

  it('knows no pages for documents without them', () => {
    expect(pagesOfSpan(undefined, 0, 10)).toBeNull();
    expect(pagesOfSpan([], 0, 10)).toBeNull();
  });
});

describe('page numbers of PDF chunks', () => {
  it('records where each page starts in the extracted text', async () => {
    const document = await extractText(await pagedPdf(3, 4));
    expect(document.pageStarts?.map((p) => p.page)).toEqual([1, 2, 3]);
    for (const { page, start } of document.pageStarts!) expect(pageOfWord(document.text.slice(start).split(/\s/)[0]!)).toBe(page);
  });

  it('gives every chunk the pages of its first and last word and its offsets in the text', async () => {
    const bytes = await pagedPdf(5, 12);
    const reply = await runTask({
      kind: 'prepare',
      content: bytes,
      filename: 'manual.pdf',
      limits: { maxPages: 100, maxChars: 1_000_000 },
      chunkSize: 60,
      chunkOverlap: 8,
      offlineEmbedder: null,
    });
    if (!reply.ok || reply.kind !== 'prepare') throw new Error(`prepare failed: ${JSON.stringify(reply)}`);
    const { pieces } = reply.document;
    const text = (await extractText(bytes)).text;
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.some((piece) => piece.pageEnd! > piece.pageStart!)).toBe(true);
    for (const piece of pieces) {
      const words = piece.content.split(/\s+/);
      expect(piece, piece.content).toMatchObject({ pageStart: pageOfWord(words[0]!), pageEnd: pageOfWord(words.at(-1)!) });
      expect(text.slice(piece.charStart, piece.charEnd)).toBe(piece.content);
    }
    expect(pieces.at(-1)!.pageEnd).toBe(5);
  });

  it('leaves pages empty for formats without them, offsets still kept', async () => {
    const reply = await runTask({
      kind: 'prepare',
      content: new TextEncoder().encode('First paragraph.\n\nSecond paragraph.'),
      filename: 'notes.txt',
      limits: { maxPages: 100, maxChars: 1_000_000 },
      chunkSize: 60,
      chunkOverlap: 8,
      offlineEmbedder: null,
    });
    if (!reply.ok || reply.kind !== 'prepare') throw new Error('prepare failed');
    expect(reply.document.pieces).toEqual([
      { ordinal: 0, content: 'First paragraph.\n\nSecond paragraph.', tokenCount: expect.any(Number), charStart: 0, charEnd: 35, pageStart: null, pageEnd: null },
    ]);
  });
});
