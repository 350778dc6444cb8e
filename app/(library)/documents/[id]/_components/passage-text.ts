import type { ViewerChunk } from './types';

/**
 * What each chunk adds to the document's text: its content without the overlap it shares with the chunk before
 * (chunks overlap by CHUNK_OVERLAP tokens), so the chunks read in order are the extracted text once. Chunks from
 * before offsets were kept show whole. Exactly the text after the previous chunk, leading whitespace included.
 * A chunk whose content is longer than its span repeats its section's header in front (a spreadsheet's column
 * names, server/ingest/chunk-sections.ts): that is left out too, as the header already shows once.
 */
export function newTextOf(chunks: readonly ViewerChunk[]): string[] {
  let previousEnd: number | null = null;
  return chunks.map((chunk) => {
    const { charStart, charEnd, content } = chunk;
    if (charStart === null || charEnd === null) {
      previousEnd = null;
      return content;
    }
    const repeatedHeader = Math.max(0, content.length - (charEnd - charStart));
    const overlap = previousEnd === null ? 0 : Math.max(0, previousEnd - charStart);
    previousEnd = charEnd;
    return content.slice(repeatedHeader + overlap);
  });
}

// What separated two chunks is whitespace the chunks do not hold: one character is a space or a line break (a
// line break before Markdown block syntax or a table row, cells joined by " | "), more is a paragraph break.
function separator(gap: number, next: string): string {
  if (gap <= 0) return '';
  if (gap === 1) return /^(#{1,6} |[-*+] |\d+\. |\||[^\n]* \| )/.test(next) ? '\n' : ' ';
  return '\n\n';
}

/** The document's extracted text, put back together from its chunks (whitespace between them approximated). */
export function documentText(chunks: readonly ViewerChunk[]): string {
  const parts = newTextOf(chunks);
  let text = '';
  chunks.forEach((chunk, i) => {
    const previous = chunks[i - 1];
    const part = parts[i] ?? '';
    if (i > 0) {
      const gap = previous?.charEnd != null && chunk.charStart != null ? chunk.charStart - previous.charEnd : 2;
      text += separator(gap, part);
    }
    text += part;
  });
  return text;
}
