import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { listDocumentChunks } from '@/db/queries/document-viewer';
import { getCorpusVersion } from '@/db/queries/corpus-version';
import { hybridSearch, type Fusion } from '@/db/queries/hybrid-search';
import { insertVault, setVaultSharing } from '@/db/queries/vaults';
import type { UserCaller } from '@/server/auth/caller';
import { editChunk, excludeChunk } from '@/server/documents/chunks';
import { embedPassages } from '@/server/ingest/embed-passages';
import { AppError } from '@/server/errors';
import { vectorIndexSpec, type Services } from '@/server/services';
import { DRIVERS, type Driver } from '@/test/support/databases';
import { ingestAndWait } from '@/test/support/ingest';
import { createTestServices, waitFor } from '@/test/support/services';
import { chunksToReembed, storeReembedded } from '@/db/queries/reembed';
import { parseConfig } from '@/server/config';
import { forgetActiveModel } from '@/server/embedding/active-model';
import { ReembedWorker, reembedStatus, startReembed } from '@/server/ingest/reembed';
import { createProviders } from '@/server/providers/registry';
import { USE_EMBEDDING_MODEL_ID } from '@/server/providers/use-embedder';
import { createTestUser } from '@/test/support/users';

// Each list on its own: what the BM25 words find, what the vectors find.
const TEXT_ONLY: Fusion = { vector: 0, text: 1, identifiers: 0, rrfK: 60 };
const VECTOR_ONLY: Fusion = { vector: 1, text: 0, identifiers: 0, rrfK: 60 };

/** BM25's statistics as the triggers keep them, and as a recount of the chunks says they should be. */
async function expectStatisticsInStep(db: Database) {
  const kept = await db.rows(sql`SELECT term, chunks FROM search_terms ORDER BY term`);
  const recounted = await db.rows(sql`SELECT lexeme AS term, count(*)::int AS chunks FROM chunks, unnest(chunks.search_text) GROUP BY lexeme ORDER BY lexeme`);
  expect(kept).toEqual(recounted);
  const [corpus] = await db.rows(sql`SELECT chunks::int, tokens::int FROM search_corpus`);
  const [actual] = await db.rows(sql`SELECT count(*)::int AS chunks, coalesce(sum(token_count), 0)::int AS tokens FROM chunks`);
  expect(corpus).toEqual(actual);
}

async function search(services: Services, caller: UserCaller, text: string, fusion: Fusion, k = 10) {
  const [embedding] = await embedPassages(services, services.providers, [text]);
  return hybridSearch(services.db, { spec: vectorIndexSpec(services.config, services.providers), embedding: Array.from(embedding!), text, k, userId: caller.userId, fusion });
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(DRIVERS)('editing and excluding chunks on %s', (driver: Driver) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  async function setUp() {
    const created = await createTestServices(driver);
    cleanup = created.cleanup;
    const { services, owner } = created;
    const vault = await insertVault(services.db, owner.userId, { name: 'Harbour' });
    const [lighthouse, ferry] = await ingestAndWait(services, owner, [
      { title: 'Lighthouse', text: 'The lighthouse keeper climbs the tower at dusk. The lamp turns all night.', vaultId: vault!.id },
      { title: 'Ferry', text: 'The ferry leaves the harbour at dawn; tickets are sold on board.', vaultId: vault!.id },
    ]);
    const [chunk] = await listDocumentChunks(services.db, owner.userId, lighthouse!);
    return { services, owner, vaultId: vault!.id, lighthouse: lighthouse!, ferry: ferry!, chunkId: chunk!.id };
  }

  it('an edited chunk is found by its new words at once, not its old ones, and BM25 statistics stay in step', async () => {
    const { services, owner, lighthouse, chunkId } = await setUp();
    const before = await getCorpusVersion(services.db);
    expect((await search(services, owner, 'lighthouse keeper', TEXT_ONLY)).map((c) => c.chunkId)).toContain(chunkId);

    const edited = await editChunk(services, owner, chunkId, '  The semaphore signalman waves flags from the breakwater.  ');
    expect(edited.tokenCount).toBeGreaterThan(5);

    expect((await search(services, owner, 'semaphore signalman', TEXT_ONLY)).map((c) => c.chunkId)).toEqual([chunkId]);
    expect(await search(services, owner, 'lighthouse keeper', TEXT_ONLY)).toEqual([]);
    // The vector is the new text's: the nearest chunk to the new sentence is this one.
    expect((await search(services, owner, 'The semaphore signalman waves flags from the breakwater.', VECTOR_ONLY))[0]!.chunkId).toBe(chunkId);
    await expectStatisticsInStep(services.db);
    const terms = await services.db.rows<{ term: string }>(sql`SELECT term FROM search_terms`);
    expect(terms.map((t) => t.term)).toContain('semaphor');
    expect(terms.map((t) => t.term)).not.toContain('lighthous');
    // Cached answers were built from the old text.
    expect(await getCorpusVersion(services.db)).toBeGreaterThan(before);

    const [shown] = await listDocumentChunks(services.db, owner.userId, lighthouse);
    expect(shown).toMatchObject({ id: chunkId, content: 'The semaphore signalman waves flags from the breakwater.', tokenCount: edited.tokenCount, excluded: false });
    expect(shown!.editedAt).toBeInstanceOf(Date);
  });

  it('an excluded chunk reaches neither the vector nor the word search until it is included again', async () => {
    const { services, owner, chunkId } = await setUp();
    const question = 'The lighthouse keeper climbs the tower at dusk. The lamp turns all night.';
    expect((await search(services, owner, question, VECTOR_ONLY))[0]!.chunkId).toBe(chunkId);

    await excludeChunk(services, owner, chunkId, true);
    for (const fusion of [VECTOR_ONLY, TEXT_ONLY, undefined]) {
      const found = await search(services, owner, question, fusion ?? { vector: 0.5, text: 1, identifiers: 0.5, rrfK: 10 });
      expect(found.map((c) => c.chunkId)).not.toContain(chunkId);
    }
    await expectStatisticsInStep(services.db);

    await excludeChunk(services, owner, chunkId, false);
    expect((await search(services, owner, question, VECTOR_ONLY))[0]!.chunkId).toBe(chunkId);
    expect((await search(services, owner, 'lighthouse', TEXT_ONLY)).map((c) => c.chunkId)).toEqual([chunkId]);
  });

  it('a reader of a shared vault may not edit or exclude (403); someone without access is told it does not exist (404)', async () => {
    const { services, owner, vaultId, chunkId } = await setUp();
    const reader = await createTestUser(services.db, { name: 'Reader' });
    const stranger = await createTestUser(services.db, { name: 'Stranger' });
    await setVaultSharing(services.db, owner.userId, vaultId, { visibility: 'shared', everyoneAccess: 'read', members: [{ userId: reader.userId, access: 'read' }] });

    const readerEdit = await rejection(editChunk(services, reader, chunkId, 'Vandalised text'));
    expect(readerEdit).toMatchObject({ code: 'FORBIDDEN', status: 403, message: 'You can read this vault but not change its documents.' });
    expect(await rejection(excludeChunk(services, reader, chunkId, true))).toMatchObject({ status: 403 });
    const strangerEdit = await rejection(editChunk(services, stranger, chunkId, 'Vandalised text'));
    expect(strangerEdit).toMatchObject({ code: 'NOT_FOUND', status: 404, message: `Chunk ${chunkId} does not exist.` });
    expect(await rejection(excludeChunk(services, stranger, chunkId, true))).toMatchObject({ status: 404 });

    const [unchanged] = await listDocumentChunks(services.db, owner.userId, (await setUpDocumentOf(services.db, chunkId))!);
    expect(unchanged).toMatchObject({ excluded: false, editedAt: null });
    expect(unchanged!.content).toContain('lighthouse keeper');

    // A writer of the shared vault may.
    await setVaultSharing(services.db, owner.userId, vaultId, { visibility: 'shared', everyoneAccess: 'read', members: [{ userId: reader.userId, access: 'write' }] });
    await expect(excludeChunk(services, reader, chunkId, true)).resolves.toEqual({ chunkId, excluded: true });
  });
});

