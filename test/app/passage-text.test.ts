import { describe, expect, it } from 'vitest';
import { documentText, newTextOf } from '@/app/(library)/documents/[id]/_components/passage-text';
import type { ViewerChunk } from '@/app/(library)/documents/[id]/_components/types';
import { chunkDocument } from '@/server/ingest/chunk-sections';

const viewerChunks = (chunks: ReturnType<typeof chunkDocument>): ViewerChunk[] =>
  chunks.map((chunk) => ({
    id: `chunk-${chunk.ordinal}`,
    ordinal: chunk.ordinal,
    content: chunk.content,
    tokenCount: chunk.tokenCount,
    pageStart: null,
    pageEnd: null,
    charStart: chunk.start,
    charEnd: chunk.end,
    fromOcr: false,
    excluded: false,
    editedAt: null,
  }));

describe('the viewer putting a spreadsheet back together from its chunks', () => {
  it('shows each sheet’s header once although every chunk repeats it', () => {
    const header = '## Sheet: Prices\nProduct | Price';
    const rows = Array.from({ length: 50 }, (_, i) => `Item ${i + 1} | ${i + 1}.25`);
    const text = `${header}\n${rows.join('\n')}`;
    const chunks = viewerChunks(chunkDocument({ text, sections: [{ start: 0, end: text.length, headerEnd: header.length }] }, { chunkSize: 40, chunkOverlap: 8 }));
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((chunk) => chunk.content.startsWith(header))).toBe(true);
    expect(newTextOf(chunks).slice(1).some((part) => part.includes('Sheet: Prices'))).toBe(false);
    expect(documentText(chunks)).toBe(text);
  });
});
