import { zip } from './zip-writer';

/**
 * Office and e-book files built in the test, part by part as the formats define them (ECMA-376 for PPTX and
 * XLSX, OpenDocument 1.3 for ODS and ODT, EPUB 3), so every test knows exactly what text a file holds.
 */

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const P = 'http://schemas.openxmlformats.org/presentationml/2006/main';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function relationships(items: Array<{ id: string; type: string; target: string }>): string {
  const lines = items.map(({ id, type, target }) => `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`);
  return `${XML}<Relationships xmlns="${RELS}">${lines.join('')}</Relationships>`;
}

function coreProperties(title: string): string {
  return `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escape(title)}</dc:title></cp:coreProperties>`;
}

// ---- PowerPoint ----

export interface Slide {
  title: string;
  bullets: string[];
  notes?: string;
}

function shape(placeholder: string, paragraphs: string[], id: number): string {
  const body = paragraphs.map((text) => `<a:p><a:r><a:rPr lang="en-GB"/><a:t>${escape(text)}</a:t></a:r></a:p>`).join('');
  return `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="Shape ${id}"/><p:cNvSpPr/><p:nvPr><p:ph ${placeholder}/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>${body}</p:txBody></p:sp>`;
}

function slideXml(slide: Slide, number: number): string {
  const shapes = [shape('type="title"', [slide.title], 2), shape('idx="1"', slide.bullets, 3), shape('type="sldNum" idx="12"', [String(number)], 4)];
  return `${XML}<p:sld xmlns:a="${A}" xmlns:r="${R}" xmlns:p="${P}"><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${shapes.join('')}</p:spTree></p:cSld></p:sld>`;
}

function notesXml(notes: string, number: number): string {
  const shapes = [shape('type="sldImg"', [], 2), shape('type="body" idx="1"', notes.split('\n'), 3), shape('type="sldNum" idx="5"', [String(number)], 4)];
  return `${XML}<p:notes xmlns:a="${A}" xmlns:r="${R}" xmlns:p="${P}"><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${shapes.join('')}</p:spTree></p:cSld></p:notes>`;
}

/**
 * A presentation of `slides` in that order. The slide parts are numbered in reverse (the last slide is
 * slide1.xml), as after reordering slides in PowerPoint: the presentation's list, not the file names, is the order.
 */
