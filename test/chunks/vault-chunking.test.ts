import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDocument } from '@/db/queries/documents';
import { insertVault, setVaultSharing } from '@/db/queries/vaults';
import type { UserCaller } from '@/server/auth/caller';
import { IngestWorker } from '@/server/ingest/worker';
import type { Services } from '@/server/services';
import { createCaller } from '@/server/trpc/root';
import { DRIVERS, type Driver } from '@/test/support/databases';
import { ingestAndWait } from '@/test/support/ingest';
import { createTestServices, waitFor } from '@/test/support/services';
import { createTestUser } from '@/test/support/users';

// About 600 tokens of distinct sentences.
const LONG_TEXT = Array.from({ length: 60 }, (_, i) => `Sentence ${i} tells of harbour number ${i} and its ${i % 7} cranes.`).join(' ');

describe.each(DRIVERS)('per-vault chunk size and overlap on %s', (driver: Driver) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  const as = (services: Services, caller: UserCaller) => createCaller({ ...services, requestId: 'test', headers: new Headers(), caller, authError: null });

  const chunkSizes = (services: Services, documentId: string) =>
    services.db.rows<{ token_count: number }>(sql`SELECT token_count FROM chunks WHERE document_id = ${documentId} ORDER BY ordinal`).then((rows) => rows.map((r) => r.token_count));

  async function reingestAndWait(services: Services, caller: UserCaller, id: string) {
    const before = (await getDocument(services.db, caller.userId, id))!.updatedAt;
    await as(services, caller).documents.reingest({ id });
    const worker = new IngestWorker(services, { concurrency: 1, leaseSeconds: 30, maxAttempts: 1, pollIntervalMs: 20 });
    worker.start();
    try {
      await waitFor(async () => {
        const document = await getDocument(services.db, caller.userId, id);
        return document?.status === 'ready' && document.updatedAt > before ? true : undefined;
      });
    } finally {
      await worker.stop();
    }
  }

  it('a vault chunks with its own size and overlap from the next (re-)ingestion, and back to the configuration when cleared', async () => {
    const created = await createTestServices(driver);
    cleanup = created.cleanup;
    const { services, owner } = created;
    const vault = await insertVault(services.db, owner.userId, { name: 'Ports' });
    const api = as(services, owner);
    const [id] = await ingestAndWait(services, owner, [{ title: 'Ports', text: LONG_TEXT, vaultId: vault!.id }]);
    const configured = await chunkSizes(services, id!);
    expect(configured).toHaveLength(1); // CHUNK_SIZE 1024 holds it all

    const set = await api.vaults.setChunking({ id: vault!.id, chunkSize: 64, chunkOverlap: 8 });
    expect(set).toMatchObject({ chunkSize: 64, chunkOverlap: 8 });
    // Stored settings apply on re-ingestion, not to what is already there.
    expect(await chunkSizes(services, id!)).toEqual(configured);
    await reingestAndWait(services, owner, id!);
    const small = await chunkSizes(services, id!);
    expect(small.length).toBeGreaterThan(6);
    expect(Math.max(...small)).toBeLessThanOrEqual(64);

    await api.vaults.setChunking({ id: vault!.id, chunkSize: null, chunkOverlap: null });
    await reingestAndWait(services, owner, id!);
    expect(await chunkSizes(services, id!)).toHaveLength(1);
  });

  it('refuses an overlap not below the size, sizes out of bounds, and anyone but the owner, in words', async () => {
    const created = await createTestServices(driver);
    cleanup = created.cleanup;
    const { services, owner } = created;
    const vault = await insertVault(services.db, owner.userId, { name: 'Ports' });
    const api = as(services, owner);

    await expect(api.vaults.setChunking({ id: vault!.id, chunkSize: 128, chunkOverlap: 128 })).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
      message: 'The overlap (128 tokens) must be smaller than the chunk size (128 tokens).',
    });
    // The size left to the configuration (CHUNK_SIZE=1024) still bounds the overlap.
    await expect(api.vaults.setChunking({ id: vault!.id, chunkSize: null, chunkOverlap: 2000 })).rejects.toMatchObject({
      message: 'The overlap (2000 tokens) must be smaller than the chunk size (1024 tokens).',
    });
    await expect(api.vaults.setChunking({ id: vault!.id, chunkSize: 8, chunkOverlap: 0 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { issues: [expect.objectContaining({ path: ['chunkSize'], message: 'must be at least 32 tokens' })] },
    });

    const writer = await createTestUser(services.db, { name: 'Writer' });
    await setVaultSharing(services.db, owner.userId, vault!.id, { visibility: 'shared', everyoneAccess: 'read', members: [{ userId: writer.userId, access: 'write' }] });
    await expect(as(services, writer).vaults.setChunking({ id: vault!.id, chunkSize: 256, chunkOverlap: 0 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only the owner of a vault can change how its documents are chunked.',
    });
    const stranger = await createTestUser(services.db, { name: 'Stranger' });
    await expect(as(services, stranger).vaults.setChunking({ id: vault!.id, chunkSize: 256, chunkOverlap: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await api.vaults.get({ id: vault!.id })).toMatchObject({ chunkSize: null, chunkOverlap: null });
  });
});
