import { describe, expect, it } from 'vitest';
import { countTokens } from '@/server/util/tokens';
import { pagesOfSpan } from './chunk-pages';
import { chunkDocument } from './chunk-sections';
import { chunkText } from './chunker';
import type { TextSection } from './extract/types';

const HEADER = '## Sheet: Prices\nProduct | Price | Colour';
const rows = (n: number) => Array.from({ length: n }, (_, i) => `Item ${i + 1} | ${(i + 1) * 3}.50 | shade ${i + 1}`);

function sheet(header: string, lines: string[], at = 0): { text: string; section: TextSection } {
  const text = `${header}\n${lines.join('\n')}`;
  return { text, section: { start: at, end: at + text.length, headerEnd: at + header.length } };
}

describe('chunkDocument', () => {
  it('without sections, chunks exactly as chunkText does', () => {
    const text = rows(80).join('\n');
    expect(chunkDocument({ text }, { chunkSize: 40, chunkOverlap: 5 })).toEqual(chunkText(text, { chunkSize: 40, chunkOverlap: 5 }));
  });

  it('opens every chunk of a sheet with its header, keeps each row whole and within the size, and loses no row', () => {
    const { text, section } = sheet(HEADER, rows(60));
    const chunks = chunkDocument({ text, sections: [section] }, { chunkSize: 48, chunkOverlap: 8 });
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) {
      expect(chunk.content.startsWith(`${HEADER}\n`)).toBe(true);
      expect(chunk.tokenCount).toBe(countTokens(chunk.content));
      expect(chunk.tokenCount).toBeLessThanOrEqual(48);
      // The span it stands for is real text, and its content ends with exactly that text.
      expect(chunk.content.endsWith(text.slice(chunk.start, chunk.end))).toBe(true);
      for (const line of chunk.content.split('\n').slice(2)) expect(rows(60)).toContain(line);
    }
    expect(chunks[0]!.start).toBe(0);
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
    // Header repeated, rows not: every row appears in exactly one chunk.
    const found = chunks.flatMap((chunk) => chunk.content.split('\n').slice(2));
    expect(found).toEqual(rows(60));
  });

  it('never lets a chunk cross from one section into the next, and keeps their pages', () => {
    const first = sheet('## Slide 1', ['Lamps replaced.', 'Budget on track.']);
    const secondAt = first.text.length + 2;
    const second = sheet('## Slide 2', ['Order spare lenses.'], secondAt);
    const text = `${first.text}\n\n${second.text}`;
    const chunks = chunkDocument({ text, sections: [first.section, second.section] }, { chunkSize: 200, chunkOverlap: 20 });
    expect(chunks.map((c) => c.content)).toEqual([first.text, second.text]);
    const pages = [{ page: 1, start: 0 }, { page: 2, start: secondAt }];
    expect(chunks.map((c) => pagesOfSpan(pages, c.start, c.end))).toEqual([{ pageStart: 1, pageEnd: 1 }, { pageStart: 2, pageEnd: 2 }]);
  });

  it('does not repeat a header too wide to leave room for rows, and chunks text outside sections as plain text', () => {
    const wide = `## Sheet: Wide\n${Array.from({ length: 40 }, (_, i) => `Column ${i}`).join(' | ')}`;
    const { text: table, section } = sheet(wide, rows(30));
    const text = `Preface that belongs to no sheet.\n\n${table}`;
    const shiftedSection = { start: section.start + 35, end: section.end + 35, headerEnd: section.headerEnd! + 35 };
    const chunks = chunkDocument({ text, sections: [shiftedSection] }, { chunkSize: 64, chunkOverlap: 0 });
    expect(chunks[0]!.content).toBe('Preface that belongs to no sheet.');
    expect(chunks.slice(2).every((chunk) => !chunk.content.startsWith('## Sheet: Wide'))).toBe(true);
    for (const chunk of chunks) expect(chunk.content).toBe(text.slice(chunk.start, chunk.end));
  });

  it('keeps a sheet with only its header row', () => {
    const text = '## Sheet: Empty\nName | Role';
    expect(chunkDocument({ text, sections: [{ start: 0, end: text.length, headerEnd: text.length }] }, { chunkSize: 64, chunkOverlap: 8 })).toMatchObject([
      { ordinal: 0, content: text, start: 0, end: text.length },
    ]);
  });
});