async function setUpDocumentOf(db: Database, chunkId: string): Promise<string | undefined> {
  const [row] = await db.rows<{ document_id: string }>(sql`SELECT document_id FROM chunks WHERE id = ${chunkId}`);
  return row?.document_id;
}

describe.each(DRIVERS)('an edit during a re-embed on %s', (driver: Driver) => {
  let cleanup: (() => Promise<void>) | undefined;
  const workers: ReembedWorker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    forgetActiveModel();
    await cleanup?.();
  });

  it('is not lost: the vector computed from the old text is not kept, and the new model embeds the new text', async () => {
    forgetActiveModel();
    const created = await createTestServices(driver, { EMBEDDING_MODEL: 'offline-hashed', INGEST_CONCURRENCY: '1' });
    cleanup = created.cleanup;
    const { services, owner } = created;
    const [id] = await ingestAndWait(services, owner, [{ title: 'Lighthouse', text: 'The lighthouse keeper climbs the tower at dusk.' }]);
    const [chunk] = await listDocumentChunks(services.db, owner.userId, id!);
    const config = parseConfig({ EMBEDDING_MODEL: 'offline-use', INGEST_CONCURRENCY: '1' });
    const next: Services = { ...services, config, providers: createProviders(config) };
    await startReembed(services, USE_EMBEDDING_MODEL_ID, owner.userId);

    // A re-embed batch reads the chunk, a person edits it while the batch embeds, then the batch stores its vectors.
    const batch = await chunksToReembed(services.db, USE_EMBEDDING_MODEL_ID, 10);
    expect(batch.map((c) => c.id)).toEqual([chunk!.id]);
    const stale = await embedPassages(next, next.providers, batch.map((c) => c.content));
    await editChunk(services, owner, chunk!.id, 'The semaphore signalman waves flags from the breakwater.');
    await storeReembedded(services.db, USE_EMBEDDING_MODEL_ID, batch.map((c, i) => ({ chunkId: c.id, content: c.content, embedding: stale[i]! })));
    const kept = await services.db.rows(sql`SELECT 1 FROM chunk_embeddings WHERE chunk_id = ${chunk!.id}`);
    expect(kept).toEqual([]);

    const worker = new ReembedWorker(next, { batchSize: 3, leaseSeconds: 30, pollIntervalMs: 50 });
    workers.push(worker);
    worker.start();
    await waitFor(async () => ((await reembedStatus(next)).job?.status === 'done' ? true : undefined));
    const [stored] = await services.db.rows<{ embedding: string; embedding_model: string }>(
      sql`SELECT embedding::text AS embedding, embedding_model FROM chunks WHERE id = ${chunk!.id}`,
    );
    expect(stored!.embedding_model).toBe(USE_EMBEDDING_MODEL_ID);
    const [expected] = await embedPassages(next, next.providers, ['The semaphore signalman waves flags from the breakwater.']);
    const vector = JSON.parse(stored!.embedding) as number[];
    const cosine = vector.reduce((sum, x, i) => sum + x * expected![i]!, 0);
    expect(cosine).toBeGreaterThan(0.999);
  });
});
