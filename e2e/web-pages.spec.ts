import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, saveFullPage } from './pages/accessibility';
import { DocumentViewerPage } from './pages/document-viewer-page';
import { DocumentsPage } from './pages/documents-page';
import { inEachLook } from './pages/looks';
import { WebPageForm } from './pages/web-page-form';

/**
 * A small intranet site on loopback (the offline app allows 127.0.0.1 with URL_FETCH_ALLOW): a guide that links to
 * a tides page, a page two links away, and a page on another origin. Each look crawls its own folder of it.
 */
let site: Server;
let root = '';
const tideWord: Record<string, string> = {};

function sitePage(title: string, text: string, links: string[]): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body>
    <nav>Harbour site menu ${links.map((href) => `<a href="${href}">${href}</a>`).join(' ')}</nav>
    <article><h1>${title}</h1><p>${text}</p>
    <p>The harbour master keeps these pages for visiting skippers, who read them before entering the channel at night.</p></article>
    <footer>Harbour site footer</footer></body></html>`;
}

// Two crawls, two ingestions and a fetch again, each through ingestion threads that start cold on a busy machine.
test.describe.configure({ timeout: 90_000 });

test.beforeAll(async () => {
  site = createServer((req, res) => {
    const [, look = '', page = ''] = new URL(req.url ?? '/', 'http://x').pathname.split('/');
    const html = (text: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(text);
    const { port } = site.address() as AddressInfo;
    if (page === 'guide') return html(sitePage(`Harbour guide ${look}`, 'Moor on the east wall; the west wall dries at low water.', ['tides', 'missing', `http://localhost:${port}/${look}/elsewhere`]));
    if (page === 'tides') return html(sitePage(`Tide table ${look}`, `High water is ${tideWord[look] ?? 'forty'} minutes after the lighthouse.`, ['deeper']));
    if (page === 'deeper') return html(sitePage(`Deeper page ${look}`, 'Two links away from the guide.', []));
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  site.closeAllConnections();
  await new Promise((resolve) => site.close(resolve));
});

inEachLook((look) => {
  const folder = look.name.replace(/\W+/g, '-');

  test('a user adds a web page with the pages it links to, reads where it came from, and fetches it again', async ({ page }, testInfo) => {
    const documents = new DocumentsPage(page);
    const form = new WebPageForm(page);
    await documents.goto();

    await test.step('they give the guide’s address and ask for the pages it links to, one link deep', async () => {
      await form.addSite(`${root}/${folder}/guide`, { depth: 1, maxPages: 10 });
      await expect(form.address).toHaveValue('');
      // The guide and the tides page; the missing page fails without stopping the others.
      await form.expectDone(/fetched 2 pages, 1 could not be fetched/);
      await form.failures.locator('..').getByText('Pages that could not be fetched').click();
      await expect(form.failures).toContainText(`${root}/${folder}/missing`);
      await expectNoSeriousViolations(page, testInfo, `web-pages-added-${folder}`);
      await saveFullPage(page, testInfo, `web-pages-added-${folder}`);
    });

    const guide = documents.documentRow(`Harbour guide ${folder}`);
    const tides = documents.documentRow(`Tide table ${folder}`);
    await test.step('both pages appear in the library and become ready; the deeper and off-site pages do not', async () => {
      await documents.expectReady(guide);
      await documents.expectReady(tides);
      await expect(documents.documentRow(`Deeper page ${folder}`)).toHaveCount(0);
      await expect(tides).toContainText(`${root}/${folder}/tides`);
    });

    await test.step('the viewer shows the page’s address and when it was fetched', async () => {
      await tides.getByRole('link', { name: `Tide table ${folder}` }).click();
      const source = page.getByTestId('web-source');
      await expect(source.getByTestId('web-source-url')).toHaveText(`${root}/${folder}/tides`);
      await expect(source.getByTestId('web-source-times')).toContainText('last fetched');
      await page.getByRole('tab', { name: /Passages/ }).click();
      await expect(page.getByText(/High water is forty minutes/).first()).toBeVisible();
      await expect(page.getByText('Harbour site menu')).toHaveCount(0);
      await expectNoSeriousViolations(page, testInfo, `web-page-viewer-${folder}`);
      await saveFullPage(page, testInfo, `web-page-viewer-${folder}`);
    });

    await test.step('they have the page fetched again every day, and after a reload it still is', async () => {
      const viewer = new DocumentViewerPage(page);
      // The offline app leaves URL_REFRESH_HOURS at 0: pages are fetched again only when asked.
      await expect(viewer.refreshChoice.locator('option:checked')).toHaveText('Server default (never)');
      await viewer.chooseRefreshInterval('Every day');
      await page.reload();
      await expect(viewer.refreshChoice.locator('option:checked')).toHaveText('Every day');
    });

    await test.step('the page changes; “Fetch again” replaces its text under the same address', async () => {
      tideWord[folder] = 'fifty';
      const url = page.url();
      await page.getByTestId('web-source').getByRole('button', { name: /^Fetch again/ }).click();
      await expect(async () => {
        await page.reload();
        expect(page.url()).toBe(url);
        await page.getByRole('tab', { name: /Passages/ }).click();
        await expect(page.getByText(/High water is fifty minutes/).first()).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 60_000 });
      await expect(page.getByText(/High water is forty minutes/)).toHaveCount(0);
    });
  });
});
