import { tooManyChars, type DocumentLimits } from './limits';
import { normalizeWhitespace } from './normalize';
import { firstElementText, part, requiredPart } from './package-parts';
import { firstHeading } from './text';
import { ExtractionError, type ExtractedContent } from './types';
import { walkXml } from './xml';
import { openZip } from './zip';

const DAMAGED = 'This OpenDocument text is damaged and cannot be read; open it in a word processor, save a new copy and upload that.';
// Comments, footnotes and deleted text of tracked changes: not part of the body as it reads.
type BlockKind = 'paragraph' | 'item' | 'row';
const NOT_BODY = new Set(['annotation', 'note', 'tracked-changes']);

/**
 * The body of content.xml as Word documents come out (docx.ts): headings as Markdown `#` lines by their outline
 * level, list items as `- ` lines, table rows as lines of cells joined by ` | `.
 */
export function extractOdt(bytes: Uint8Array, limits: DocumentLimits): ExtractedContent {
  const zip = openZip(bytes);
  const blocks: Array<{ text: string; kind: BlockKind }> = [];
  // Paragraphs nest (a text box inside a paragraph); each gets its own buffer.
  const paragraphs: Array<{ prefix: string; text: string }> = [];
  let lists = 0;
  let row: string[] | null = null;
  let cell: string[] | null = null;
  let skipped = 0;
  let chars = 0;
  const emit = (text: string, kind: BlockKind) => {
    chars += text.length;
    if (chars > limits.maxChars) throw new ExtractionError(tooManyChars(limits));
    blocks.push({ text, kind });
  };
  walkXml(requiredPart(zip, 'content.xml', DAMAGED), {
    open(name, attributes) {
      const current = paragraphs.at(-1);
      if (skipped > 0 || NOT_BODY.has(name)) skipped += 1;
      else if (name === 'h') paragraphs.push({ prefix: `${'#'.repeat(Math.min(6, Number(attributes['text:outline-level'] ?? 1) || 1))} `, text: '' });
      else if (name === 'p') paragraphs.push({ prefix: lists > 0 && !cell ? '- ' : '', text: '' });
      else if (name === 'list') lists += 1;
      else if (name === 'table-row') row = [];
      else if (name === 'table-cell') cell = [];
      else if (current && name === 's') current.text += ' ';
      else if (current && (name === 'tab' || name === 'line-break')) current.text += name === 'tab' ? ' ' : '\n';
    },
    text(text) {
      const current = paragraphs.at(-1);
      if (skipped === 0 && current) current.text += text;
    },
    close(name) {
      if (skipped > 0) {
        skipped -= 1;
        return;
      }
      if (name === 'h' || name === 'p') {
        const { prefix, text } = paragraphs.pop() ?? { prefix: '', text: '' };
        const line = text.trim();
        if (!line) return;
        if (cell) cell.push(line);
        else emit(prefix + line, prefix === '- ' ? 'item' : 'paragraph');
      } else if (name === 'list') lists -= 1;
      else if (name === 'table-cell' && row && cell) {
        row.push(cell.join(' ').replace(/\s+/g, ' '));
        cell = null;
      } else if (name === 'table-row' && row) {
        if (row.some(Boolean)) emit(row.join(' | '), 'row');
        row = null;
      }
    },
  });
  // Table rows and list items are lines of one block; everything else is a paragraph of its own.
  const text = normalizeWhitespace(
    blocks.map(({ text, kind }, i) => (i === 0 ? '' : kind !== 'paragraph' && kind === blocks[i - 1]!.kind ? '\n' : '\n\n') + text).join(''),
  );
  return { text, title: firstElementText(part(zip, 'meta.xml'), 'title') ?? firstHeading(text) };
}