export function pptx(slides: Slide[], title = 'Quarterly review'): Uint8Array<ArrayBuffer> {
  const file = (index: number) => slides.length - index;
  const list = slides.map((_, i) => `<p:sldId id="${256 + i}" r:id="rId${i + 2}"/>`).join('');
  return zip([
    { name: '[Content_Types].xml', content: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>` },
    { name: '_rels/.rels', content: relationships([{ id: 'rId1', type: 'officeDocument', target: 'ppt/presentation.xml' }]) },
    { name: 'docProps/core.xml', content: coreProperties(title) },
    { name: 'ppt/presentation.xml', content: `${XML}<p:presentation xmlns:a="${A}" xmlns:r="${R}" xmlns:p="${P}"><p:sldIdLst>${list}</p:sldIdLst></p:presentation>` },
    { name: 'ppt/_rels/presentation.xml.rels', content: relationships(slides.map((_, i) => ({ id: `rId${i + 2}`, type: 'slide', target: `slides/slide${file(i)}.xml` }))) },
    ...slides.flatMap((slide, i) => [
      { name: `ppt/slides/slide${file(i)}.xml`, content: slideXml(slide, i + 1) },
      ...(slide.notes
        ? [
            { name: `ppt/slides/_rels/slide${file(i)}.xml.rels`, content: relationships([{ id: 'rId1', type: 'notesSlide', target: `../notesSlides/notesSlide${file(i)}.xml` }]) },
            { name: `ppt/notesSlides/notesSlide${file(i)}.xml`, content: notesXml(slide.notes, i + 1) },
          ]
        : []),
    ]),
  ]);
}

// ---- Excel ----

/** A cell: text (a shared string), a number, a date (shown through a date format) or a boolean. */
export type CellValue = string | number | Date | boolean | null;

const columnName = (index: number): string => (index >= 26 ? columnName(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));
const excelSerial = (date: Date) => date.getTime() / 86_400_000 + 25569;

/** A workbook with one worksheet per entry of `sheets`, text in the shared string table, dates as date-formatted serials. */
export function xlsx(sheets: Array<{ name: string; rows: CellValue[][] }>, title = 'Price list'): Uint8Array<ArrayBuffer> {
  const strings: string[] = [];
  const stringIndex = (text: string) => {
    const found = strings.indexOf(text);
    return found >= 0 ? found : strings.push(text) - 1;
  };
  const cellXml = (value: CellValue, reference: string) => {
    if (value === null) return '';
    if (typeof value === 'string') return `<c r="${reference}" t="s"><v>${stringIndex(value)}</v></c>`;
    if (typeof value === 'boolean') return `<c r="${reference}" t="b"><v>${value ? 1 : 0}</v></c>`;
    if (value instanceof Date) return `<c r="${reference}" s="1"><v>${excelSerial(value)}</v></c>`;
    return `<c r="${reference}"><v>${value}</v></c>`;
  };
  const sheetXml = (rows: CellValue[][]) => {
    const data = rows.map((row, r) => `<row r="${r + 1}">${row.map((value, c) => cellXml(value, `${columnName(c)}${r + 1}`)).join('')}</row>`);
    return `${XML}<worksheet xmlns="${S}" xmlns:r="${R}"><dimension ref="A1:${columnName(Math.max(...rows.map((row) => row.length)) - 1)}${rows.length}"/><sheetData>${data.join('')}</sheetData></worksheet>`;
  };
  const sheetParts = sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, content: sheetXml(sheet.rows) }));
  const sharedStrings = `${XML}<sst xmlns="${S}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((text) => `<si><t xml:space="preserve">${escape(text)}</t></si>`).join('')}</sst>`;
  const styles = `${XML}<styleSheet xmlns="${S}"><numFmts count="1"><numFmt numFmtId="164" formatCode="d\\ mmmm\\ yyyy"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  const list = sheets.map((sheet, i) => `<sheet name="${escape(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return zip([
    { name: '[Content_Types].xml', content: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>` },
    { name: '_rels/.rels', content: relationships([{ id: 'rId1', type: 'officeDocument', target: 'xl/workbook.xml' }]) },
    { name: 'docProps/core.xml', content: coreProperties(title) },
    { name: 'xl/workbook.xml', content: `${XML}<workbook xmlns="${S}" xmlns:r="${R}"><sheets>${list}</sheets></workbook>` },
    {
      name: 'xl/_rels/workbook.xml.rels',
      content: relationships([
        ...sheets.map((_, i) => ({ id: `rId${i + 1}`, type: 'worksheet', target: `worksheets/sheet${i + 1}.xml` })),
        { id: 'rIdStrings', type: 'sharedStrings', target: 'sharedStrings.xml' },
        { id: 'rIdStyles', type: 'styles', target: '/xl/styles.xml' },
      ]),
    },
    ...sheetParts,
    { name: 'xl/sharedStrings.xml', content: sharedStrings },
    { name: 'xl/styles.xml', content: styles },
  ]);
}

// ---- OpenDocument ----

const ODF_NAMESPACES =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"';

function openDocument(mimeType: string, body: string, title: string): Uint8Array<ArrayBuffer> {
  return zip([
    { name: 'mimetype', content: mimeType, stored: true },
    { name: 'META-INF/manifest.xml', content: `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimeType}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>` },
    { name: 'meta.xml', content: `${XML}<office:document-meta ${ODF_NAMESPACES} office:version="1.3"><office:meta><dc:title>${escape(title)}</dc:title></office:meta></office:document-meta>` },
    { name: 'content.xml', content: `${XML}<office:document-content ${ODF_NAMESPACES} office:version="1.3"><office:body>${body}</office:body></office:document-content>` },
  ]);
}

/** The content.xml rows of an OpenDocument table; `tail` is raw XML after them (LibreOffice's repeated empty rows). */
export function odsTable(name: string, rows: string[][], tail = ''): string {
  const cell = (text: string) => (text ? `<table:table-cell office:value-type="string"><text:p>${escape(text)}</text:p></table:table-cell>` : '<table:table-cell/>');
  return `<table:table table:name="${escape(name)}"><table:table-column table:number-columns-repeated="${rows[0]?.length ?? 1}"/>${rows.map((row) => `<table:table-row>${row.map(cell).join('')}</table:table-row>`).join('')}${tail}</table:table>`;
}

export function ods(tables: string[], title = 'Room bookings'): Uint8Array<ArrayBuffer> {
  return openDocument('application/vnd.oasis.opendocument.spreadsheet', `<office:spreadsheet>${tables.join('')}</office:spreadsheet>`, title);
}

/** An OpenDocument text whose body is `body` (content.xml's office:text). */
export function odt(body: string, title = 'Tenancy handbook'): Uint8Array<ArrayBuffer> {
  return openDocument('application/vnd.oasis.opendocument.text', `<office:text>${body}</office:text>`, title);
}

// ---- EPUB ----

/** An EPUB 3 book whose spine lists `chapters` in order (the manifest lists them in reverse). */
export function epub(title: string, chapters: Array<{ heading: string; paragraphs: string[] }>): Uint8Array<ArrayBuffer> {
  const xhtml = (chapter: { heading: string; paragraphs: string[] }) =>
    `${XML}<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${escape(chapter.heading)}</title></head><body><h1>${escape(chapter.heading)}</h1>${chapter.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</body></html>`;
  const items = chapters.map((_, i) => `<item id="c${i + 1}" href="text/chapter%20${i + 1}.xhtml" media-type="application/xhtml+xml"/>`).reverse().join('');
  const spine = chapters.map((_, i) => `<itemref idref="c${i + 1}"/>`).join('');
  const opf = `${XML}<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:1</dc:identifier><dc:title>${escape(title)}</dc:title><dc:language>en</dc:language></metadata><manifest>${items}<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/></manifest><spine>${spine}</spine></package>`;
  return zip([
    { name: 'mimetype', content: 'application/epub+zip', stored: true },
    { name: 'META-INF/container.xml', content: `${XML}<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>` },
    { name: 'OEBPS/content.opf', content: opf },
    { name: 'OEBPS/nav.xhtml', content: `${XML}<html xmlns="http://www.w3.org/1999/xhtml"><body><nav><ol><li>Contents</li></ol></nav></body></html>` },
    ...chapters.map((chapter, i) => ({ name: `OEBPS/text/chapter ${i + 1}.xhtml`, content: xhtml(chapter) })),
  ]);
}
