import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DRIVERS, type Driver } from '@/test/support/databases';
import { ingestAndWait } from '@/test/support/ingest';
import { createTestServices } from '@/test/support/services';
import { ingestText } from '@/server/documents/documents';
import { IngestWorker } from '@/server/ingest/worker';
import { waitFor } from '@/test/support/services';
import { deleteDocumentById, getDocument } from './documents';
import { deleteVaultById, insertVault } from './vaults';
import type { Database } from '../client';

/** The statistics as kept by the triggers, and as a recount from the chunks says they should be. */
async function statistics(db: Database) {
  const kept = await db.rows<{ term: string; chunks: number }>(sql`SELECT term, chunks FROM search_terms ORDER BY term`);
  const recounted = await db.rows<{ term: string; chunks: number }>(
    sql`SELECT lexeme AS term, count(*)::int AS chunks FROM chunks, unnest(chunks.search_text) GROUP BY lexeme ORDER BY lexeme`,
  );
  const [corpus] = await db.rows<{ chunks: number; tokens: number }>(sql`SELECT chunks::int, tokens::int FROM search_corpus`);
  const [actual] = await db.rows<{ chunks: number; tokens: number }>(
    sql`SELECT count(*)::int AS chunks, coalesce(sum(token_count), 0)::int AS tokens FROM chunks`,
  );
  return { kept, recounted, corpus, actual };
}

async function expectInStep(db: Database) {
  const { kept, recounted, corpus, actual } = await statistics(db);
  expect(kept).toEqual(recounted);
  expect(corpus).toEqual(actual);
  return kept;
}

describe.each(DRIVERS)('BM25 statistics on %s', (driver: Driver) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('follow chunks through ingestion, re-ingestion, document and vault deletion', async () => {
    const created = await createTestServices(driver);
    cleanup = created.cleanup;
    const { services, owner } = created;
    const { db } = services;
    expect(await expectInStep(db)).toEqual([]);

    const vault = await insertVault(db, owner.userId, { name: 'Harbour' });
    const [lighthouse, ferry] = await ingestAndWait(services, owner, [
      { title: 'Lighthouse', source: 'lighthouse.md', text: 'The lighthouse keeper climbs the tower at dusk. The lamp turns all night.' },
      { title: 'Ferry', text: 'The ferry leaves the harbour at dawn; the keeper of the ferry sells tickets.', vaultId: vault!.id },
    ]);
    const afterIngest = await expectInStep(db);
    expect(afterIngest).toContainEqual({ term: 'keeper', chunks: 2 });
    expect(afterIngest).toContainEqual({ term: 'lighthous', chunks: 1 });

    // The same source again replaces the chunks in one transaction.
    const [replaced] = await ingestAndWait(services, owner, [{ title: 'Lighthouse', source: 'lighthouse.md', text: 'The lighthouse was automated in 1998.' }]);
    expect(replaced).toBe(lighthouse);
    await expectInStep(db);

    expect(await deleteDocumentById(db, owner.userId, lighthouse!)).toBe(true);
    const afterDelete = await expectInStep(db);
    expect(afterDelete).toContainEqual({ term: 'keeper', chunks: 1 });
    expect(afterDelete.map((row) => row.term)).not.toContain('lighthous');

    expect(await deleteVaultById(db, owner.userId, vault!.id)).toBe(true);
    const rest = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM chunks WHERE document_id = ${ferry!}`);
    expect(rest[0]!.n).toBe(0);
    await expectInStep(db);
  });

  it('stay in step when documents are written and deleted concurrently', async () => {
    const created = await createTestServices(driver);
    cleanup = created.cleanup;
    const { services, owner } = created;
    const { db } = services;
    const text = (i: number) => `Harbour notice ${i}: the ferry ${i % 2 ? 'leaves at dawn' : 'returns at dusk'}, tickets on board, pier ${i}.`;
    const first = await ingestAndWait(services, owner, Array.from({ length: 6 }, (_, i) => ({ title: `Notice ${i}`, text: text(i) })));

    const worker = new IngestWorker(services, { concurrency: 4, leaseSeconds: 30, maxAttempts: 1, pollIntervalMs: 10 });
    worker.start();
    try {
      const submitted = await Promise.all(Array.from({ length: 12 }, (_, i) => ingestText(services, owner, { title: `Later ${i}`, text: text(100 + i) })));
      await Promise.all(first.slice(0, 4).map((id) => deleteDocumentById(db, owner.userId, id)));
      for (const { documentId } of submitted) {
        await waitFor(async () => {
          const status = (await getDocument(db, owner.userId, documentId))?.status;
          return status === 'ready' || status === 'failed' ? status : undefined;
        });
        expect((await getDocument(db, owner.userId, documentId))?.status).toBe('ready');
      }
    } finally {
      await worker.stop();
    }
    const kept = await expectInStep(db);
    expect(kept).toContainEqual({ term: 'ferri', chunks: 14 });
  });
});
