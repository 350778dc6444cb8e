import type { DocumentLimits } from './limits';
import { firstElementText, part, requiredPart } from './package-parts';
import { SheetCollector } from './sheets';
import type { ExtractedContent } from './types';
import { walkXml } from './xml';
import { openZip } from './zip';

const DAMAGED = 'This OpenDocument spreadsheet is damaged and cannot be read; open it in a spreadsheet program, save a new copy and upload that.';
// A repeat count is a number the file states; a cell repeated past a sheet's width is read as that width.
const MAX_COLUMNS = 16_384;

const repeatOf = (value: string | undefined, cap: number) => Math.min(cap, Math.max(1, Math.floor(Number(value ?? 1)) || 1));

/**
 * Every table (sheet) of content.xml in order. A cell's text is its paragraphs' text (what the spreadsheet shows,
 * dates and currencies formatted); comments are left out. Repeated rows and cells count only when they hold text.
 */
export function extractOds(bytes: Uint8Array, limits: DocumentLimits): ExtractedContent {
  const zip = openZip(bytes);
  const collector = new SheetCollector(limits);
  let column = 0;
  let cell: { repeat: number; paragraphs: string[] } | null = null;
  let paragraph: string | null = null;
  let skipped = 0;
  walkXml(requiredPart(zip, 'content.xml', DAMAGED), {
    open(name, attributes) {
      if (skipped > 0 || name === 'annotation') {
        skipped += 1;
      } else if (name === 'table') {
        collector.startSheet(attributes['table:name'] ?? null);
      } else if (name === 'table-row') {
        collector.startRow(repeatOf(attributes['table:number-rows-repeated'], Number.MAX_SAFE_INTEGER));
        column = 0;
      } else if (name === 'table-cell' || name === 'covered-table-cell') {
        cell = { repeat: repeatOf(attributes['table:number-columns-repeated'], MAX_COLUMNS), paragraphs: [] };
      } else if (cell && name === 'p') {
        paragraph = '';
      } else if (paragraph !== null && name === 's') {
        paragraph += ' '.repeat(repeatOf(attributes['text:c'], 100));
      } else if (paragraph !== null && (name === 'tab' || name === 'line-break')) {
        paragraph += ' ';
      }
    },
    text(text) {
      if (skipped === 0 && paragraph !== null) paragraph += text;
    },
    close(name) {
      if (skipped > 0) {
        skipped -= 1;
      } else if (name === 'p' && cell && paragraph !== null) {
        cell.paragraphs.push(paragraph);
        paragraph = null;
      } else if ((name === 'table-cell' || name === 'covered-table-cell') && cell) {
        collector.cell(column, cell.paragraphs.join(' '), Math.min(cell.repeat, MAX_COLUMNS - column));
        column += cell.repeat;
        cell = null;
      } else if (name === 'table-row') {
        collector.endRow();
      }
    },
  });
  return collector.toContent(firstElementText(part(zip, 'meta.xml'), 'title'));
}
