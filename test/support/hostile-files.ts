import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { zip } from './zip-writer';

/** A PDF of `pages` pages, each with a line of text (the attack's 20,000-page PDF). */
export async function manyPagePdf(pages: number): Promise<Uint8Array<ArrayBuffer>> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    pdf.addPage([300, 200]).drawText(`Page ${n} of the very long manual: torque settings and lamp hours.`, { x: 10, y: 100, size: 8, font });
  }
  return new Uint8Array(await pdf.save({ objectsPerTick: 500 }));
}

/** One "word" of `length` letters and no space anywhere: the tokenizer's and chunker's worst case. */
export function singleWord(length: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let seed = 7;
  let word = '';
  const piece = Array.from({ length: 4096 }, () => letters[(seed = (seed * 48271) % 2147483647) % 26]).join('');
  while (word.length < length) word += piece;
  return word.slice(0, length);
}

/**
 * A Word document whose text part inflates from a few hundred kilobytes to `megabytes` MB of paragraphs: a
 * "zip bomb" for a converter that holds the whole document in memory.
 */
export function inflatingDocx(megabytes: number): Uint8Array<ArrayBuffer> {
  const paragraph = '<w:p><w:r><w:t>The same sentence again and again.</w:t></w:r></w:p>';
  const body = paragraph.repeat(Math.ceil((megabytes * 1024 * 1024) / paragraph.length));
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
  const encode = (text: string) => new TextEncoder().encode(text);
  return zip([
    { name: '[Content_Types].xml', content: encode(types) },
    { name: '_rels/.rels', content: encode(rels) },
    { name: 'word/document.xml', content: encode(xml) },
  ]);
}

const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>';

/** An Excel workbook whose one worksheet is the part `sheet`. */
function workbookWith(sheet: string): Uint8Array<ArrayBuffer> {
  return zip([
    { name: 'xl/workbook.xml', content: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', content: WORKBOOK_RELS },
    { name: 'xl/worksheets/sheet1.xml', content: sheet },
  ]);
}

const worksheet = (sheetData: string, prolog = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>${prolog}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`;

/** A workbook whose worksheet claims to unpack to `declaredBytes` (the central directory says so; the data is small). */
export function declaredZipBomb(declaredBytes: number): Uint8Array<ArrayBuffer> {
  return zip([
    { name: 'xl/workbook.xml', content: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', content: WORKBOOK_RELS },
    { name: 'xl/worksheets/sheet1.xml', deflated: { data: deflateRawSync(worksheet('')), declaredSize: declaredBytes } },
  ]);
}

/**
 * A presentation whose main part declares 1 KB but inflates to `megabytes` MB: a zip bomb that lies in its
 * directory. Deflated a megabyte at a time, so building it never holds the inflated bytes.
 */
export async function understatedZipBomb(megabytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const megabyte = Buffer.alloc(1024 * 1024, ' ');
  for (let i = 0; i < megabytes; i++) {
    if (!deflate.write(megabyte)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return zip([{ name: 'ppt/presentation.xml', deflated: { data: Buffer.concat(chunks), declaredSize: 1024 } }]);
}

/** A workbook whose worksheet declares nested entities that would expand to 10^9 copies of "lol" (billion laughs). */
export function billionLaughsXlsx(): Uint8Array<ArrayBuffer> {
  const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
  const doctype = `<!DOCTYPE worksheet [<!ENTITY lol0 "lol">${entities}]>`;
  return workbookWith(worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>', doctype));
}

/** A workbook with one filled row and then `rows` empty row elements (each formatted, as Excel keeps them). */
export function emptyRowsXlsx(rows: number): Uint8Array<ArrayBuffer> {
  const empty = Array.from({ length: rows }, (_, i) => `<row r="${i + 2}" ht="15" customHeight="1"/>`).join('');
  return workbookWith(worksheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>Only row</t></is></c></row>${empty}`));
}

/** A workbook declaring the largest range Excel allows, A1:XFD1048576, with text in its two corners only. */
export function hugeRangeXlsx(): Uint8Array<ArrayBuffer> {
  const corners =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Top left corner</t></is></c></row>' +
    '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>Bottom right corner</t></is></c></row>';
  return workbookWith(worksheet(corners).replace('<sheetData>', '<dimension ref="A1:XFD1048576"/><sheetData>'));
}

/** A workbook cut short: its central directory (the archive's index) is missing. */
export function truncatedXlsx(): Uint8Array<ArrayBuffer> {
  const whole = workbookWith(worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>Cut short</t></is></c></row>'));
  return whole.slice(0, whole.length - 120);
}
