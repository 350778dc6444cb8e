import { tooManyChars, type DocumentLimits } from './limits';
import { ExtractionError, type ExtractedContent, type TextSection } from './types';

/**
 * The cells of a workbook as readers (XLSX, ODS, CSV) find them, kept within bounds, and the text they become:
 * per sheet a `## Sheet: <name>` line, the header row (its first row with content), then one line per row with
 * cells joined by ` | `. Empty rows and columns are left out, so a used range of a million rows or 16,384
 * columns costs nothing unless cells hold something.
 */

// Excel's own limit is 1,048,576 rows a sheet; a workbook read as text should be far smaller.
const MAX_ROWS = 200_000;
const MAX_CELLS = 2_000_000;

const count = (n: number) => n.toLocaleString('en-US');
const TOO_MANY_ROWS = `This spreadsheet has more than ${count(MAX_ROWS)} rows (empty ones included); Docent reads at most ${count(MAX_ROWS)}. Delete the unused rows or split it into smaller files.`;
const TOO_MANY_CELLS = `This spreadsheet has more than ${count(MAX_CELLS)} filled cells; Docent reads at most ${count(MAX_CELLS)}. Split it into smaller files.`;

/** A row's filled cells as [column, text], columns 0-based and increasing. */
type Row = Array<[number, string]>;

interface Sheet {
  name: string | null;
  rows: Row[];
}

const cleanCell = (text: string) => text.replace(/\s+/g, ' ').trim();

export class SheetCollector {
  private readonly sheets: Sheet[] = [];
  private row: Row | null = null;
  private rowRepeat = 1;
  private rows = 0;
  private cells = 0;
  private chars = 0;

  constructor(private readonly limits: DocumentLimits) {}

  startSheet(name: string | null): void {
    this.sheets.push({ name: name?.trim() || null, rows: [] });
  }

  /** A row element; `repeat` is how many identical rows it stands for (OpenDocument's number-rows-repeated). */
  startRow(repeat = 1): void {
    this.row = [];
    this.rowRepeat = Math.max(1, repeat);
    this.rows += 1;
    if (this.rows > MAX_ROWS) throw new ExtractionError(TOO_MANY_ROWS);
  }

  /** A cell at `column` (0-based), repeated over the `repeat` columns from there. Empty cells may be skipped. */
  cell(column: number, text: string, repeat = 1): void {
    const value = cleanCell(text);
    if (!value || !this.row || repeat < 1) return;
    for (let i = 0; i < repeat; i++) this.row.push([column + i, value]);
    this.count(repeat, value.length * repeat);
  }

  endRow(): void {
    const row = this.row;
    this.row = null;
    const sheet = this.sheets.at(-1);
    if (!row || row.length === 0 || !sheet) return;
    // Only rows with content are repeated: a sheet's unused tail is one element standing for a million rows.
    this.rows += this.rowRepeat - 1;
    if (this.rows > MAX_ROWS) throw new ExtractionError(TOO_MANY_ROWS);
    this.count(row.length * (this.rowRepeat - 1), row.reduce((sum, [, value]) => sum + value.length, 0) * (this.rowRepeat - 1));
    for (let i = 0; i < this.rowRepeat; i++) sheet.rows.push(row);
  }

  private count(cells: number, chars: number): void {
    this.cells += cells;
    this.chars += chars;
    if (this.cells > MAX_CELLS) throw new ExtractionError(TOO_MANY_CELLS);
    if (this.chars > this.limits.maxChars) throw new ExtractionError(tooManyChars(this.limits));
  }

  /** The workbook's text with one section per sheet whose header is its name and column names. */
  toContent(title: string | null): ExtractedContent {
    const parts: string[] = [];
    const sections: TextSection[] = [];
    let offset = 0;
    for (const sheet of this.sheets) {
      if (sheet.rows.length === 0) continue;
      const lines = sheetLines(sheet);
      const heading = sheet.name ? `## Sheet: ${sheet.name}\n` : '';
      const header = heading + lines[0]!;
      const body = lines.slice(1).join('\n');
      const text = body ? `${header}\n${body}` : header;
      sections.push({ start: offset, end: offset + text.length, headerEnd: offset + header.length });
      parts.push(text);
      offset += text.length + 2;
    }
    return { text: parts.join('\n\n'), title, sections };
  }
}

/** One line per row over the columns that hold anything in this sheet. */
function sheetLines(sheet: Sheet): string[] {
  const used = [...new Set(sheet.rows.flatMap((row) => row.map(([column]) => column)))].sort((a, b) => a - b);
  return sheet.rows.map((row) => {
    const byColumn = new Map(row);
    const values = used.map((column) => byColumn.get(column) ?? '');
    while (values.at(-1) === '') values.pop();
    return values.join(' | ');
  });
}
