import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './pages/accessibility';
import { DocumentViewerPage } from './pages/document-viewer-page';
import { DocumentsPage } from './pages/documents-page';
import { createVault, uploadFiles } from './pages/library-page';
import { ALL_LOOKS } from './pages/looks';

// About 700 tokens of distinct sentences: one passage under the offline app's CHUNK_SIZE (1024), many under 64.
const HARBOURS = Array.from({ length: 60 }, (_, i) => `Harbour number ${i} has ${i % 7} cranes and a pier of ${i * 10} metres.`).join(' ');

/**
 * A vault's own chunking, set in its dialog on the documents page: a smaller size and overlap cut a re-ingested
 * document into more, smaller passages. One look is enough: the dialog is the same form in every other.
 */
test.describe('a vault’s chunking', () => {
  const desktopLight = ALL_LOOKS[0];
  test.use({ viewport: desktopLight.viewport, colorScheme: desktopLight.colorScheme });
  test.describe.configure({ timeout: 120_000 });

  test('the owner sets a smaller chunk size and overlap; a re-ingested document shows more, smaller passages', async ({ page, request }, testInfo) => {
    const vaultName = `Harbour survey ${Date.now()}`;
    const vaultId = await createVault(request, vaultName);
    await uploadFiles(request, vaultId, [{ name: 'harbours.txt', text: HARBOURS }]);
    const listed = (await (await request.get(`/api/documents?vault_id=${vaultId}`)).json()) as { documents: { document_id: string }[] };
    const documentId = listed.documents[0]!.document_id;

    const viewer = new DocumentViewerPage(page);
    await test.step('under the server’s chunking the document is one passage', async () => {
      await viewer.goto(documentId);
      await viewer.showPassages();
      await expect(viewer.passages).toHaveCount(1);
    });

    const documents = new DocumentsPage(page);
    const dialog = page.getByRole('dialog', { name: `Chunking of “${vaultName}”` });
    const size = dialog.getByLabel('Chunk size (tokens)');
    const overlap = dialog.getByLabel('Overlap (tokens)');
    await test.step('they open the vault’s chunking; an overlap as large as the size is refused in words', async () => {
      await documents.goto();
      await documents.chooseVault(vaultName);
      await page.getByRole('button', { name: `Chunking of ${vaultName}` }).click();
      await expect(dialog).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, 'vault-chunking-dialog');
      await size.fill('64');
      await overlap.fill('64');
      await dialog.getByRole('button', { name: 'Save chunking' }).click();
      await expect(dialog.getByRole('alert')).toHaveText('The overlap (64 tokens) must be smaller than the chunk size (64 tokens).');
      await expect(dialog).toBeVisible();
    });

    await test.step('an overlap of 8 is saved, and the dialog shows it when opened again', async () => {
      await overlap.fill('8');
      await dialog.getByRole('button', { name: 'Save chunking' }).click();
      await expect(dialog).toBeHidden();
      await page.getByRole('button', { name: `Chunking of ${vaultName}` }).click();
      await expect(size).toHaveValue('64');
      await expect(overlap).toHaveValue('8');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    });

    await test.step('re-ingested, the document is cut into passages of at most 64 tokens', async () => {
      await viewer.goto(documentId);
      await viewer.reingest();
      await expect(async () => {
        await page.reload();
        await viewer.showPassages();
        expect(await viewer.passages.count()).toBeGreaterThan(6);
      }).toPass({ timeout: 60_000 });
      const tokens = (await viewer.viewer.getByTestId('passage-tokens').allTextContents()).map((text) => Number(text.replace(/ tokens$/, '')));
      expect(tokens.every((count) => count > 0 && count <= 64), `token counts ${tokens.join(', ')}`).toBe(true);
    });
  });
});
