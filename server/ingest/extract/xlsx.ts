import { tooManyChars, type DocumentLimits } from './limits';
import { firstElementText, part, relationshipsOf, requiredPart } from './package-parts';
import { SheetCollector } from './sheets';
import { ExtractionError, type ExtractedContent } from './types';
import { walkXml, type XmlSource } from './xml';
import { openZip, type ZipArchive } from './zip';

const DAMAGED = 'This Excel workbook is damaged and cannot be read; open it in a spreadsheet program, save a new copy and upload that.';
const WORKBOOK = 'xl/workbook.xml';

/** The shared string table: most text cells hold an index into it. */
function sharedStrings(zip: ZipArchive, path: string | undefined, limits: DocumentLimits): string[] {
  const source = path ? part(zip, path) : null;
  const strings: string[] = [];
  if (!source) return strings;
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  let chars = 0;
  walkXml(source, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    text(text) {
      if (inText && current !== null) current += text;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si' && current !== null) {
        chars += current.length;
        if (chars > limits.maxChars) throw new ExtractionError(tooManyChars(limits));
        strings.push(current);
        current = null;
      }
    },
  });
  return strings;
}

// Built-in number formats that show a date or time (ECMA-376 part 1, 18.8.30).
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A custom format code shows a date or time when, outside quoted text and [colour] tags, it has d, m, y, h or s. */
const isDateCode = (code: string) => /[dmyhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));

/** For each cell style (the `s` attribute of a cell), whether it shows a number as a date. */
function dateStyles(zip: ZipArchive, path: string | undefined): boolean[] {
  const source = path ? part(zip, path) : null;
  if (!source) return [];
  const customDates = new Set<number>();
  const styles: boolean[] = [];
  let inCellFormats = false;
  walkXml(source, {
    open(name, attributes) {
      const id = Number(attributes.numFmtId);
      if (name === 'numFmt' && isDateCode(attributes.formatCode ?? '')) customDates.add(id);
      else if (name === 'cellXfs') inCellFormats = true;
      else if (name === 'xf' && inCellFormats) styles.push(DATE_FORMAT_IDS.has(id) || customDates.has(id));
    },
    close(name) {
      if (name === 'cellXfs') inCellFormats = false;
    },
  });
  return styles;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel date serial (days since 1899-12-30 in the 1900 date system) as an ISO date, with the time if any. */
function serialToDate(serial: number): string {
  const date = new Date(Math.round((serial - 25569) * 86_400_000));
  if (Number.isNaN(date.getTime())) return String(serial);
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  if (serial < 1) return time;
  return Number.isInteger(serial) ? day : `${day} ${time}`;
}

/** "C7" -> 2 (0-based column); null without a reference. */
function columnOf(reference: string | undefined): number | null {
  const letters = reference?.match(/^[A-Z]+/i)?.[0];
  if (!letters) return null;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column - 1;
}

interface CellContext {
  strings: string[];
  dates: boolean[];
}

function displayValue(type: string | undefined, style: number, raw: string, context: CellContext): string {
  if (type === 's') return context.strings[Number(raw)] ?? '';
  if (type === 'b') return raw === '1' ? 'TRUE' : 'FALSE';
  if (type === 'str' || type === 'inlineStr' || type === 'e') return raw;
  const number = Number(raw);
  return raw !== '' && Number.isFinite(number) && context.dates[style] ? serialToDate(number) : raw;
}

function readSheet(sheet: XmlSource, collector: SheetCollector, context: CellContext): void {
  let column = -1;
  let cell: { type?: string; style: number } | null = null;
  let value = '';
  let capturing = false;
  walkXml(sheet, {
    open(name, attributes) {
      if (name === 'row') {
        collector.startRow();
        column = -1;
      } else if (name === 'c') {
        column = columnOf(attributes.r) ?? column + 1;
        cell = { type: attributes.t, style: Number(attributes.s ?? 0) };
        value = '';
      } else if (cell && (name === 'v' || name === 't')) {
        capturing = true;
      }
    },
    text(text) {
      if (capturing) value += text;
    },
    close(name) {
      if (name === 'v' || name === 't') capturing = false;
      else if (name === 'c' && cell) {
        collector.cell(column, displayValue(cell.type, cell.style, value, context));
        cell = null;
      } else if (name === 'row') collector.endRow();
    },
  });
}

function relatedOfType(relationships: Map<string, { target: string; type: string }>, type: string): string | undefined {
  return [...relationships.values()].find((relationship) => relationship.type.endsWith(`/${type}`))?.target;
}

/** Every sheet, in the workbook's order, with the header row repeated in each of its chunks. */
export function extractXlsx(bytes: Uint8Array, limits: DocumentLimits): ExtractedContent {
  const zip = openZip(bytes);
  const relationships = relationshipsOf(zip, WORKBOOK);
  const context = {
    strings: sharedStrings(zip, relatedOfType(relationships, 'sharedStrings'), limits),
    dates: dateStyles(zip, relatedOfType(relationships, 'styles')),
  };
  const collector = new SheetCollector(limits);
  walkXml(requiredPart(zip, WORKBOOK, DAMAGED), {
    open(name, attributes) {
      if (name !== 'sheet') return;
      const path = relationships.get(attributes['r:id'] ?? '')?.target;
      const sheet = path ? part(zip, path) : null;
      if (!sheet) return;
      collector.startSheet(attributes.name ?? null);
      readSheet(sheet, collector, context);
    },
  });
  return collector.toContent(firstElementText(part(zip, 'docProps/core.xml'), 'title'));
}
