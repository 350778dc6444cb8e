import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from '@/db/queries/documents';
import { retrievePassages } from '@/server/chat/retrieve';
import { forgetActiveModel } from '@/server/embedding/active-model';
import { submitDocument } from '@/server/ingest/submit';
import { IngestWorker } from '@/server/ingest/worker';
import type { UserCaller } from '@/server/auth/caller';
import type { Services } from '@/server/services';
import { DRIVERS } from '@/test/support/databases';
import {
  billionLaughsXlsx,
  declaredZipBomb,
  emptyRowsXlsx,
  truncatedXlsx,
  understatedZipBomb,
} from '@/test/support/hostile-files';
import { epub, ods, odsTable, odt, pptx, xlsx, type CellValue } from '@/test/support/office-files';
import { createTestServices, waitFor } from '@/test/support/services';

/**
 * Every new format through the real pipeline (upload checks, queue, worker, ingestion thread, chunking, offline
 * embedding, PGlite and PostgreSQL), read back as chunks and found by a question; hostile files end failed with a
 * reason while the process's memory stays bounded and the worker goes on to the next document.
 */

const WOODS = ['Walnut', 'Oak', 'Maple', 'Cherry', 'Birch', 'Ash', 'Elm', 'Pine', 'Teak', 'Beech'];
const PIECES = ['desk', 'chair', 'shelf', 'stool', 'bench', 'cabinet'];
const CATALOGUE: CellValue[][] = [
  ['Product', 'Price (EUR)', 'Warehouse'],
  ...PIECES.flatMap((piece, p) => WOODS.map((wood, w) => [`${wood} ${piece}`, 40 + p * 50 + w * 7, `Aisle ${p + 1}${String.fromCharCode(65 + w)}`])),
];
const HEADER_LINE = 'Product | Price (EUR) | Warehouse';

const SLIDES = [
  { title: 'Harbour lights', bullets: ['Three lamps replaced this quarter'], notes: 'Mention the storm of 3 March and thank the night crew.' },
  { title: 'Budget', bullets: ['Spending is on track'] },
  { title: 'Next steps', bullets: ['Order spare Fresnel lenses'], notes: 'Finance still owes us the quote for the lenses.' },
];

/** Formats that need no more than their text checked: file, name, and a sentence their chunks must hold. */
const TEXT_FORMATS: Array<[string, () => Uint8Array, string]> = [
  ['rooms.ods', () => ods([odsTable('Rooms', [['Room', 'Floor'], ['Blue room', 'Second floor']])]), 'Blue room | Second floor'],
  ['prices.csv', () => new TextEncoder().encode('Product,Price\n"Walnut desk, oiled",349\n'), 'Walnut desk, oiled | 349'],
  ['keeper.epub', () => epub('Keeper', [{ heading: 'Arrival', paragraphs: ['The keeper arrived in the autumn gale.'] }]), 'The keeper arrived in the autumn gale.'],
  ['handbook.odt', () => odt('<text:h text:outline-level="1">Keys</text:h><text:p>The bike shed key hangs by the door.</text:p>'), 'The bike shed key hangs by the door.'],
  ['menu.rtf', () => new TextEncoder().encode('{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}Tea is served at four.\\par}'), 'Tea is served at four.'],
];

