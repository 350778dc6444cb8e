import { expect, type Locator, type Page } from '@playwright/test';

/** "Add a web page" on the documents page: an address, the follow-links options, and the crawl's progress. */
export class WebPageForm {
  readonly form: Locator;
  readonly address: Locator;
  readonly followLinks: Locator;
  readonly depth: Locator;
  readonly maxPages: Locator;
  readonly submit: Locator;
  readonly status: Locator;
  readonly failures: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Add a web page' });
    this.address = this.form.getByLabel('Address');
    this.followLinks = this.form.getByLabel('Also add the pages it links to on the same site');
    this.depth = this.form.getByLabel('Links deep');
    this.maxPages = this.form.getByLabel('At most (pages)');
    this.submit = this.form.getByRole('button', { name: 'Add page' });
    this.status = page.getByTestId('web-fetch-status');
    this.failures = page.getByTestId('web-fetch-failures');
  }

  async addSite(url: string, { depth, maxPages }: { depth: number; maxPages: number }) {
    await this.address.fill(url);
    await this.followLinks.check();
    await this.depth.selectOption(String(depth));
    await this.maxPages.fill(String(maxPages));
    await this.submit.click();
  }

  async expectDone(pages: RegExp) {
    await expect(this.status).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(this.status).toHaveText(pages);
  }
}
