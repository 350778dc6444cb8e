import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/** The documents page's library: its search, filters, sort and pages, and the rows they show. */
export class LibraryPage {
  readonly search: Locator;
  readonly vaultFilter: Locator;
  readonly statusFilter: Locator;
  readonly typeFilter: Locator;
  readonly sort: Locator;
  readonly rows: Locator;
  readonly count: Locator;
  readonly range: Locator;
  readonly pageNumber: Locator;
  readonly next: Locator;
  readonly previous: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    const toolbar = page.getByRole('search', { name: 'Documents' });
    this.search = toolbar.getByRole('searchbox', { name: 'Search' });
    this.vaultFilter = toolbar.getByLabel('Show', { exact: true });
    this.statusFilter = toolbar.getByLabel('Status', { exact: true });
    this.typeFilter = toolbar.getByLabel('Type', { exact: true });
    this.sort = toolbar.getByLabel('Sort', { exact: true });
    this.rows = page.getByTestId('document-row');
    this.count = page.getByTestId('documents-count');
    this.range = page.getByTestId('page-range');
    this.pageNumber = page.getByTestId('page-number');
    const pages = page.getByRole('navigation', { name: 'Pages' });
    this.next = pages.getByRole('button', { name: 'Next page' });
    this.previous = pages.getByRole('button', { name: 'Previous page' });
    this.empty = page.getByTestId('documents-empty');
  }

  /** Opens the library with a view in the URL, e.g. `{ vault: id }`. */
  async goto(view: Record<string, string> = {}) {
    const query = new URLSearchParams(view).toString();
    await this.page.goto(`/documents${query ? `?${query}` : ''}`);
    await expect(this.page.getByRole('heading', { name: 'Your documents' })).toBeVisible();
  }

  /** The view as the address bar has it. */
  view(): Record<string, string> {
    return Object.fromEntries(new URL(this.page.url()).searchParams);
  }

  titles(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-title') ?? ''));
  }

  /** The document's title link, by title. */
  titleLink(title: string): Locator {
    return this.rows.and(this.page.locator(`[data-title=${JSON.stringify(title)}]`)).getByRole('link', { name: title });
  }

  /** The page is no wider than the screen: nothing makes a person scroll sideways. */
  async expectNoSidewaysScroll() {
    const overflow = await this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'the page is no wider than the screen').toBeLessThanOrEqual(0);
  }
}

/** Creates a vault through the original API and returns its id. */
export async function createVault(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.post('/vaults', { data: { name } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { vault_id: string }).vault_id;
}

/**
 * Uploads files into a vault the way the upload page does (20 to a request, the most one may hold), then waits
 * until every document in the vault is ready.
 */
export async function uploadFiles(request: APIRequestContext, vaultId: string, files: { name: string; text: string }[]) {
  for (let i = 0; i < files.length; i += 20) {
    const form = new FormData();
    form.set('vault_id', vaultId);
    for (const file of files.slice(i, i + 20)) form.append('file', new Blob([file.text], { type: 'text/plain' }), file.name);
    const response = await request.post('/api/documents/upload', { multipart: form });
    expect(response.status(), await response.text()).toBe(202);
  }
  await expect
    .poll(
      async () => {
        const listed = (await (await request.get(`/api/documents?vault_id=${vaultId}`)).json()) as {
          documents: { status: string }[];
        };
        return listed.documents.filter((d) => d.status === 'ready').length;
      },
      { message: 'every uploaded document becomes ready', timeout: 60_000 },
    )
    .toBe(files.length);
}
