import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { epub, ods, odsTable, odt, pptx, xlsx } from '@/test/support/office-files';
import {
  billionLaughsXlsx,
  declaredZipBomb,
  emptyRowsXlsx,
  hugeRangeXlsx,
  truncatedXlsx,
  understatedZipBomb,
} from '@/test/support/hostile-files';
import { detectFormat, ExtractionError, extractText } from './index';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function failure(bytes: Uint8Array, filename: string): Promise<string> {
  const error: unknown = await extractText(bytes, { filename }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ExtractionError);
  return (error as ExtractionError).reason;
}

const DECK = pptx([
  { title: 'Harbour lights', bullets: ['Three lamps replaced', 'Budget on track'], notes: 'Mention the storm on 3 March.\nThank the night crew.' },
  { title: 'Blank slide', bullets: [] },
  { title: 'Next steps', bullets: ['Order spare lenses'], notes: 'Ask finance about the lens quote.' },
]);

describe('PowerPoint', () => {
  it('reads slides in the presentation’s order, each with its speaker notes, and keeps slide numbers as pages', async () => {
    const document = await extractText(DECK, { filename: 'review.pptx' });
    expect(document).toMatchObject({ format: 'pptx', title: 'Quarterly review', pageCount: 3 });
    expect(document.mimeType).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(document.text).toBe(
      [
        '## Slide 1\n\nHarbour lights\nThree lamps replaced\nBudget on track\n\nSpeaker notes:\nMention the storm on 3 March.\nThank the night crew.',
        '## Slide 2\n\nBlank slide',
        '## Slide 3\n\nNext steps\nOrder spare lenses\n\nSpeaker notes:\nAsk finance about the lens quote.',
      ].join('\n\n'),
    );
    const slideThree = document.text.indexOf('## Slide 3');
    expect(document.pageStarts).toEqual([
      { page: 1, start: 0 },
      { page: 2, start: document.text.indexOf('## Slide 2') },
      { page: 3, start: slideThree },
    ]);
    expect(document.sections?.at(-1)).toEqual({ start: slideThree, end: document.text.length, headerEnd: slideThree + '## Slide 3'.length });
  });
});

const PRICES = [
  ['Product', 'Price', 'In stock', 'Since'],
  ['Walnut desk', 349.5, true, new Date(Date.UTC(2026, 2, 15))],
  ['Oak chair', 89, false, null],
];

