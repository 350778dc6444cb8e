import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from '@/db/queries/documents';
import type { UserCaller } from '@/server/auth/caller';
import { usableTitle } from '@/server/ingest/extract/title';
import { checkDocument, submitDocument } from '@/server/ingest/submit';
import { IngestWorker } from '@/server/ingest/worker';
import { parseConfig } from '@/server/config';
import type { Services } from '@/server/services';
import { DRIVERS } from '@/test/support/databases';
import { stopProcessOcrPool } from '@/server/ingest/ocr/process-ocr-pool';
import { createTestServices, waitFor } from '@/test/support/services';

const bytes = (text: string) => new TextEncoder().encode(text);
// The first bytes of each kind of image: enough to tell them apart, not to draw them (a damaged image).
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const TIFF = new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]);
const WEBP = new Uint8Array([...bytes('RIFF'), 36, 0, 0, 0, ...bytes('WEBPVP8 ')]);
const GIF = bytes('GIF89a\u0001\u0000\u0001\u0000');

describe('titles found in files', () => {
  it.each(['about:blank', 'Untitled', 'untitled-1', 'Document1', 'Microsoft Word - report.doc', '---', '  ', '(1)', 'C:\\temp\\x.doc', 'final.docx', 'Slide 1'])(
    'drops the placeholder %j so the file name is used',
    (title) => expect(usableTitle(title)).toBeNull(),
  );
  it.each(['Harbour handbook', 'Q3 report: revenue', '2026 Annual Review', 'Über die Gezeiten'])('keeps the real title %j', (title) =>
    expect(usableTitle(title)).toBe(title),
  );
});

describe('what an upload may be, judged from its content', () => {
  const services = { config: parseConfig({}) };

  it('refuses a text file named like an image, saying what to do', async () => {
    await expect(checkDocument(services, { content: bytes('just some notes'), filename: 'notes.png' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/notes\.png is named like a \.png file but contains text/),
    });
  });

  it('accepts PNG, JPEG, TIFF and WebP images by their content, whatever their name: their text is recognised (OCR)', async () => {
    await expect(checkDocument(services, { content: PNG, filename: 'scan.jpg' })).resolves.toBe('png');
    await expect(checkDocument(services, { content: JPEG, filename: 'scan.jpg' })).resolves.toBe('jpeg');
    await expect(checkDocument(services, { content: TIFF, filename: 'scan.tif' })).resolves.toBe('tiff');
    await expect(checkDocument(services, { content: WEBP, filename: 'scan.webp' })).resolves.toBe('webp');
  });

  it('refuses other images, saying which it reads', async () => {
    await expect(checkDocument(services, { content: GIF, filename: 'scan.gif' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/scan\.gif is not a kind of document Docent can read\. This kind of image \(such as GIF or BMP\) is not supported; save it as PNG or JPEG/),
    });
  });

  it('accepts text whose name agrees, or says nothing', async () => {
    await expect(checkDocument(services, { content: bytes('# Notes'), filename: 'notes.md' })).resolves.toBe('markdown');
    await expect(checkDocument(services, { content: bytes('plain'), filename: 'README' })).resolves.toBe('text');
  });
});

describe.each(DRIVERS)('uploads on %s', (driver) => {
  afterAll(() => stopProcessOcrPool());
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;
  let worker: IngestWorker;

  beforeEach(async () => {
    ({ services, owner, cleanup } = await createTestServices(driver));
    worker = new IngestWorker(services, { concurrency: 1, leaseSeconds: 30, maxAttempts: 1, pollIntervalMs: 20 });
    worker.start();
  });
  afterEach(async () => {
    await worker.stop();
    await cleanup();
  });

  const settled = (id: string) =>
    waitFor(async () => {
      const doc = await getDocument(services.db, owner.userId, id);
      return doc && (doc.status === 'ready' || doc.status === 'failed') ? doc : undefined;
    }, 20_000, `document ${id} to settle`);

  it('titles an HTML page whose title is about:blank after its file name, and names the original of a duplicate', async () => {
    const page = bytes('<html><head><title>about:blank</title></head><body><p>Tide tables for the harbour.</p></body></html>');
    const first = await submitDocument(services, owner, { content: page, filename: 'tide-tables.html' });
    expect(await settled(first.documentId)).toMatchObject({ status: 'ready', title: 'tide-tables' });

    const again = await submitDocument(services, owner, { content: page, filename: 'copy of tides.html' });
    expect(again).toMatchObject({ deduplicated: true, documentId: first.documentId, title: 'tide-tables' });
  });

  it('stores an empty file as failed, with its reason', async () => {
    const empty = await submitDocument(services, owner, { content: new Uint8Array(), filename: 'empty.txt' });
    expect(await settled(empty.documentId)).toMatchObject({ status: 'failed', error: expect.stringMatching(/empty/) });
  });

  it('stores a damaged image as failed, saying the picture could not be opened', async () => {
    const damaged = await submitDocument(services, owner, { content: PNG, filename: 'scan.png' });
    expect(await settled(damaged.documentId)).toMatchObject({
      status: 'failed',
      error: 'Text recognition (OCR) failed on this image: the picture could not be opened; the file may be damaged.',
    });
  });
});
