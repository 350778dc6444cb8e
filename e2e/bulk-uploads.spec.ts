import { expect, test, type APIRequestContext } from '@playwright/test';
import { zipFile } from '../test/support/zip-file';
import { expectNoSeriousViolations, saveFullPage } from './pages/accessibility';
import { BulkUploads, makeFolder } from './pages/bulk-uploads';
import { inEachLook } from './pages/looks';
import { FAKE_MODEL_URL, ON_MODEL_APP } from './servers';

// A GIF: an image kind Docent does not read (PNG, JPEG, TIFF and WebP are read by OCR).
const GIF = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0]).toString('latin1');
const NOTES = 24;

/** The fake model server's next embeddings call never answers (until the app gives up on it). */
const hangNextEmbedding = (request: APIRequestContext) =>
  request.post(`${FAKE_MODEL_URL}/_control/fail-next`, { data: { route: 'embeddings', faults: [{ kind: 'hang' }] }, headers: { connection: 'close' } });
/** Forgets faults not yet used: the hang may not have been reached before the cancel. */
const resetModel = (request: APIRequestContext) => request.post(`${FAKE_MODEL_URL}/_control/reset`, { headers: { connection: 'close' } });

// Uploading, reading and indexing dozens of files on a shared two-core machine takes longer than the default 30 s.
test.describe.configure({ timeout: 120_000 });

inEachLook((look) => {
  test('a user uploads a whole folder: every readable file becomes a document, the stray image is listed with why', async ({ page }, testInfo) => {
    const run = `${look.colorScheme}-${testInfo.workerIndex}-${Date.now()}`;
    const files = Object.fromEntries(
      Array.from({ length: NOTES }, (_, i) => [`week-${i + 1}.md`, `# Log ${run} week ${i + 1}\n\nThe keeper counted ${i + 3} ships passing the point.`]),
    );
    const folder = makeFolder(`harbour-log-${run}`, { ...files, 'photos/quay.gif': GIF });
    const bulk = new BulkUploads(page);
    await bulk.documents.goto();

    await test.step('they pick the folder; a row per file shows its upload going up in batches', async () => {
      await bulk.chooseFolder(folder);
      await expect(bulk.documents.uploadRows).toHaveCount(NOTES + 1);
    });

    await test.step('every note ends ready, under its path in the folder', async () => {
      for (const name of [`harbour-log-${run}/week-1.md`, `harbour-log-${run}/week-${NOTES}.md`]) await bulk.expectRowReady(name);
      await expect(bulk.documents.uploadRows.and(page.locator('[data-document-status="ready"]'))).toHaveCount(NOTES, { timeout: 60_000 });
    });

    await test.step('the image is left out with a reason, and did not stop the rest', async () => {
      await bulk.expectRowLeftOut(`harbour-log-${run}/photos/quay.gif`, /not a kind of document Docent can read/);
      await expectNoSeriousViolations(page, testInfo, `folder-upload-${look.colorScheme}`);
      await saveFullPage(page, testInfo, `folder-upload-${look.name}`);
    });
  });

  test('a user uploads a zip archive: it expands into documents and says which files it left out', async ({ page }, testInfo) => {
    const run = `${look.colorScheme}-${Date.now()}`;
    const archive = await zipFile({
      ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`ferries/${run}-${i + 1}.txt`, `Ferry timetable ${run} number ${i + 1}: the boat leaves the quay at ${i + 4} o'clock.`])),
      'ferries/chart.gif': Buffer.from(GIF, 'latin1'),
    });
    const bulk = new BulkUploads(page);
    await bulk.documents.goto();
    await bulk.chooseZip(`ferries-${run}.zip`, archive);
    const row = bulk.row(`ferries-${run}.zip`);
    await expect(row.getByTestId('upload-state')).toHaveText('Expanded into 6 documents');
    await row.getByTestId('upload-skipped').getByText('1 file left out').click();
    await expect(row.getByTestId('upload-skipped')).toContainText('ferries/chart.gif');
    // Ferries, not tides: the library is shared by every spec, and the viewer spec asks about high water.
    // Titled by the file's path, or by its first line once read.
    await expect(bulk.documents.documentRows.filter({ hasText: new RegExp(`ferries/${run}-3|Ferry timetable ${run} number 3`) })).toBeVisible();
    await expectNoSeriousViolations(page, testInfo, `zip-upload-${look.colorScheme}`);
  });
});

