import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { ChatPage, HARBOUR_HANDBOOK, ingestDocument } from './pages/chat-page';
import { DocumentViewerPage } from './pages/document-viewer-page';
import { inEachLook } from './pages/looks';

const TIDE_QUESTION = 'When is high water at the harbour?';
const TIDE_ANSWER = 'High water at the harbour comes about forty minutes after high water at the lighthouse';

// A long title with long words, as real file names have: the source cards must wrap or cut it, never widen.
const PDF_TITLE = 'Northern-Harbour-Authority operations manual for lamp keepers, pilots and visiting yachts, revision 2026-b';
const FOGHORN_QUESTION = 'How often does the foghorn on the breakwater sound in fog?';
const FOGHORN_LINE = 'The foghorn on the breakwater sounds three long blasts every ninety seconds in fog.';
const LINES_PER_PAGE = 100;

/**
 * Three pages of about 2,000 tokens each (the offline app chunks at 1,024), the foghorn in the middle of the third:
 * whichever chunk holds it lies on page 3 alone.
 */
function pageLines(page: number): string[] {
  const lines = Array.from(
    { length: LINES_PER_PAGE },
    (_, i) => `Ledger entry ${page}.${i + 1}: the quay railings, paint store and rope locker were checked and found in good order.`,
  );
  if (page === 3) lines[LINES_PER_PAGE / 2] = FOGHORN_LINE;
  return lines;
}

async function manualPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(PDF_TITLE);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const page of [1, 2, 3]) {
    const sheet = pdf.addPage([595, 842]);
    pageLines(page).forEach((line, i) => sheet.drawText(line, { x: 36, y: 800 - i * 7.6, size: 6, font }));
  }
  return Buffer.from(await pdf.save());
}

