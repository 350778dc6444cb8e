import type { Canvas } from '@napi-rs/canvas';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from '@/db/queries/documents';
import type { UserCaller } from '@/server/auth/caller';
import { retrievePassages } from '@/server/chat/retrieve';
import { viewDocument } from '@/server/documents/viewer';
import { stopProcessOcrPool } from '@/server/ingest/ocr/process-ocr-pool';
import { submitDocument } from '@/server/ingest/submit';
import { IngestWorker } from '@/server/ingest/worker';
import type { Services } from '@/server/services';
import { DRIVERS } from '@/test/support/databases';
import { imageOnlyPdf, rasterisePdf, textPdf, tiffOf, wordsRecognised } from '@/test/support/scans';
import { createTestServices, waitFor } from '@/test/support/services';

// Each page says something no other page says, so a search for it can only find that page's passage.
const TYPED = ['The harbour office opens at nine on weekdays.', 'Visitors sign the register at the front desk.'];
const SCANNED = ['The lighthouse keeper repaints the lantern room every April.', 'Spare bulbs are kept in the oak cabinet upstairs.'];
const PHOTOGRAPHED = ['Ferry tickets to the northern islands cost twelve euros.', 'Bicycles travel free on the morning crossing.'];

describe.each(DRIVERS)('text recognition (OCR) in the ingestion pipeline on %s', (driver) => {
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;
  let worker: IngestWorker;
  let photo: Canvas;
  let mixedPdf: Uint8Array;

  beforeAll(async () => {
    [photo] = (await rasterisePdf(await textPdf([PHOTOGRAPHED]))) as [Canvas];
    // Page 1 keeps its text layer; page 2 is a picture of a printed page, as a scanner makes it.
    const [typedPage, scannedPage] = await rasterisePdf(await textPdf([TYPED, SCANNED]));
    const scanOnly = await imageOnlyPdf([typedPage!, scannedPage!]);
    const { PDFDocument } = await import('pdf-lib');
    const mixed = await PDFDocument.create();
    const [typed] = await mixed.copyPages(await PDFDocument.load(await textPdf([TYPED])), [0]);
    const [scanned] = await mixed.copyPages(await PDFDocument.load(scanOnly), [1]);
    mixed.addPage(typed!);
    mixed.addPage(scanned!);
    mixedPdf = new Uint8Array(await mixed.save());
  }, 60_000);
  afterAll(() => stopProcessOcrPool());

  beforeEach(async () => {
    ({ services, owner, cleanup } = await createTestServices(driver, { CHUNK_SIZE: '32', CHUNK_OVERLAP: '0' }));
    worker = new IngestWorker(services, { concurrency: 1, leaseSeconds: 30, maxAttempts: 1, pollIntervalMs: 20 });
    worker.start();
  });
  afterEach(async () => {
    await worker.stop();
    await cleanup();
  });

  async function ingest(content: Uint8Array, filename: string) {
    const { documentId } = await submitDocument(services, owner, { content, filename });
    const document = await waitFor(async () => {
      const doc = await getDocument(services.db, owner.userId, documentId);
      return doc && (doc.status === 'ready' || doc.status === 'failed') ? doc : undefined;
    }, 90_000, `${filename} to be read`);
    return { document, view: await viewDocument(services, owner, documentId) };
  }

  const textOf = (chunks: Array<{ content: string }>) => chunks.map((chunk) => chunk.content).join('\n');
  const ask = (question: string) => retrievePassages(services, owner, { question, vaultId: null, topK: 1 });

  it('reads a scanned page of a PDF by OCR, keeps the text layer of the other, and marks which is which', async () => {
    const { document, view } = await ingest(mixedPdf, 'visitor guide.pdf');
    expect(document).toMatchObject({ status: 'ready', mimeType: 'application/pdf' });
    expect(view.ocrPages).toEqual([2]);

    const typed = view.chunks.filter((chunk) => chunk.pageStart === 1);
    const scanned = view.chunks.filter((chunk) => chunk.pageStart === 2);
    // The text layer comes through exactly, and not from OCR.
    expect(textOf(typed)).toBe(TYPED.join('\n'));
    expect(typed.every((chunk) => !chunk.fromOcr)).toBe(true);
    // The scan’s words are found (OCR misreads the odd letter: "lantem", "northem"), on page 2, marked as recognised.
    for (const sentence of SCANNED) expect(wordsRecognised(sentence, textOf(scanned))).toBeGreaterThanOrEqual(0.7);
    expect(scanned.length).toBeGreaterThan(0);
    expect(scanned.every((chunk) => chunk.fromOcr && chunk.pageEnd === 2)).toBe(true);

    const [found] = await ask('Where are the spare bulbs kept?');
    expect(found).toMatchObject({ documentId: document.id, pageStart: 2 });
  }, 120_000);

  it.each([
    ['PNG', 'timetable.png', 'image/png', (canvas: Canvas) => canvas.encode('png')],
    ['JPEG', 'timetable.jpg', 'image/jpeg', (canvas: Canvas) => canvas.encode('jpeg', 90)],
    ['TIFF', 'timetable.tiff', 'image/tiff', (canvas: Canvas) => tiffOf(canvas)],
    ['WebP', 'timetable.webp', 'image/webp', (canvas: Canvas) => canvas.encode('webp', 90)],
  ] as const)('reads the text of a %s image by OCR and finds it by a sentence it holds', async (_type, filename, mimeType, encode) => {
    const { document, view } = await ingest(new Uint8Array(await encode(photo)), filename);
    expect(document).toMatchObject({ status: 'ready', mimeType, title: 'timetable' });
    expect(view.ocrPages).toEqual([1]);
    for (const sentence of PHOTOGRAPHED) expect(wordsRecognised(sentence, textOf(view.chunks))).toBeGreaterThanOrEqual(0.7);
    expect(view.chunks.every((chunk) => chunk.fromOcr && chunk.pageStart === 1)).toBe(true);

    const [found] = await ask('How much is a ferry ticket to the northern islands?');
    expect(found?.documentId).toBe(document.id);
  }, 120_000);

  it('ends an image with no text in it failed, saying so plainly', async () => {
    const { createCanvas } = await import('@napi-rs/canvas');
    const blank = createCanvas(800, 600);
    const context = blank.getContext('2d');
    context.fillStyle = '#f4f1ea';
    context.fillRect(0, 0, 800, 600);
    context.fillStyle = '#7a8c99';
    context.beginPath();
    context.arc(400, 300, 180, 0, Math.PI * 2);
    context.fill();
    const { document } = await ingest(new Uint8Array(await blank.encode('png')), 'sunset.png');
    expect(document).toMatchObject({ status: 'failed', chunkCount: 0 });
    expect(document.error).toMatch(/^No text could be recognised in this image\./);
  }, 120_000);
});
