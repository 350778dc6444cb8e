import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from '@/db/queries/documents';
import { DEFAULT_VAULT_ID } from '@/db/schema';
import { ingestText, reingestDocument, removeDocument } from '@/server/documents/documents';
import { createVault } from '@/server/documents/vaults';
import { submitDocument } from '@/server/ingest/submit';
import { IngestWorker } from '@/server/ingest/worker';
import type { UserCaller } from '@/server/auth/caller';
import type { Services } from '@/server/services';
import { DRIVERS } from '@/test/support/databases';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';
import { createTestServices, waitFor } from '@/test/support/services';

const paragraph = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${topic} fact number ${i + 1} is about ${topic.toLowerCase()} maintenance and care.`).join(' ');
const MANUAL = [paragraph('Lighthouse', 12), paragraph('Lamp', 12), paragraph('Foghorn', 12)].join('\n\n');

describe.each(DRIVERS)('ingestion pipeline on %s', (driver) => {
  let fake: FakeOpenAI;
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;
  let worker: IngestWorker;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    ({ services, owner, cleanup } = await createTestServices(driver, {
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-test',
      CHUNK_SIZE: '64',
      CHUNK_OVERLAP: '8',
      EMBED_BATCH_SIZE: '4',
      LLM_TIMEOUT: '2',
      INGEST_MAX_ATTEMPTS: '2',
    }));
    worker = new IngestWorker(services, { concurrency: 2, leaseSeconds: 30, maxAttempts: 2, pollIntervalMs: 50 });
    worker.start();
  });
  afterEach(async () => {
    await worker.stop();
    await cleanup();
  });

  const settled = (id: string) =>
    waitFor(async () => {
      const doc = await getDocument(services.db, owner.userId, id);
      return doc && (doc.status === 'ready' || doc.status === 'failed') ? doc : undefined;
    }, 20_000, `document ${id} to settle`);

  const chunkRows = (id: string) =>
    services.db.rows<{ ordinal: number; content: string; vault_id: string; embedding_model: string }>(
      sql`SELECT ordinal, content, vault_id, embedding_model FROM chunks WHERE document_id = ${id} ORDER BY ordinal`,
    );

  it('queues at once, then chunks and embeds in batches until the document is ready', async () => {
    const submission = await ingestText(services, owner, { text: MANUAL, title: 'Lighthouse manual' });
    expect(submission).toMatchObject({ status: 'queued', deduplicated: false, replaced: false });

    const doc = await settled(submission.documentId);
    expect(doc).toMatchObject({ status: 'ready', progress: 100, title: 'Lighthouse manual', error: null });
    const rows = await chunkRows(submission.documentId);
    expect(rows.length).toBeGreaterThan(4);
    expect(doc.chunkCount).toBe(rows.length);
    expect(rows.map((r) => r.ordinal)).toEqual(rows.map((_, i) => i));
    expect(rows.every((r) => r.vault_id === DEFAULT_VAULT_ID && r.embedding_model === 'text-embedding-3-small')).toBe(true);
    expect(rows.map((r) => r.content).join(' ')).toContain('Foghorn fact number 12');
    // Batches of 4 chunks per embeddings request.
    expect(fake.calls.embeddings).toBe(Math.ceil(rows.length / 4));
  });

  it('stores identical text once and re-embeds nothing it has embedded before', async () => {
    const first = await ingestText(services, owner, { text: MANUAL });
    await settled(first.documentId);
    const callsAfterFirst = fake.calls.embeddings;

    const again = await ingestText(services, owner, { text: MANUAL });
    expect(again).toMatchObject({ documentId: first.documentId, deduplicated: true });

    // Another vault stores its own copy, but every chunk comes from the embedding cache.
    const vault = await createVault(services, owner, { name: 'Archive' });
    const copy = await ingestText(services, owner, { text: MANUAL, vaultId: vault.id });
    expect(copy.documentId).not.toBe(first.documentId);
    expect(await settled(copy.documentId)).toMatchObject({ status: 'ready', vaultId: vault.id });
    expect(fake.calls.embeddings).toBe(callsAfterFirst);
  });

  it('replaces a document with the same source under the same id, swapping all its chunks at once', async () => {
    const v1 = await ingestText(services, owner, { text: 'The beacon is red. '.repeat(30), source: 'beacon.md' });
    await settled(v1.documentId);
    const v2 = await ingestText(services, owner, { text: 'The beacon is green. '.repeat(30), source: 'beacon.md' });
    expect(v2).toMatchObject({ documentId: v1.documentId, replaced: true, deduplicated: false });
    await waitFor(async () => ((await chunkRows(v1.documentId)).some((r) => r.content.includes('green')) ? true : undefined));
    const rows = await chunkRows(v1.documentId);
    expect(rows.every((r) => r.content.includes('green') && !r.content.includes('red'))).toBe(true);
    const [{ n }] = (await services.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM documents`)) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('deletes a document with its chunks and keeps the embedding cache', async () => {
    const { documentId } = await ingestText(services, owner, { text: MANUAL });
    await settled(documentId);
    await removeDocument(services, owner, documentId);
    expect(await chunkRows(documentId)).toEqual([]);
    expect(await getDocument(services.db, owner.userId, documentId)).toBeNull();
    const [{ n }] = (await services.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM embedding_cache`)) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    await expect(removeDocument(services, owner, documentId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('retries the embedding service on 429 and 500 and still finishes', async () => {
    fake.failNext('embeddings', { kind: 'status', status: 429, retryAfterSeconds: 0 }, { kind: 'status', status: 500 });
    const { documentId } = await ingestText(services, owner, { text: 'A short note about tides and moons.' });
    expect(await settled(documentId)).toMatchObject({ status: 'ready', chunkCount: 1 });
    expect(fake.calls.embeddings).toBe(3);
  });

  it('retries an embedding call that times out', async () => {
    fake.failNext('embeddings', { kind: 'hang' });
    const { documentId } = await ingestText(services, owner, { text: 'Harbour pilots board ships near the breakwater.' });
    expect(await settled(documentId)).toMatchObject({ status: 'ready' });
    expect(fake.calls.embeddings).toBe(2);
  });

  it('fails a document with a readable reason when the model service keeps failing, and can re-ingest it', { timeout: 60_000 }, async () => {
    const failures = Array.from({ length: 6 }, () => ({ kind: 'status' as const, status: 503 }));
    fake.failNext('embeddings', ...failures);
    const { documentId } = await ingestText(services, owner, { text: 'Buoys mark the channel.' });
    // Two attempts of three calls each (first try + LLM_MAX_RETRIES), the second after a backoff.
    const doc = await waitFor(async () => {
      const d = await getDocument(services.db, owner.userId, documentId);
      return d?.status === 'failed' ? d : undefined;
    }, 30_000);
    expect(doc.error).toBe('The model service failed (HTTP 503); try again later.');

    await reingestDocument(services, owner, documentId);
    expect(await settled(documentId)).toMatchObject({ status: 'ready', error: null });
  });

  it('ends a corrupt file as failed with its reason and carries on with other work', async () => {
    const corrupt = await submitDocument(services, owner, {
      content: new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not really a pdf'),
      filename: 'broken.pdf',
    });
    const fine = await ingestText(services, owner, { text: 'Lighthouses guide ships at night.' });
    const failed = await settled(corrupt.documentId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/PDF/);
    expect(await settled(fine.documentId)).toMatchObject({ status: 'ready' });
  });

  it('rejects unsupported files and unknown vaults before storing anything', async () => {
    const gif = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000');
    await expect(submitDocument(services, owner, { content: gif, filename: 'photo.gif' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    await expect(
      ingestText(services, owner, { text: 'hello', vaultId: '11111111-1111-4111-8111-111111111111' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [{ n }] = (await services.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM documents`)) as [{ n: number }];
    expect(n).toBe(0);
  });
});
