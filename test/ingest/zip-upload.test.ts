import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from '@/db/queries/documents';
import { DEFAULT_VAULT_ID } from '@/db/schema';
import { createVault } from '@/server/documents/vaults';
import { submitUpload } from '@/server/ingest/upload';
import { IngestWorker } from '@/server/ingest/worker';
import type { UserCaller } from '@/server/auth/caller';
import type { Services } from '@/server/services';
import { DRIVERS } from '@/test/support/databases';
import { pagedPdf } from '@/test/support/paged-pdf';
import { createTestServices, waitFor } from '@/test/support/services';
import { zipFile } from '@/test/support/zip-file';

// A GIF: an image kind Docent does not read (PNG, JPEG, TIFF and WebP are read by OCR).
const GIF = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0]);
const MANY = 120;

describe.each(DRIVERS)('zip uploads on %s', (driver) => {
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ services, owner, cleanup } = await createTestServices(driver, { MAX_UPLOAD_BYTES: String(4 * 1024 * 1024) }));
  });
  afterEach(() => cleanup());

  const documentCount = async () => (await services.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM documents`))[0]!.n;

  it('expands a zip of many files into one document each, in the chosen vault, and lists the entries it cannot read', async () => {
    const notes = Object.fromEntries(Array.from({ length: MANY }, (_, i) => [`notes/week-${i + 1}.md`, `# Week ${i + 1}\n\nThe keeper logged ${i + 1} ships.`]));
    const archive = await zipFile({
      ...notes,
      'manuals/harbour.pdf': await pagedPdf(2, 4),
      'photos/quay.gif': GIF,
      'nested/old.zip': await zipFile({ 'a.txt': 'inside' }),
      'empty.txt': '',
    });
    const vault = await createVault(services, owner, { name: 'Archive' });

    const result = await submitUpload(services, owner, [{ content: archive, filename: 'harbour-records.zip' }], { vaultId: vault.id, skipUnreadable: false });

    expect(result.documents).toHaveLength(MANY + 2);
    expect(result.documents.map((d) => d.filename)).toEqual(expect.arrayContaining(['notes/week-1.md', `notes/week-${MANY}.md`, 'manuals/harbour.pdf', 'empty.txt']));
    expect(result.skipped).toEqual([
      { filename: 'photos/quay.gif', reason: expect.stringContaining('photos/quay.gif is not a kind of document Docent can read') },
      { filename: 'nested/old.zip', reason: 'Archives inside archives are not expanded; upload it on its own.' },
    ]);
    const week7 = result.documents.find((d) => d.filename === 'notes/week-7.md')!;
    expect(await getDocument(services.db, owner.userId, week7.documentId)).toMatchObject({ vaultId: vault.id, status: 'queued', title: 'notes/week-7' });

    const worker = new IngestWorker(services, { concurrency: 2, leaseSeconds: 30, maxAttempts: 1, pollIntervalMs: 20 });
    worker.start();
    try {
      await waitFor(async () => {
        const [pending] = await services.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM documents WHERE status IN ('queued', 'processing')`);
        return pending!.n === 0 ? true : undefined;
      }, 120_000, 'every entry to be processed');
    } finally {
      await worker.stop();
    }
    const byStatus = await services.db.rows<{ status: string; n: number }>(sql`SELECT status, count(*)::int AS n FROM documents GROUP BY status ORDER BY status`);
    // The empty file is stored and fails with its reason, like an empty upload.
    expect(byStatus).toEqual([{ status: 'failed', n: 1 }, { status: 'ready', n: MANY + 1 }]);
    const [found] = await services.db.rows<{ content: string }>(sql`SELECT c.content FROM chunks c WHERE c.document_id = ${week7.documentId}`);
    expect(found!.content).toContain('The keeper logged 7 ships.');
  }, 180_000);

  it('refuses a zip bomb from its directory, before inflating it, with a clear 413 and within bounded memory', async () => {
    const bomb = await zipFile({ 'readme.txt': 'Open me.', 'payload.txt': { zeros: 256 * 1024 * 1024 } });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const refused = await submitUpload(services, owner, [{ content: bomb, filename: 'bomb.zip' }], { vaultId: DEFAULT_VAULT_ID, skipUnreadable: false }).catch(
      (error: unknown) => error,
    );
    clearInterval(sampler);
    expect(refused).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/bomb\.zip (expands to 256\.0 MiB|looks like a zip bomb)/) });
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);

    // Within every size limit, but a thousand times smaller than it claims to be: a bomb all the same.
    const dense = await zipFile({ 'dense.txt': { zeros: 3 * 1024 * 1024 } });
    await expect(submitUpload(services, owner, [{ content: dense, filename: 'dense.zip' }], { vaultId: DEFAULT_VAULT_ID, skipUnreadable: false })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/^dense\.zip looks like a zip bomb: dense\.txt expands \d+ times \(at most 200 are accepted\)\.$/),
    });
    expect(await documentCount()).toBe(0);
  }, 60_000);

  it('refuses an archive with too many entries or a damaged one, storing nothing; skips unreadable folder files when asked', async () => {
    const crowded = await zipFile(Object.fromEntries(Array.from({ length: 5_001 }, (_, i) => [`f${i}.txt`, `note ${i}`])));
    await expect(submitUpload(services, owner, [{ content: crowded, filename: 'crowded.zip' }], { vaultId: DEFAULT_VAULT_ID, skipUnreadable: false })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'crowded.zip holds 5001 files; at most 5000 are expanded from one archive. Split it.',
    });
    const damaged = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    await expect(submitUpload(services, owner, [{ content: damaged, filename: 'broken.zip' }], { vaultId: DEFAULT_VAULT_ID, skipUnreadable: false })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'broken.zip is damaged or not a zip archive; make it again and upload that.',
    });
    expect(await documentCount()).toBe(0);

    const folder = [
      { content: new TextEncoder().encode('Tide tables for spring.'), filename: 'docs/tides.txt' },
      { content: GIF, filename: 'docs/logo.gif' },
    ];
    await expect(submitUpload(services, owner, folder, { vaultId: DEFAULT_VAULT_ID, skipUnreadable: false })).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await documentCount()).toBe(0);
    const partial = await submitUpload(services, owner, folder, { vaultId: DEFAULT_VAULT_ID, skipUnreadable: true });
    expect(partial.documents.map((d) => d.filename)).toEqual(['docs/tides.txt']);
    expect(partial.skipped).toEqual([{ filename: 'docs/logo.gif', reason: expect.stringContaining('not a kind of document Docent can read') }]);
  }, 60_000);
});