test('a user uploads a folder of 70 files: counts and the row that needs them come first, the rest on request', async ({ page }, testInfo) => {
  const run = `big-${testInfo.workerIndex}-${Date.now()}`;
  const notes = Object.fromEntries(Array.from({ length: 69 }, (_, i) => [`page-${i + 1}.md`, `# Wiki ${run} page ${i + 1}\n\nThe ferry left at ${i % 12} o'clock.`]));
  // Named to sort after the notes: wherever the folder lists it, the panel shows it first once it is left out.
  const folder = makeFolder(`wiki-${run}`, { ...notes, 'zz-photos/quay.gif': GIF });
  const bulk = new BulkUploads(page);
  await bulk.documents.goto();
  await bulk.chooseFolder(folder);

  await expect(bulk.summary).toHaveAttribute('data-total', '70');
  await expect(bulk.summary).toHaveAttribute('data-ready', '69', { timeout: 90_000 });
  await expect(bulk.summary).toHaveAttribute('data-failed', '1');
  await expect(bulk.summary).toContainText('70 files: 70 uploaded, 69 ready, 1 failed or left out');
  await expect(bulk.documents.uploadRows).toHaveCount(50);
  await expect(bulk.documents.uploadRows.first()).toHaveAttribute('data-filename', `wiki-${run}/zz-photos/quay.gif`);
  await expect(bulk.documents.uploadRows.first().getByTestId('upload-error')).toHaveText(/not a kind of document Docent can read/);
  await expectNoSeriousViolations(page, testInfo, 'big-folder-upload');

  await bulk.showMore.click();
  await expect(bulk.documents.uploadRows).toHaveCount(70);
  await expect(bulk.showMore).toHaveCount(0);
  await bulk.expectRowReady(`wiki-${run}/page-1.md`);
});

test.describe('with a model server that can be made to hang', () => {
  test.use(ON_MODEL_APP);

  inEachLook((look) => {
    test('a user cancels a document while it is read, then retries it from the upload panel and it becomes ready', async ({ page, request }, testInfo) => {
      const name = `pilot-notes-${look.colorScheme}-${Date.now()}.md`;
      const folder = makeFolder(`cancel-${Date.now()}`, { [name]: `# Pilot notes\n\nPilots board inbound ships at the fairway buoy (${name}).` });
      const bulk = new BulkUploads(page);
      await bulk.documents.goto();
      expect((await hangNextEmbedding(request)).ok()).toBe(true);
      await bulk.documents.fileInput.setInputFiles(`${folder}/${name}`);

      await test.step('while it is read, they cancel it and the row says so', async () => {
        await expect(bulk.row(name)).toHaveAttribute('data-document-status', 'processing');
        await bulk.cancelReading(name).click();
        expect((await resetModel(request)).ok()).toBe(true);
        await expect(bulk.row(name)).toHaveAttribute('data-document-status', 'failed');
        await expect(bulk.row(name).getByTestId('upload-error')).toHaveText('Cancelled by you.');
        const libraryRow = await bulk.documents.documentRowForUpload(name);
        await expect(libraryRow).toHaveAttribute('data-status', 'failed');
        await expectNoSeriousViolations(page, testInfo, `cancelled-${look.colorScheme}`);
      });

      await test.step('they retry it; it is read again from the stored original and becomes ready', async () => {
        await bulk.retryReading(name).click();
        await bulk.expectRowReady(name);
        await bulk.documents.expectReady(await bulk.documents.documentRowForUpload(name));
        await saveFullPage(page, testInfo, `retried-${look.name}`);
      });
    });
  });
});
