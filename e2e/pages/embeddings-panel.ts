import { expect, type Locator, type Page } from '@playwright/test';

/** Admin → Embeddings: the model the library is in, and a re-embed with another. */
export class EmbeddingsPanel {
  readonly panel: Locator;
  readonly activeModel: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('embeddings-panel');
    this.activeModel = page.getByTestId('active-embedding-model');
    this.status = page.getByTestId('reembed-status');
  }

  async goto() {
    await this.page.goto('/admin');
    await expect(this.panel.getByRole('heading', { name: 'Embeddings' })).toBeVisible();
  }

  async reembedWith(model: string) {
    await this.panel.getByRole('button', { name: `Re-embed with ${model}` }).click();
  }

  /** Waits, through the panel's own polling, until the library's vectors are `model`'s. */
  async expectLibraryIn(model: string, timeout = 120_000) {
    await expect(this.activeModel).toContainText(`The library is in ${model}`, { timeout });
    await expect(this.panel.getByRole('button', { name: 'In use' })).toBeVisible();
  }
}

/** The documents page's line while the library is being re-embedded. */
export function reembedProgress(page: Page): { section: Locator; bar: Locator } {
  const section = page.getByTestId('reembed-progress');
  return { section, bar: section.getByRole('progressbar', { name: 'Re-embedding progress' }) };
}
