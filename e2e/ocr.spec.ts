import type { Canvas } from '@napi-rs/canvas';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { rasterisePdf, textPdf } from '../test/support/scans';
import { expectNoSeriousViolations } from './pages/accessibility';
import { DocumentViewerPage } from './pages/document-viewer-page';
import { inEachLook } from './pages/looks';

const NOTICE = ['Winter timetable: the island ferry sails at seven and at noon.', 'Tickets are sold on board, cash only.'];

/** A photographed notice: a printed page drawn to pixels, saved as PNG. */
async function noticePng(): Promise<Buffer> {
  const [page] = (await rasterisePdf(await textPdf([NOTICE]))) as [Canvas];
  return Buffer.from(await page.encode('png'));
}

async function upload(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.post('/api/documents/upload', { multipart: { file: { name, mimeType: 'image/png', buffer: await noticePng() } } });
  expect(response.status(), await response.text()).toBe(202);
  const id = ((await response.json()) as { documents: Array<{ document_id: string }> }).documents[0]!.document_id;
  await expect
    .poll(async () => ((await (await request.get(`/documents/${id}`)).json()) as { status: string }).status, { timeout: 90_000 })
    .toBe('ready');
  return id;
}

inEachLook((look) => {
  // Recognising the picture takes seconds on a busy two-core machine, the first time longer (the engine starts).
  test.describe.configure({ timeout: 150_000 });

  test('a photographed notice is read by OCR, and the viewer says its text was recognised', async ({ page, request }, testInfo) => {
    const id = await upload(request, `notice-${look.colorScheme}.png`);
    const viewer = new DocumentViewerPage(page);
    await viewer.goto(id);
    await expect(viewer.fact('Type')).toHaveText('PNG image');
    await expect(viewer.fact('Text')).toHaveText('Text recognised from the image (OCR)');
    await expect(viewer.passages.first()).toContainText('island ferry sails');
    await expect(viewer.passages.first().getByTestId('passage-ocr')).toHaveText('Text recognised from the scan (OCR)');
    await expectNoSeriousViolations(page, testInfo, `viewer-ocr-${look.colorScheme}`);
    await viewer.screenshot(testInfo, `viewer-ocr-${look.colorScheme}`);
  });
});