describe.each(DRIVERS)('office and e-book formats through the pipeline on %s', (driver) => {
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;
  let worker: IngestWorker;

  beforeEach(async () => {
    forgetActiveModel();
    ({ services, owner, cleanup } = await createTestServices(driver, { EMBEDDING_MODEL: 'offline-hashed', CHUNK_SIZE: '64', CHUNK_OVERLAP: '8' }));
    worker = new IngestWorker(services, { concurrency: 1, leaseSeconds: 30, maxAttempts: 1, pollIntervalMs: 20 });
    worker.start();
  });
  afterEach(async () => {
    await worker.stop();
    forgetActiveModel();
    await cleanup();
  });

  const settled = (id: string) =>
    waitFor(async () => {
      const doc = await getDocument(services.db, owner.userId, id);
      return doc && (doc.status === 'ready' || doc.status === 'failed') ? doc : undefined;
    }, 60_000, `document ${id} to settle`);
  const chunks = (id: string) =>
    services.db.rows<{ content: string; page_start: number | null; page_end: number | null }>(
      sql`SELECT content, page_start, page_end FROM chunks WHERE document_id = ${id} ORDER BY ordinal`,
    );
  const upload = async (filename: string, content: Uint8Array) => (await submitDocument(services, owner, { content, filename })).documentId;

  it('chunks a workbook by rows with the header in every chunk, so a question about one row finds it', async () => {
    const id = await upload('catalogue.xlsx', xlsx([{ name: 'Catalogue', rows: CATALOGUE }]));
    expect(await settled(id)).toMatchObject({ status: 'ready', title: 'Price list', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const rows = await chunks(id);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row.content.startsWith(`## Sheet: Catalogue\n${HEADER_LINE}\n`)).toBe(true);
    // The row sits far from the header in the sheet; its chunk still names the columns.
    const [best] = await retrievePassages(services, owner, { question: 'What is the price of the Teak cabinet?', vaultId: null, topK: 3 });
    expect(best?.content).toContain(`${HEADER_LINE}\n`);
    expect(best?.content).toContain('Teak cabinet | 346 | Aisle 6I');
  });

  it('keeps each slide apart with its speaker notes, its number as the chunk’s page', async () => {
    const id = await upload('review.pptx', pptx(SLIDES));
    expect(await settled(id)).toMatchObject({ status: 'ready', title: 'Quarterly review' });
    const rows = await chunks(id);
    expect(rows.map((r) => [r.page_start, r.page_end])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(rows[0]!.content).toContain('Speaker notes:\nMention the storm of 3 March and thank the night crew.');
    const [best] = await retrievePassages(services, owner, { question: 'Who owes us the quote for the lenses?', vaultId: null, topK: 3 });
    expect(best).toMatchObject({ pageStart: 3, pageEnd: 3 });
    expect(best?.content).toContain('Finance still owes us the quote for the lenses.');
  });

  it.each(TEXT_FORMATS)('reads %s', async (filename, make, sentence) => {
    const id = await upload(filename, make());
    expect(await settled(id)).toMatchObject({ status: 'ready', error: null });
    expect((await chunks(id)).map((r) => r.content).join('\n')).toContain(sentence);
  });
});

describe('hostile office files', () => {
  // Native PostgreSQL runs in its own process, so this process's memory is the reader's (PGlite's WASM heap would
  // grow with the stored files, whatever the reader does).
  const driver = 'postgres' as const;
  let files: Array<[string, Uint8Array, RegExp]>;

  beforeAll(async () => {
    // Built before memory is measured: the test's own copies are not the reader's doing.
    files = [
      ['declared-bomb.xlsx', declaredZipBomb(4_000_000_000), /zip bomb/],
      ['understated-bomb.pptx', await understatedZipBomb(256), /more than its own index declares/],
      ['laughs.xlsx', billionLaughsXlsx(), /billion laughs/],
      ['empty-rows.xlsx', emptyRowsXlsx(1_000_000), /more than 200,000 rows/],
      ['flood.ods', ods([odsTable('Flood', [['A']], '<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>')]), /more than/],
      ['cut.xlsx', truncatedXlsx(), /damaged/],
    ];
  });

  it('each ends failed with its reason, memory stays bounded, and the worker reads the next document', async () => {
    forgetActiveModel();
    const { services, owner, cleanup } = await createTestServices(driver, { EMBEDDING_MODEL: 'offline-hashed' });
    const worker = new IngestWorker(services, { concurrency: 1, leaseSeconds: 30, maxAttempts: 1, pollIntervalMs: 20 });
    const settled = (id: string, what: string) =>
      waitFor(async () => {
        const found = await getDocument(services.db, owner.userId, id);
        return found?.status === 'failed' || found?.status === 'ready' ? found : undefined;
      }, 60_000, what);
    const fineWorkbook = (name: string) => submitDocument(services, owner, { content: xlsx([{ name, rows: [['Name'], [name]] }]), filename: `${name}.xlsx` });
    let baseline = 0;
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      worker.start();
      // A first document starts the ingestion thread and loads its libraries: that memory is not the files' doing.
      expect(await settled((await fineWorkbook('Before')).documentId, 'the document before them')).toMatchObject({ status: 'ready' });
      baseline = peak = process.memoryUsage().rss;
      const ids: string[] = [];
      for (const [filename, content] of files) ids.push((await submitDocument(services, owner, { content, filename })).documentId);
      const after = (await fineWorkbook('After')).documentId;
      for (const [i, [filename, , reason]] of files.entries()) {
        const doc = await settled(ids[i]!, filename);
        expect(doc.status, filename).toBe('failed');
        expect(doc.error, filename).toMatch(reason);
      }
      expect(await settled(after, 'the document after them')).toMatchObject({ status: 'ready' });
    } finally {
      clearInterval(sampler);
      await worker.stop();
      forgetActiveModel();
      await cleanup();
    }
    const growthMb = (peak - baseline) / 1024 / 1024;
    console.info(`hostile office files: peak RSS growth ${growthMb.toFixed(0)} MB over a warm ingestion thread`);
    // Inflating the understated bomb alone would add 256 MB.
    expect(growthMb).toBeLessThan(128);
  }, 180_000);

  it('a document that outlasts INGEST_DOCUMENT_TIMEOUT in the ingestion thread ends failed with that reason', async () => {
    forgetActiveModel();
    const { services, owner, cleanup } = await createTestServices(driver, { EMBEDDING_MODEL: 'offline-hashed', INGEST_DOCUMENT_TIMEOUT: '0.5' });
    const worker = new IngestWorker(services, { concurrency: 1, leaseSeconds: 30, maxAttempts: 1, pollIntervalMs: 20 });
    // Readable, but 150,000 rows take far longer than half a second to read, chunk and embed.
    const rows = Array.from({ length: 150_000 }, (_, i) => `Item ${i},${i * 3},Aisle ${i % 40}`);
    const content = new TextEncoder().encode(`Product,Price,Aisle\n${rows.join('\n')}`);
    try {
      worker.start();
      const id = (await submitDocument(services, owner, { content, filename: 'inventory.csv' })).documentId;
      const doc = await waitFor(async () => {
        const found = await getDocument(services.db, owner.userId, id);
        return found?.status === 'failed' || found?.status === 'ready' ? found : undefined;
      }, 60_000, 'the long document');
      expect(doc).toMatchObject({ status: 'failed' });
      expect(doc.error).toMatch(/longer than 1 s \(INGEST_DOCUMENT_TIMEOUT\)/);
    } finally {
      await worker.stop();
      forgetActiveModel();
      await cleanup();
    }
  }, 120_000);
});
