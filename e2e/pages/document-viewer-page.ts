import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

/**
 * The document viewer as a user sees it: the page /documents/<id>, or the same viewer in the side panel a
 * citation opens in the chat (pass the panel as `root`).
 */
export class DocumentViewerPage {
  readonly viewer: Locator;
  readonly title: Locator;
  readonly facts: Locator;
  readonly history: Locator;
  readonly passages: Locator;
  readonly citedPassage: Locator;
  readonly pdfPages: Locator;
  readonly citedPdfPage: Locator;
  readonly highlights: Locator;
  /** How often a web page is fetched again by itself: a writer's choice, a reader's line of text. */
  readonly refreshInterval: Locator;

  constructor(
    readonly page: Page,
    root: Locator | Page = page,
  ) {
    this.viewer = root.getByTestId('document-viewer');
    this.title = page.getByTestId('document-title');
    this.facts = this.viewer.getByTestId('document-facts');
    this.history = this.viewer.getByTestId('status-history');
    this.passages = this.viewer.getByTestId('passage');
    this.citedPassage = this.passages.and(page.locator('[data-cited="true"]'));
    this.pdfPages = this.viewer.getByTestId('pdf-page');
    this.citedPdfPage = this.pdfPages.and(page.locator('[data-cited="true"]'));
    this.highlights = this.viewer.getByTestId('pdf-highlight');
    this.refreshInterval = this.viewer.getByTestId('web-source').getByTestId('web-source-refresh');
  }

  async goto(documentId: string, chunkOrdinal?: number) {
    await this.page.goto(`/documents/${documentId}${chunkOrdinal === undefined ? '' : `#chunk-${chunkOrdinal}`}`);
    await expect(this.viewer).toBeVisible();
  }

  tab(name: 'Pages' | 'Formatted text' | RegExp): Locator {
    return this.viewer.getByRole('tab', { name });
  }

  async showPassages() {
    await this.tab(/^Passages/).click();
    await expect(this.passages.first()).toBeVisible();
  }

  pdfPage(number: number): Locator {
    return this.pdfPages.and(this.page.locator(`[data-page="${number}"]`));
  }

  /** A fact of the document (file name, type, size, vault…), by its label. */
  fact(label: string): Locator {
    return this.facts.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
  }

  /** A passage by its number as shown ("Passage 1" is ordinal 0). */
  passage(number: number): Locator {
    return this.passages.and(this.page.locator(`[data-ordinal="${number - 1}"]`));
  }

  /** Opens the passage's editor, replaces its text and saves, as a writer of the vault does. */
  async editPassage(number: number, text: string) {
    const passage = this.passage(number);
    await passage.getByRole('button', { name: `Edit Passage ${number}` }).click();
    const box = passage.getByRole('textbox', { name: `Text of Passage ${number}` });
    await expect(box).toBeFocused();
    await box.fill(text);
    await passage.getByRole('button', { name: 'Save passage' }).click();
    await expect(passage.getByTestId('chunk-editor')).toBeHidden();
  }

  /** Exclude from search, or Include in search again. */
  async toggleExcluded(number: number, action: 'Exclude from search' | 'Include in search') {
    await this.passage(number).getByRole('button', { name: `${action} Passage ${number}` }).click();
  }

  /** The choice of how often the page is fetched again, and the option it shows. */
  get refreshChoice(): Locator {
    return this.refreshInterval.getByRole('combobox', { name: 'Fetch again automatically' });
  }

  async chooseRefreshInterval(label: string) {
    await this.refreshChoice.selectOption({ label });
    // Saved once the choice can be made again.
    await expect(this.refreshChoice).toBeEnabled();
    await expect(this.refreshChoice.locator('option:checked')).toHaveText(label);
  }

  /**
   * Re-ingest: the stored original is read again with the vault's current chunking. Waits for the server to accept
   * it; the button's "Queued" label can be gone by then, as a small document is read again at once.
   */
  async reingest() {
    const accepted = this.page.waitForResponse((response) => response.url().includes('documents.reingest'));
    await this.viewer.getByRole('button', { name: 'Re-ingest' }).click();
    expect((await accepted).ok(), 'the server accepts the re-ingestion').toBe(true);
  }

  get tags(): Locator {
    return this.viewer.getByTestId('document-tags');
  }

  /** Types a tag into the document's tag field and presses Enter. */
  async addTag(tag: string) {
    const field = this.tags.getByRole('combobox', { name: /^Add a tag to / });
    await field.fill(tag);
    await field.press('Enter');
    await expect(this.tags.getByTestId('tag-chip').filter({ hasText: tag.trim().toLowerCase() })).toBeVisible();
  }

  /** The element is on screen (at least partly: a passage can be taller than the screen), not merely in the document. */
  async expectOnScreen(target: Locator) {
    await expect(target).toBeInViewport();
  }

  async screenshot(testInfo: TestInfo, name: string) {
    await this.page.waitForTimeout(300);
    await this.page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  }
}
