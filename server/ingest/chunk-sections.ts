import { countTokens } from '@/server/util/tokens';
import { chunkText, type Chunk } from './chunker';
import type { TextSection } from './extract/types';

/**
 * Chunks a document an extractor has already cut into sections (a spreadsheet's sheets, a presentation's
 * slides): no chunk crosses a section's edge, and a section's header (a sheet's name and column names) opens
 * every one of its chunks, so a chunk of rows 400-450 still says what its columns are. The first chunk of a
 * section holds the header as it stands in the text; later ones repeat it in front of their own span, so their
 * `content` is longer than `end - start` by the header and a line break (the viewer skips that much).
 * Text outside every section is chunked as plain text.
 */

// A header taking more than this share of a chunk leaves too little room for rows: it is then not repeated.
const MAX_HEADER_SHARE = 0.5;

interface Span {
  start: number;
  end: number;
  headerEnd?: number;
}

/** The sections in order, with the gaps between them as sections of their own, covering the whole text. */
function spansOf(text: string, sections: readonly TextSection[]): Span[] {
  const spans: Span[] = [];
  let at = 0;
  for (const section of [...sections].sort((a, b) => a.start - b.start)) {
    const start = Math.max(section.start, at);
    if (start > at) spans.push({ start: at, end: start });
    if (section.end > start) spans.push({ start, end: section.end, headerEnd: section.headerEnd });
    at = Math.max(at, section.end);
  }
  if (at < text.length) spans.push({ start: at, end: text.length });
  return spans;
}

function shifted(chunks: Chunk[], offset: number): Chunk[] {
  return chunks.map((chunk) => ({ ...chunk, start: chunk.start + offset, end: chunk.end + offset }));
}

function chunkSpan(text: string, span: Span, options: { chunkSize: number; chunkOverlap: number }): Chunk[] {
  const header = span.headerEnd === undefined ? '' : text.slice(span.start, span.headerEnd).trim();
  const headerTokens = header ? countTokens(`${header}\n`) : 0;
  if (!header || headerTokens > options.chunkSize * MAX_HEADER_SHARE) {
    return shifted(chunkText(text.slice(span.start, span.end), options), span.start);
  }
  const bodyStart = span.headerEnd!;
  // Rows stand alone once their header is repeated: chunks of a table need no overlap.
  const body = shifted(chunkText(text.slice(bodyStart, span.end), { chunkSize: options.chunkSize - headerTokens, chunkOverlap: 0 }), bodyStart);
  if (body.length === 0) return shifted(chunkText(header, options), span.start + text.slice(span.start).search(/\S/));
  return body.map((chunk, i) => {
    const content = i === 0 ? text.slice(span.start, chunk.end).trim() : `${header}\n${chunk.content}`;
    const start = i === 0 ? span.start + text.slice(span.start, chunk.end).search(/\S/) : chunk.start;
    return { ...chunk, content, start, tokenCount: countTokens(content) };
  });
}

/** Chunks of `text`, in order and numbered from 0; with sections, chunked section by section. */
export function chunkDocument(
  document: { text: string; sections?: readonly TextSection[] },
  options: { chunkSize: number; chunkOverlap: number },
): Chunk[] {
  const { text, sections } = document;
  if (!sections || sections.length === 0) return chunkText(text, options);
  return spansOf(text, sections)
    .flatMap((span) => chunkSpan(text, span, options))
    .map((chunk, ordinal) => ({ ...chunk, ordinal }));
}
