import { expect, test } from '@playwright/test';
import { DocumentsPage } from './pages/documents-page';
import { ON_MODEL_APP } from './servers';

test('the Documents link in the header opens the documents page', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Documents' }).click();
  await expect(page).toHaveURL(/\/documents$/);
  await expect(new DocumentsPage(page).heading).toBeVisible();
});

test.describe('with a (deliberately slow) model server behind the app', () => {
  test.use(ON_MODEL_APP);

  test('a user uploads two files, watches them become ready, deletes one and pastes a note', async ({ page }) => {
    const documents = new DocumentsPage(page);
    await documents.goto();

    await test.step('they choose two files at once and both upload bars fill up', async () => {
      await documents.chooseFiles(['lighthouse.md', 'garden.html']);
      await expect(documents.uploadRows).toHaveCount(2);
      await documents.expectUploaded('lighthouse.md');
      await documents.expectUploaded('garden.html');
    });

    const lighthouse = await documents.documentRowForUpload('lighthouse.md');
    const garden = await documents.documentRowForUpload('garden.html');

    await test.step('while the documents are processed, each row shows a progress bar', async () => {
      for (const row of [lighthouse, garden]) {
        await expect(row).toHaveAttribute('data-status', /queued|processing/);
        await expect(row.getByRole('progressbar')).toBeVisible();
      }
      await page.screenshot({ path: 'test-results/documents-processing.png', fullPage: true });
    });

    await test.step('when processing ends, both rows turn ready without a reload', async () => {
      await documents.expectReady(lighthouse);
      await documents.expectReady(garden);
    });

    await test.step('they delete the lighthouse after confirming, and the garden stays', async () => {
      await documents.deleteDocument(lighthouse);
      await expect(lighthouse).toHaveCount(0);
      await expect(garden).toBeVisible();
      await expect(garden).toHaveAttribute('data-status', 'ready');
    });

    const note = {
      title: 'Harbour tide notes',
      text:
        'High water at the harbour comes about forty minutes after high water at the lighthouse. ' +
        'On spring tides the slipway floods up to the chandlery door, so boats are hauled out on the neaps.',
    };

    await test.step('they paste a note and it becomes ready', async () => {
      await documents.pasteNote(note);
      await expect(documents.pasteNotice).toContainText('was added');
      await expect(documents.pasteText).toHaveValue('');
      await documents.expectReady(documents.documentRow(note.title));
    });

    await test.step('pasting the same note again is recognised as a duplicate', async () => {
      await documents.pasteNote(note);
      await expect(documents.pasteNotice).toContainText('Already in Docent');
      await expect(documents.documentRow(note.title)).toHaveCount(1);
    });

    await page.screenshot({ path: 'test-results/documents.png', fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/documents-dark.png', fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    await test.step('on a phone the documents are stacked cards', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(page.getByRole('columnheader', { name: 'Status' })).toBeHidden();
      await expect(garden).toBeVisible();
      await page.screenshot({ path: 'test-results/documents-phone.png', fullPage: true });
    });
  });
});
