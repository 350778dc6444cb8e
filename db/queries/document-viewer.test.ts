import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pruneOrphans } from '@/db/queries/maintenance';
import type { UserCaller } from '@/server/auth/caller';
import { createVault } from '@/server/documents/vaults';
import { viewDocument, readOriginalFile } from '@/server/documents/viewer';
import { submitDocument } from '@/server/ingest/submit';
import { IngestWorker } from '@/server/ingest/worker';
import type { Services } from '@/server/services';
import { DRIVERS } from '@/test/support/databases';
import { pagedPdf, pageOfWord } from '@/test/support/paged-pdf';
import { createTestServices, waitFor } from '@/test/support/services';
import { createTestUser } from '@/test/support/users';

describe.each(DRIVERS)('the document viewer’s data on %s', (driver) => {
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ services, owner, cleanup } = await createTestServices(driver, { CHUNK_SIZE: '60', CHUNK_OVERLAP: '8' }));
  });
  afterEach(async () => cleanup());

  async function ingest(content: Uint8Array, filename: string, vaultId?: string): Promise<string> {
    const worker = new IngestWorker(services, { concurrency: 1, leaseSeconds: 30, maxAttempts: 1, pollIntervalMs: 20 });
    worker.start();
    try {
      const { documentId } = await submitDocument(services, owner, { content, filename, vaultId });
      await waitFor(async () => ((await viewDocument(services, owner, documentId)).document.status === 'ready' ? true : undefined), 30_000);
      return documentId;
    } finally {
      await worker.stop();
    }
  }

  it('stores each PDF chunk with its pages and offsets, and keeps the original for people who may read it', async () => {
    const pdf = await pagedPdf(4, 12);
    const id = await ingest(pdf, 'harbour manual.pdf');

    const view = await viewDocument(services, owner, id);
    expect(view.chunks.length).toBeGreaterThan(5);
    expect(view.chunks.map((chunk) => chunk.ordinal)).toEqual(view.chunks.map((_, i) => i));
    for (const chunk of view.chunks) {
      const words = chunk.content.split(/\s+/);
      expect(chunk).toMatchObject({ pageStart: pageOfWord(words[0]!), pageEnd: pageOfWord(words.at(-1)!) });
      expect(chunk.charEnd! - chunk.charStart!).toBe(chunk.content.length);
    }
    expect(view.chunks.at(-1)!.pageEnd).toBe(4);
    expect(view.original).toEqual({ filename: 'harbour manual.pdf', mimeType: 'application/pdf', sizeBytes: pdf.byteLength });
    expect(view.attempts).toMatchObject([{ status: 'done', filename: 'harbour manual.pdf', error: null }]);

    const original = await readOriginalFile(services, owner, id);
    expect(original.mimeType).toBe('application/pdf');
    expect(Buffer.from(original.content).equals(Buffer.from(pdf))).toBe(true);

    // Maintenance clears superseded jobs' bytes, never a document's only original.
    await pruneOrphans(services.db.orm);
    expect((await readOriginalFile(services, owner, id)).content.byteLength).toBe(pdf.byteLength);
  });

  it('is not found, in the query itself, for someone who may not read the vault', async () => {
    const vault = await createVault(services, owner, { name: 'Private logs' });
    const id = await ingest(new TextEncoder().encode('# Keeper log\n\nThe lamp was lit at dusk.'), 'log.md', vault.id);
    const stranger = await createTestUser(services.db);
    await expect(viewDocument(services, stranger, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readOriginalFile(services, stranger, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const mine = await viewDocument(services, owner, id);
    expect(mine.chunks).toMatchObject([{ ordinal: 0, content: '# Keeper log\n\nThe lamp was lit at dusk.', pageStart: null, pageEnd: null, charStart: 0 }]);
  });
});