/** Uploads the manual (as the documents page does) and waits until Docent can answer from it. */
async function uploadManual(request: APIRequestContext): Promise<string> {
  const response = await request.post('/api/documents/upload', {
    multipart: { file: { name: 'harbour-manual.pdf', mimeType: 'application/pdf', buffer: await manualPdf() } },
  });
  expect(response.status(), await response.text()).toBe(202);
  const id = ((await response.json()) as { documents: Array<{ document_id: string }> }).documents[0]!.document_id;
  await expect
    .poll(async () => ((await (await request.get(`/documents/${id}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe('ready');
  return id;
}

/** Content-Security-Policy violations and script errors on the page: pdf.js and its worker must cause none. */
function watchForViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

inEachLook((look) => {
  // Each story asks, opens a panel, a page and draws PDF pages: longer than one default test timeout on a busy machine.
  test.describe.configure({ timeout: 120_000 });

  test.beforeEach(async ({ request }) => {
    await ingestDocument(request, HARBOUR_HANDBOOK);
  });

  test('a citation previews its passage, opens the document beside the chat at it, and opens as a full page', async ({ page }, testInfo) => {
    const problems = watchForViolations(page);
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.ask(TIDE_QUESTION);
    await chat.expectAnswered();
    const chip = chat.citationChips().first();

    await test.step('hovering (on a phone, focusing) the citation shows the title and the passage', async () => {
      await chat.previewCitation(chip);
      await expect(chat.citationCard.getByTestId('citation-card-title')).toHaveText(HARBOUR_HANDBOOK.title);
      await expect(chat.citationCard.getByTestId('citation-card-passage')).toContainText('forty minutes after high water');
      const card = (await chat.citationCard.boundingBox())!;
      expect(card.x).toBeGreaterThanOrEqual(0);
      expect(card.x + card.width).toBeLessThanOrEqual(look.viewport.width);
      await chat.screenshot(`viewer-hover-card-${look.colorScheme}`);
      await page.mouse.move(0, 0);
    });

    const panel = new DocumentViewerPage(page, chat.sourcePanel);
    await test.step('clicking it opens the document beside the chat, scrolled to the highlighted passage', async () => {
      await chip.click();
      await expect(chat.sourcePanel).toBeVisible();
      await expect(panel.citedPassage).toHaveCount(1);
      await expect(panel.citedPassage).toContainText(TIDE_ANSWER);
      await panel.expectOnScreen(panel.citedPassage);
      await expect(panel.fact('Vault')).toHaveText('Default');
      // Still the chat underneath: the conversation's address did not change.
      await expect(page).toHaveURL(/\/\?session=/);
      const box = (await chat.sourcePanel.boundingBox())!;
      if (look.viewport.width < 600) expect(box.width).toBe(look.viewport.width);
      else expect(box.width).toBeLessThan(look.viewport.width / 2);
      await panel.screenshot(testInfo, `viewer-side-panel-${look.colorScheme}`);
    });

    await test.step('"Open full page" shows the whole document at the same passage', async () => {
      await chat.sourcePanel.getByRole('link', { name: 'Open full page' }).click();
      await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}#chunk-\d+$/);
      const viewer = new DocumentViewerPage(page);
      await expect(viewer.title).toHaveText(HARBOUR_HANDBOOK.title);
      await expect(viewer.fact('Type')).toHaveText('Plain text');
      await expect(viewer.fact('Passages')).toHaveText(/^\d+$/);
      await expect(viewer.citedPassage).toContainText(TIDE_ANSWER);
      await viewer.expectOnScreen(viewer.citedPassage);
      await viewer.history.getByText(/Processing history/).click();
      await expect(viewer.history.getByTestId('status-history-entry').first()).toContainText('Read and indexed');
      await viewer.tab('Formatted text').click();
      await expect(viewer.viewer.getByTestId('formatted-text')).toContainText('Visiting yachts may use the three white mooring buoys');
      await viewer.screenshot(testInfo, `viewer-full-page-${look.colorScheme}`);
    });
    expect(problems).toEqual([]);
  });

  test('a PDF citation opens on its page, drawn by pdf.js with the passage highlighted', async ({ page, request }, testInfo) => {
    const problems = watchForViolations(page);
    const documentId = await uploadManual(request);
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.ask(FOGHORN_QUESTION);
    await chat.expectAnswered();
    await expect(chat.answerText()).toContainText('three long blasts every ninety seconds');

    await test.step('the source cards keep to the screen, however long the title', async () => {
      const cards = chat.lastAnswer.getByTestId('source-item');
      await expect(cards.first()).toBeVisible();
      for (const card of await cards.all()) {
        const box = (await card.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(look.viewport.width);
      }
    });

    await test.step('the preview card names the page', async () => {
      const chip = chat.citationChips().first();
      await chat.previewCitation(chip);
      await expect(chat.citationCard.getByTestId('citation-card-page')).toContainText('Page 3');
      await page.mouse.move(0, 0);
    });

    const panel = new DocumentViewerPage(page, chat.sourcePanel);
    await test.step('the side panel shows page 3 of 3, drawn, with the cited lines highlighted', async () => {
      await chat.citationChips().first().click();
      await expect(panel.pdfPages).toHaveCount(3);
      await expect(panel.citedPdfPage).toHaveAttribute('data-page', '3');
      await expect(panel.citedPdfPage).toHaveAttribute('data-rendered', 'true', { timeout: 45_000 });
      await panel.expectOnScreen(panel.citedPdfPage);
      await expect(panel.highlights.first()).toBeVisible();
      await panel.screenshot(testInfo, `viewer-pdf-panel-${look.colorScheme}`);
      await panel.showPassages();
      await expect(panel.citedPassage).toContainText(FOGHORN_LINE);
      await expect(panel.citedPassage.getByTestId('passage-page')).toHaveText('Page 3');
    });

    await test.step('the full page shows every page, drawn as it is scrolled to', async () => {
      const viewer = new DocumentViewerPage(page);
      await viewer.goto(documentId);
      await expect(viewer.title).toHaveText(PDF_TITLE);
      await expect(viewer.fact('Type')).toHaveText('PDF');
      await expect(viewer.fact('File name')).toHaveText('harbour-manual.pdf');
      await expect(viewer.pdfPages).toHaveCount(3);
      for (const n of [1, 2, 3]) {
        await viewer.pdfPage(n).scrollIntoViewIfNeeded();
        await expect(viewer.pdfPage(n)).toHaveAttribute('data-rendered', 'true', { timeout: 45_000 });
      }
      await viewer.screenshot(testInfo, `viewer-pdf-page-${look.colorScheme}`);
      const original = await page.request.get(`/api/documents/${documentId}/original`);
      expect(original.headers()['content-type']).toBe('application/pdf');
    });
    expect(problems).toEqual([]);
  });
});
