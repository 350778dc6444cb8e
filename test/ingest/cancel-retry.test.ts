import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from '@/db/queries/documents';
import { cancelDocument, cancelDocumentBatch } from '@/server/documents/cancel';
import { ingestText, reingestDocument } from '@/server/documents/documents';
import { createVault, shareVault } from '@/server/documents/vaults';
import { submitDocument } from '@/server/ingest/submit';
import { IngestWorker } from '@/server/ingest/worker';
import { startIngestWorker, stopIngestWorker } from '@/server/ingest/worker-process';
import type { UserCaller } from '@/server/auth/caller';
import type { Services } from '@/server/services';
import { DRIVERS } from '@/test/support/databases';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';
import { pagedPdf } from '@/test/support/paged-pdf';
import { createTestServices, waitFor } from '@/test/support/services';
import { createTestUser } from '@/test/support/users';

describe.each(DRIVERS)('cancelling and retrying documents on %s', (driver) => {
  let fake: FakeOpenAI;
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    ({ services, owner, cleanup } = await createTestServices(driver, {
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-test',
      CHUNK_SIZE: '256',
      CHUNK_OVERLAP: '16',
      // A hung embeddings call would hold the only lane for a minute: only a cancel frees it sooner.
      LLM_TIMEOUT: '60',
      LLM_MAX_RETRIES: '0',
      INGEST_CONCURRENCY: '1',
    }));
  });
  afterEach(async () => {
    await stopIngestWorker();
    await cleanup();
  });

  const statusOf = (id: string) => getDocument(services.db, owner.userId, id);
  const until = (id: string, wanted: (doc: NonNullable<Awaited<ReturnType<typeof statusOf>>>) => boolean, what: string) =>
    waitFor(async () => {
      const doc = await statusOf(id);
      return doc && wanted(doc) ? doc : undefined;
    }, 60_000, what);
  const chunkCount = async (id: string) =>
    (await services.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM chunks WHERE document_id = ${id}`))[0]!.n;
  const jobStatuses = async (id: string) =>
    (await services.db.rows<{ status: string }>(sql`SELECT status FROM ingest_jobs WHERE document_id = ${id} ORDER BY created_at`)).map((r) => r.status);

  it('stops a document this process is processing at once, leaves no chunks, frees the lane, and retries it', async () => {
    startIngestWorker(services);
    fake.failNext('embeddings', { kind: 'hang' });
    const stuck = await ingestText(services, owner, { text: 'Harbour pilots board ships near the breakwater.', title: 'Pilots' });
    await until(stuck.documentId, (doc) => doc.status === 'processing' && fake.calls.embeddings > 0, 'the embeddings call to hang');

    const cancelled = await cancelDocument(services, owner, stuck.documentId);
    expect(cancelled).toMatchObject({ cancelled: true, status: 'failed', error: 'Cancelled by you.' });

    // The only lane is free again long before the hung call's minute is up.
    const next = await ingestText(services, owner, { text: 'Lighthouses guide ships at night.' });
    expect(await until(next.documentId, (doc) => doc.status === 'ready', 'the next document')).toMatchObject({ status: 'ready' });
    expect(await statusOf(stuck.documentId)).toMatchObject({ status: 'failed', error: 'Cancelled by you.', chunkCount: 0 });
    expect(await chunkCount(stuck.documentId)).toBe(0);
    expect(await jobStatuses(stuck.documentId)).toEqual(['failed']);

    await reingestDocument(services, owner, stuck.documentId);
    const retried = await until(stuck.documentId, (doc) => doc.status === 'ready', 'the retried document');
    expect(retried).toMatchObject({ error: null, title: 'Pilots' });
    expect(await chunkCount(stuck.documentId)).toBe(retried.chunkCount);
    expect(retried.chunkCount).toBeGreaterThan(0);
  }, 120_000);

  it('is noticed by a worker in another process at its next progress write while a long PDF is read', async () => {
    // Not this process's worker: only the database tells it.
    const elsewhere = new IngestWorker(services, { concurrency: 1, leaseSeconds: 60, maxAttempts: 1, pollIntervalMs: 20 });
    elsewhere.start();
    try {
      const pdf = await submitDocument(services, owner, { content: await pagedPdf(400, 12), filename: 'long.pdf' });
      await until(pdf.documentId, (doc) => doc.status === 'processing' && doc.progress > 0, 'the PDF to be read');
      expect((await cancelDocumentBatch(services, owner, [pdf.documentId])).cancelled).toEqual([pdf.documentId]);

      const next = await ingestText(services, owner, { text: 'Tide tables are printed every spring.' });
      await until(next.documentId, (doc) => doc.status === 'ready', 'the next document');
      expect(await statusOf(pdf.documentId)).toMatchObject({ status: 'failed', error: 'Cancelled by you.', chunkCount: 0 });
      expect(await chunkCount(pdf.documentId)).toBe(0);
    } finally {
      await elsewhere.stop();
    }
  }, 120_000);

  it('cancels a batch: only what is still waiting, only in vaults the caller may change', async () => {
    const reader = await createTestUser(services.db, { name: 'reader' });
    const vault = await createVault(services, owner, { name: 'Shared' });
    await shareVault(services, owner, vault.id, { visibility: 'shared', everyoneAccess: 'read', members: [{ userId: reader.userId, access: 'read' }] });
    // No worker runs: everything stays queued.
    const queued = await Promise.all(
      ['One note.', 'Two notes.', 'Three notes.'].map((text) => ingestText(services, owner, { text, vaultId: vault.id })),
    );
    const ids = queued.map((q) => q.documentId);

    expect((await cancelDocumentBatch(services, reader, ids)).cancelled).toEqual([]);
    await expect(cancelDocument(services, reader, ids[0]!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const stranger = await createTestUser(services.db, { name: 'stranger' });
    await expect(cancelDocument(services, stranger, ids[0]!)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect((await cancelDocumentBatch(services, owner, ids)).cancelled.sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await statusOf(id)).toMatchObject({ status: 'failed', error: 'Cancelled by you.' });
    // Nothing left for a worker to claim; cancelling again changes nothing.
    expect((await cancelDocumentBatch(services, owner, ids)).cancelled).toEqual([]);
    expect(await cancelDocument(services, owner, ids[0]!)).toMatchObject({ cancelled: false, status: 'failed' });
    const [{ n }] = (await services.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ingest_jobs WHERE status IN ('queued', 'running')`)) as [
      { n: number },
    ];
    expect(n).toBe(0);
  });
});
