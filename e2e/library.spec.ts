import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { DocumentsPage } from './pages/documents-page';
import { createVault, LibraryPage, uploadFiles } from './pages/library-page';
import { inEachLook } from './pages/looks';

/**
 * A library bigger than a page: 50 plain-text logs (titled after their file names), 9 Markdown tide tables
 * (titled by their headings) and one file with a very long name, in a vault of its own. Two of them mention an
 * anemometer in their text only.
 */
function library(run: string) {
  const longName = `${'anchorage-masters-quarterly-inventory-of-buoys-beacons-and-moorings-'.repeat(2)}${run}`;
  const files = [
    ...Array.from({ length: 50 }, (_, i) => {
      const n = String(i + 1).padStart(2, '0');
      const extra = n === '07' ? ' Wind speed came from the anemometer on the breakwater.' : '';
      return { name: `harbour-log-${run}-${n}.txt`, text: `Harbour log ${run} entry ${n}. The ferry left on the morning tide.${extra}` };
    }),
    ...Array.from({ length: 9 }, (_, i) => {
      const extra = i === 4 ? '\n\nThe anemometer reading is noted beside each tide.' : '';
      return { name: `tides-${run}-${i + 1}.md`, text: `# Tide table ${run} ${i + 1}\n\nHigh water at ${i + 6}:00 on the quay.${extra}` };
    }),
    { name: `${longName}.txt`, text: `Inventory ${run}: forty buoys, six beacons, ninety moorings.` },
  ];
  return { files, longTitle: longName };
}

inEachLook((look) => {
  test('a library of many documents is searched, filtered, sorted and paged, and Back keeps the view', async ({ page, request }, testInfo) => {
    test.slow();
    const run = randomUUID().slice(0, 6);
    const { files, longTitle } = library(run);
    const vaultId = await createVault(request, `Archive ${run}`);
    const emptyVaultId = await createVault(request, `Empty ${run}`);
    await test.step(`${files.length} documents are uploaded into “Archive ${run}”`, () => uploadFiles(request, vaultId, files));

    const documents = new LibraryPage(page);
    await documents.goto({ vault: vaultId });

    await test.step('the first page shows 50 of the 60, and Next shows the rest', async () => {
      await expect(documents.count).toHaveText('60 documents');
      await expect(documents.rows).toHaveCount(50);
      await expect(documents.range).toHaveText('1–50 of 60');
      await expect(documents.pageNumber).toHaveText('Page 1 of 2');
      await documents.next.click();
      await expect(documents.rows).toHaveCount(10);
      await expect(documents.range).toHaveText('51–60 of 60');
      expect(documents.view()).toEqual({ vault: vaultId, page: '2' });
    });

    await test.step('sorted by title, the long-named file comes first and the view starts again at page 1', async () => {
      await documents.sort.selectOption({ label: 'Title A–Z' });
      await expect.poll(() => documents.view()).toEqual({ vault: vaultId, sort: 'title' });
      await expect.poll(async () => (await documents.titles())[0]).toBe(longTitle);
      await expect(documents.rows).toHaveCount(50);
      await documents.expectNoSidewaysScroll();
      await page.screenshot({ path: testInfo.outputPath(`library-${look.name.replace(/\W+/g, '-')}.png`), fullPage: true });
    });

    await test.step('searching for a word in their text finds the two that mention it', async () => {
      await documents.search.fill('anemometer');
      await expect(documents.rows).toHaveCount(2);
      await expect(documents.count).toHaveText('2 documents found');
      expect(await documents.titles()).toEqual([`harbour-log-${run}-07`, `Tide table ${run} 5`]);
      await expect.poll(() => documents.view()).toEqual({ vault: vaultId, sort: 'title', q: 'anemometer' });
    });

    await test.step('narrowed to plain text, one is left', async () => {
      await documents.typeFilter.selectOption({ label: 'Plain text' });
      await expect(documents.rows).toHaveCount(1);
      await expect.poll(() => documents.view()).toEqual({ vault: vaultId, sort: 'title', q: 'anemometer', type: 'text' });
    });

    await test.step('its title opens the document; Back returns to the same view', async () => {
      const title = `harbour-log-${run}-07`;
      await documents.titleLink(title).click();
      await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
      await page.goBack();
      await expect(documents.rows).toHaveCount(1);
      await expect(documents.search).toHaveValue('anemometer');
      await expect(documents.typeFilter).toHaveValue('text');
      await expect(documents.sort).toHaveValue('title');
      expect(await documents.titles()).toEqual([title]);
    });

    await test.step('a reload keeps the view too', async () => {
      await page.reload();
      await expect(documents.rows).toHaveCount(1);
      await expect(documents.search).toHaveValue('anemometer');
    });

    await test.step('a filter that matches nothing says so, and clearing brings the vault back', async () => {
      await documents.statusFilter.selectOption('failed');
      await expect(documents.empty).toContainText('No documents match');
      await documents.empty.getByRole('button', { name: 'Clear search and filters' }).click();
      await expect(documents.rows).toHaveCount(50);
      await expect(documents.search).toHaveValue('');
      await expect.poll(() => documents.view()).toEqual({ vault: vaultId, sort: 'title' });
    });

    await test.step('an empty vault says so and leads to adding documents to it', async () => {
      await documents.vaultFilter.selectOption(emptyVaultId);
      await expect(documents.empty).toContainText(`“Empty ${run}” has no documents yet`);
      await documents.empty.getByRole('button', { name: `Add documents to Empty ${run}` }).click();
      await expect(new DocumentsPage(page).vaultSelect).toHaveValue(emptyVaultId);
      await expect(page.getByRole('heading', { name: 'Add documents' })).toBeFocused();
    });
  });
});