describe('Excel', () => {
  it('reads each sheet under its name with its header row, shared strings, booleans and dates as shown', async () => {
    const book = xlsx([
      { name: 'Prices', rows: PRICES },
      { name: 'Empty', rows: [] },
      { name: 'Staff & roles', rows: [['Name', null, 'Role'], ['Ada', null, 'Keeper']] },
    ]);
    const document = await extractText(book, { filename: 'prices.xlsx' });
    expect(document).toMatchObject({ format: 'xlsx', title: 'Price list', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const prices = '## Sheet: Prices\nProduct | Price | In stock | Since\nWalnut desk | 349.5 | TRUE | 2026-03-15\nOak chair | 89 | FALSE';
    const staff = '## Sheet: Staff & roles\nName | Role\nAda | Keeper';
    expect(document.text).toBe(`${prices}\n\n${staff}`);
    expect(document.sections).toEqual([
      { start: 0, end: prices.length, headerEnd: prices.indexOf('\nWalnut') },
      { start: prices.length + 2, end: document.text.length, headerEnd: prices.length + 2 + staff.indexOf('\nAda') },
    ]);
  });

  it('reads a workbook written by another program (ExcelJS): formulas by their value, rich text, date formats', async () => {
    const book = new ExcelJS.Workbook();
    book.title = 'Stock';
    const sheet = book.addWorksheet('Stock levels');
    sheet.addRow(['Part', 'Count', 'Checked on', 'Unit price']);
    sheet.addRow(['Fresnel lens', 4, new Date(Date.UTC(2026, 0, 9)), 129.95]);
    sheet.addRow(['Lamp, 1000 W', 12, new Date(Date.UTC(2026, 1, 2)), { formula: 'B3*2', result: 24 }]);
    sheet.getCell('B5').value = { richText: [{ text: 'Rich ' }, { font: { bold: true }, text: 'text' }] };
    sheet.getColumn(3).numFmt = 'dd/mm/yyyy';
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const document = await extractText(bytes, { filename: 'stock.xlsx' });
    expect(document).toMatchObject({ format: 'xlsx', title: 'Stock' });
    expect(document.text).toBe(
      '## Sheet: Stock levels\nPart | Count | Checked on | Unit price\nFresnel lens | 4 | 2026-01-09 | 129.95\nLamp, 1000 W | 12 | 2026-02-02 | 24\n | Rich text',
    );
  });

  it('reads only the filled cells of a sheet declaring the largest possible range', async () => {
    const document = await extractText(hugeRangeXlsx(), { filename: 'range.xlsx' });
    expect(document.text).toBe('## Sheet: Data\nTop left corner\n | Bottom right corner');
  });
});

describe('OpenDocument spreadsheet', () => {
  it('reads tables with repeated cells, skips comments and LibreOffice’s million repeated empty rows at no cost', async () => {
    const repeatedCell = '<table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>Free</text:p></table:table-cell><table:table-cell><office:annotation><text:p>Private comment</text:p></office:annotation><text:p>Room <text:span>9</text:span></text:p></table:table-cell></table:table-row>';
    const emptyTail = `${repeatedCell}<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`;
    const book = ods([odsTable('Rooms', [['Room', 'Day', 'Booked by'], ['Blue room', 'Monday', 'Ada Lovelace']], emptyTail)]);
    const document = await extractText(book, { filename: 'rooms.ods' });
    expect(document).toMatchObject({ format: 'ods', title: 'Room bookings' });
    expect(document.text).toBe('## Sheet: Rooms\nRoom | Day | Booked by\nBlue room | Monday | Ada Lovelace\nFree | Free | Room 9');
  });

  it('fails a filled cell repeated over a million rows, with the reason', async () => {
    const flood = '<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>';
    const reason = await failure(ods([odsTable('Flood', [['A']], flood)]), 'flood.ods');
    expect(reason).toMatch(/more than 2,000,000 filled cells|more than 200,000 rows/);
  });
});

describe('CSV and TSV', () => {
  it('reads quoted fields, with the first row as the header', async () => {
    const csv = 'Product,Price,Notes\r\n"Walnut desk",349.50,"Solid wood, oiled"\r\n"Oak ""Classic"" chair",89,"Line one\nline two"\r\n\r\n';
    const document = await extractText(utf8(csv), { filename: 'prices.csv' });
    expect(document).toMatchObject({ format: 'csv', mimeType: 'text/csv' });
    expect(document.text).toBe('Product | Price | Notes\nWalnut desk | 349.50 | Solid wood, oiled\nOak "Classic" chair | 89 | Line one line two');
    expect(document.sections).toEqual([{ start: 0, end: document.text.length, headerEnd: 'Product | Price | Notes'.length }]);
  });

  it('reads tab-separated values', async () => {
    const document = await extractText(utf8('Room\tFloor\nBlue\t2\n'), { filename: 'rooms.tsv' });
    expect(document.text).toBe('Room | Floor\nBlue | 2');
  });
});

describe('OpenDocument text', () => {
  it('reads headings, paragraphs, lists and tables, leaving comments and footnotes out', async () => {
    const body =
      '<text:h text:outline-level="1">Tenancy handbook</text:h>' +
      '<text:p>Rent is due on the <text:span>first</text:span> day.<text:s text:c="3"/>Late fees apply.<office:annotation><text:p>Check with legal</text:p></office:annotation></text:p>' +
      '<text:h text:outline-level="2">Keys</text:h>' +
      '<text:list><text:list-item><text:p>Front door</text:p></text:list-item><text:list-item><text:p>Bike shed</text:p></text:list-item></text:list>' +
      '<table:table><table:table-row><table:table-cell><text:p>Item</text:p></table:table-cell><table:table-cell><text:p>Deposit</text:p></table:table-cell></table:table-row>' +
      '<table:table-row><table:table-cell><text:p>Fob</text:p></table:table-cell><table:table-cell><text:p>25 euros</text:p></table:table-cell></table:table-row></table:table>' +
      '<text:p>Ask the warden.<text:note><text:note-body><text:p>Footnote text</text:p></text:note-body></text:note></text:p>';
    const document = await extractText(odt(body), { filename: 'handbook.odt' });
    expect(document).toMatchObject({ format: 'odt', title: 'Tenancy handbook', mimeType: 'application/vnd.oasis.opendocument.text' });
    expect(document.text).toBe(
      '# Tenancy handbook\n\nRent is due on the first day. Late fees apply.\n\n## Keys\n\n- Front door\n- Bike shed\n\nItem | Deposit\nFob | 25 euros\n\nAsk the warden.',
    );
  });
});

describe('EPUB', () => {
  it('reads chapters in spine order through the HTML reader, each a section, titled from the package', async () => {
    const book = epub('The Lighthouse Keeper', [
      { heading: 'Arrival', paragraphs: ['The keeper arrived in autumn.'] },
      { heading: 'Winter', paragraphs: ['Storms broke the lamp twice.', 'Supplies came by boat.'] },
    ]);
    const document = await extractText(book, { filename: 'keeper.epub' });
    expect(document).toMatchObject({ format: 'epub', title: 'The Lighthouse Keeper', mimeType: 'application/epub+zip' });
    expect(document.text).toBe('# Arrival\n\nThe keeper arrived in autumn.\n\n# Winter\n\nStorms broke the lamp twice.\n\nSupplies came by boat.');
    expect(document.sections).toHaveLength(2);
    expect(document.sections?.[1]?.start).toBe(document.text.indexOf('# Winter'));
  });
});

describe('RTF', () => {
  it('reads body text with escapes and Unicode, skipping tables of fonts and colours, titled from \\info', async () => {
    const rtf =
      '{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}}{\\colortbl;\\red255\\green0\\blue0;}' +
      '{\\*\\generator Test writer;}{\\info{\\title Caf\\\'e9 menu}{\\author Ada}}\n' +
      '\\pard\\b Caf\\\'e9 cr\\\'e8me\\b0\\par\nPrice: 5 \\u8364?\\par\n{\\*\\bkmkstart hidden}Served {\\i daily}\\~at noon.\\par\n' +
      '\\trowd Tea\\cell 2 euros\\cell\\row}';
    const document = await extractText(new Uint8Array(Buffer.from(rtf, 'latin1')), { filename: 'menu.rtf' });
    expect(document).toMatchObject({ format: 'rtf', title: 'Café menu', mimeType: 'application/rtf' });
    expect(document.text).toBe('Café crème\nPrice: 5 €\nServed daily at noon.\nTea | 2 euros');
  });
});

describe('detecting the new formats by content', () => {
  it('tells the packaged formats apart whatever their names, and takes CSV from the name', () => {
    expect(detectFormat(DECK, 'deck.zip')).toBe('pptx');
    expect(detectFormat(xlsx([{ name: 'A', rows: [['x']] }]), 'book.bin')).toBe('xlsx');
    expect(detectFormat(ods([odsTable('A', [['x']])]))).toBe('ods');
    expect(detectFormat(odt('<text:p>x</text:p>'))).toBe('odt');
    expect(detectFormat(epub('Book', [{ heading: 'One', paragraphs: ['x'] }]))).toBe('epub');
    expect(detectFormat(utf8('{\\rtf1 Hello}'), 'notes.txt')).toBe('rtf');
    expect(detectFormat(utf8('a,b\n1,2'), 'data.csv')).toBe('csv');
    expect(detectFormat(utf8('a,b\n1,2'), undefined, 'text/csv')).toBe('csv');
    expect(detectFormat(utf8('a,b\n1,2'), 'data.txt')).toBe('text');
  });
});

describe('hostile office files end with a reason, within bounds', () => {
  it('refuses an archive whose index declares gigabytes, before inflating anything', async () => {
    expect(await failure(declaredZipBomb(3_000_000_000), 'bomb.xlsx')).toMatch(/unpack to 2,861 MB.*zip bomb/);
  });

  it('stops inflating a part that unpacks to more than it declares', async () => {
    expect(await failure(await understatedZipBomb(64), 'bomb.pptx')).toMatch(/more than its own index declares.*zip bomb/);
  });

  it('refuses XML that declares entities (billion laughs) without expanding them', async () => {
    expect(await failure(billionLaughsXlsx(), 'laughs.xlsx')).toMatch(/declares XML entities.*billion laughs/);
  });

  // Building the million-row file takes the test itself a few seconds, more on a busy machine.
  it('stops at a cap on rows, empty ones included', async () => {
    expect(await failure(emptyRowsXlsx(1_000_000), 'rows.xlsx')).toMatch(/more than 200,000 rows \(empty ones included\)/);
  }, 120_000);

  it('refuses RTF nested deeper than any word processor writes, before its groups fill the memory', async () => {
    expect(await failure(utf8(`{\\rtf1 ${'{'.repeat(5_000_000)}x`), 'deep.rtf')).toMatch(/nested more than 1,000 deep/);
  });

  it('explains a damaged archive', async () => {
    expect(await failure(truncatedXlsx(), 'cut.xlsx')).toMatch(/damaged.*ZIP archive/);
  });

  it('explains a file named like an office format that is not one', async () => {
    expect(await failure(Uint8Array.from({ length: 512 }, (_, i) => i % 251), 'deck.pptx')).toMatch(/named like a PowerPoint presentation/);
  });
});
