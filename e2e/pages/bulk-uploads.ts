import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { DocumentsPage } from './documents-page';

/** A folder on disk, as a person would pick it: `files` maps a path inside it to its text. */
export function makeFolder(name: string, files: Record<string, string>): string {
  const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'docent-e2e-folder-')), name);
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  }
  return root;
}

/** The documents page's folder and archive uploads, and cancelling and retrying what they started. */
export class BulkUploads {
  readonly documents: DocumentsPage;
  readonly folderInput: Locator;
  readonly cancelAll: Locator;
  /** The counts above the rows (`data-total`, `data-sent`, `data-ready`, `data-failed`). */
  readonly summary: Locator;
  /** Past 50 files the panel shows the rows that matter first; this adds more. */
  readonly showMore: Locator;

  constructor(readonly page: Page) {
    this.documents = new DocumentsPage(page);
    this.folderInput = page.getByLabel('Folder to upload');
    this.cancelAll = page.getByRole('button', { name: 'Cancel all' });
    this.summary = page.getByTestId('upload-summary');
    this.showMore = page.getByRole('button', { name: /^Show \d+ more/ });
  }

  /** Picks a whole folder with the directory picker. */
  async chooseFolder(folder: string) {
    await this.folderInput.setInputFiles(folder);
  }

  async chooseZip(name: string, content: Uint8Array) {
    await this.documents.fileInput.setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(content) });
  }

  row(filename: string): Locator {
    return this.documents.uploadRow(filename);
  }

  /** The row's document ends ready (its library row says so too). */
  async expectRowReady(filename: string) {
    await expect(this.row(filename)).toHaveAttribute('data-document-status', 'ready', { timeout: 60_000 });
  }

  async expectRowLeftOut(filename: string, reason: RegExp) {
    const row = this.row(filename);
    await expect(row).toHaveAttribute('data-state', 'error');
    await expect(row.getByTestId('upload-error')).toHaveText(reason);
  }

  cancelReading(filename: string): Locator {
    return this.row(filename).getByRole('button', { name: `Cancel reading of ${filename}` });
  }

  retryReading(filename: string): Locator {
    return this.row(filename).getByRole('button', { name: `Retry reading of ${filename}` });
  }
}
