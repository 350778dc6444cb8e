import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** "Notes (12 documents)" → "Notes". */
const withoutCount = (option: string) => option.replace(/ \([\d,]+ documents?\)$/, '');

/** The /documents page as a user sees it: a drop zone, a paste form, uploads and the document list. */
export class DocumentsPage {
  readonly heading: Locator;
  readonly fileInput: Locator;
  readonly dropZone: Locator;
  readonly uploadRows: Locator;
  readonly documentRows: Locator;
  readonly vaultSelect: Locator;
  readonly pasteTitle: Locator;
  readonly pasteText: Locator;
  readonly pasteSubmit: Locator;
  readonly pasteNotice: Locator;
  readonly vaultAccess: Locator;
  readonly readOnlyNote: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Documents' });
    this.fileInput = page.getByLabel('Files to upload');
    this.dropZone = page.getByTestId('drop-zone');
    this.uploadRows = page.getByTestId('upload-row');
    this.documentRows = page.getByTestId('document-row');
    this.vaultSelect = page.getByLabel('Vault', { exact: true });
    const paste = page.getByRole('form', { name: 'Paste text' });
    this.pasteTitle = paste.getByLabel('Title');
    this.pasteText = paste.getByLabel('Text', { exact: true });
    this.pasteSubmit = paste.getByRole('button', { name: 'Add text' });
    this.pasteNotice = page.getByTestId('paste-notice');
    this.vaultAccess = page.getByTestId('vault-access');
    this.readOnlyNote = page.getByTestId('read-only-vault');
  }

  async goto() {
    await this.page.goto('/documents');
    await expect(this.heading).toBeVisible();
    // The default vault is preselected once the vaults have loaded.
    await expect(this.vaultSelect).toBeEnabled();
  }

  /** Picks files from e2e/fixtures with the file picker, all in one go. */
  async chooseFiles(names: string[]) {
    await this.fileInput.setInputFiles(names.map((name) => FIXTURES + name));
  }

  uploadRow(filename: string): Locator {
    return this.uploadRows.and(this.page.locator(`[data-filename=${JSON.stringify(filename)}]`));
  }

  /** The file's upload bar fills up and the row says it was accepted: being read, ready, or already there. */
  async expectUploaded(filename: string) {
    const row = this.uploadRow(filename);
    await expect(row).toHaveAttribute('data-state', 'done');
    await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(row.getByTestId('upload-state')).toHaveText(/Reading…|Ready|Already in Docent/);
  }

  /** The document list's row for a file uploaded on this page (titles come from the file's content). */
  async documentRowForUpload(filename: string): Promise<Locator> {
    const documentId = await this.uploadRow(filename).getAttribute('data-document-id');
    expect(documentId, `${filename} was uploaded and got a document id`).toBeTruthy();
    return this.documentRows.and(this.page.locator(`[data-document-id="${documentId}"]`));
  }

  documentRow(title: string): Locator {
    return this.documentRows.and(this.page.locator(`[data-title=${JSON.stringify(title)}]`));
  }

  async expectReady(row: Locator) {
    await expect(row).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
    await expect(row.getByTestId('document-status')).toHaveText('Ready');
    await expect(row.getByRole('progressbar')).toHaveCount(0);
    await expect(row.getByTestId('document-chunks')).not.toHaveText('0');
  }

  /** Delete, then confirm in the row's inline confirmation. */
  async deleteDocument(row: Locator) {
    await row.getByRole('button', { name: /^Delete\b/ }).click();
    const confirmation = row.getByRole('group', { name: /^Confirm deleting/ });
    await expect(confirmation).toBeVisible();
    await expect(confirmation.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await confirmation.getByRole('button', { name: /^Yes, delete/ }).click();
  }

  async pasteNote({ title, text }: { title?: string; text: string }) {
    if (title !== undefined) await this.pasteTitle.fill(title);
    await this.pasteText.fill(text);
    await this.pasteSubmit.click();
  }

  /** The vault picker's options, as shown (name, owner, access), without their document counts. */
  async vaultOptions(): Promise<string[]> {
    return (await this.vaultSelect.locator('option').allTextContents()).map(withoutCount);
  }

  /** The vault picker's option, by its label without the count; returns the count it shows. */
  async chooseVault(label: string): Promise<number> {
    const options = await this.vaultSelect.locator('option').allTextContents();
    const shown = options.find((option) => withoutCount(option) === label);
    expect(shown, `the vault picker offers ${label}: ${options.join(', ')}`).toBeTruthy();
    await this.vaultSelect.selectOption({ label: shown! });
    return Number(shown!.match(/\(([\d,]+) documents?\)$/)![1]!.replace(/,/g, ''));
  }

  /** Share the chosen vault (its owner only) with one person, who may read it or also add to it. */
  async shareWith(person: string, access: 'Can read' | 'Can read and add') {
    await this.page.getByRole('button', { name: /^Share\b/ }).click();
    const dialog = this.page.getByRole('dialog', { name: /^Share/ });
    await dialog.getByRole('radio', { name: /^Shared with people/ }).check();
    await dialog.getByRole('checkbox', { name: new RegExp(`^${person}`) }).check();
    await dialog.getByLabel(`Access for ${person}`).selectOption({ label: access });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.vaultAccess).toHaveText('Your vault, shared with the people you chose.');
  }
}
