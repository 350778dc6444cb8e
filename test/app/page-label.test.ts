import { describe, expect, it } from 'vitest';
import { pageLabel } from '@/app/(library)/documents/[id]/_components/types';
import { chunkDocument } from '@/server/ingest/chunk-sections';
import { extractText } from '@/server/ingest/extract';
import { pptx } from '@/test/support/office-files';

describe('pageLabel', () => {
  it('names a PDF chunk’s pages', () => {
    expect(pageLabel({ pageStart: 3, pageEnd: 3, content: 'Torque settings.' })).toBe('Page 3');
    expect(pageLabel({ pageStart: 3, pageEnd: 4 })).toBe('Pages 3–4');
    expect(pageLabel({ pageStart: null, content: '## Slide 2\n\nText' })).toBeNull();
  });

  it('names every chunk of a presentation by its slide, long slides included', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Point ${i + 1} about the harbour lamps and their lenses`);
    const document = await extractText(pptx([{ title: 'Intro', bullets: ['Welcome'] }, { title: 'Details', bullets: long }]), { filename: 'deck.pptx' });
    const chunks = chunkDocument(document, { chunkSize: 64, chunkOverlap: 8 });
    expect(chunks.length).toBeGreaterThan(3);
    const labels = chunks.map((chunk) => {
      const slide = document.pageStarts!.filter((p) => p.start <= chunk.start).at(-1)!.page;
      return pageLabel({ pageStart: slide, pageEnd: slide, content: chunk.content });
    });
    expect(labels).toEqual(['Slide 1', ...chunks.slice(1).map(() => 'Slide 2')]);
  });
});
