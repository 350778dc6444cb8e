import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from '@/db/queries/documents';
import { processJob } from '@/server/ingest/process-job';
import { submitDocument } from '@/server/ingest/submit';
import { IngestWorker } from '@/server/ingest/worker';
import type { UserCaller } from '@/server/auth/caller';
import type { Services } from '@/server/services';
import { DRIVERS } from '@/test/support/databases';
import { pagedPdf } from '@/test/support/paged-pdf';
import { createTestServices } from '@/test/support/services';

const PAGES = 500;

/** Every progress value the document shows while it is processed, read as a person's browser would: by polling. */
async function progressUntilSettled(services: Services, owner: UserCaller, documentId: string, timeoutMs: number) {
  const seen: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const doc = await getDocument(services.db, owner.userId, documentId);
    if (doc?.status === 'ready' || doc?.status === 'failed') return { doc, seen };
    if (doc?.status === 'processing' && seen.at(-1) !== doc.progress) seen.push(doc.progress);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`document ${documentId} did not settle within ${timeoutMs} ms`);
}

describe.each(DRIVERS)('a 500-page PDF on %s', (driver) => {
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;
  let worker: IngestWorker;

  beforeEach(async () => {
    ({ services, owner, cleanup } = await createTestServices(driver, { CHUNK_SIZE: '256', CHUNK_OVERLAP: '16' }));
    worker = new IngestWorker(services, { concurrency: 1, leaseSeconds: 30, maxAttempts: 1, pollIntervalMs: 20 });
    worker.start();
  });
  afterEach(async () => {
    await worker.stop();
    await cleanup();
  });

  it('reports its progress as pages are read in the ingestion thread, only ever forward', async () => {
    const reports: number[] = [];
    const job = { id: 'job', documentId: 'doc', vaultId: 'vault', attempts: 1, filename: 'five-hundred.pdf', mimeType: null, title: null, chunkSize: null, chunkOverlap: null };
    const processed = await processJob(
      services,
      { ...job, content: await pagedPdf(PAGES, 12) },
      { signal: new AbortController().signal, onProgress: (percent) => reports.push(percent) },
    );
    expect(processed.chunks.at(-1)).toMatchObject({ pageEnd: PAGES });
    // Reading fills the first 40% of the bar as pages are read (the thread sends at most four reports a second, and
    // always the last page's), then the offline embedder's; never backwards.
    const reading = reports.filter((percent) => percent <= 40);
    expect(reading.length).toBeGreaterThanOrEqual(2);
    expect(reading.at(-1)).toBeCloseTo(40);
    expect(reports.filter((percent) => percent > 40).length).toBeGreaterThan(0);
    expect(reports).toEqual([...reports].sort((a, b) => a - b));
    expect(reports.at(-1)).toBeCloseTo(95);
  }, 120_000);

  it('is ingested by the worker with progress that only moves forward, and every page ends up searchable', async () => {
    const pdf = await pagedPdf(PAGES, 12, 'Five hundred pages');
    const { documentId } = await submitDocument(services, owner, { content: pdf, filename: 'five-hundred.pdf' });

    const { doc, seen } = await progressUntilSettled(services, owner, documentId, 120_000);

    expect(doc).toMatchObject({ status: 'ready', progress: 100, error: null });
    // Shown while it is processed, not only once the whole file is done.
    expect(seen.filter((percent) => percent > 0 && percent < 100).length).toBeGreaterThan(0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const [pages] = await services.db.rows<{ first: number; last: number }>(
      sql`SELECT min(page_start)::int AS first, max(page_end)::int AS last FROM chunks WHERE document_id = ${documentId}`,
    );
    expect(pages).toEqual({ first: 1, last: PAGES });
  }, 180_000);
});
