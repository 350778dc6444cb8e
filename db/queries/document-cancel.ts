import { and, inArray, sql } from 'drizzle-orm';
import type { Database, Orm } from '../client';
import { writableVaults } from './access';
import { bumpCorpusVersion } from './corpus-version';
import { documents, ingestJobs } from '../schema';

/** What a cancelled document says, in the library, the upload panel and the viewer. */
const CANCELLED_REASON = 'Cancelled by you.';

/**
 * Stops the processing of documents still queued or processing, in vaults `userId` may write: their pending jobs
 * and the documents end `failed` with CANCELLED_REASON (the stored original stays, so they can be retried).
 * A worker busy with one finds out at its next progress write or lease renewal and abandons it, writing nothing;
 * the caller also tells this process's worker at once (server/documents/cancel.ts). Returns the ids cancelled.
 */
export function cancelDocuments(db: Database, userId: string, documentIds: readonly string[]): Promise<string[]> {
  if (documentIds.length === 0) return Promise.resolve([]);
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    const cancelled = await orm
      .update(documents)
      .set({ status: 'failed', progress: 0, error: CANCELLED_REASON, updatedAt: new Date() })
      .where(
        and(
          inArray(documents.id, [...documentIds]),
          inArray(documents.status, ['queued', 'processing']),
          sql`${documents.vaultId} IN ${writableVaults(userId)}`,
        ),
      )
      .returning({ id: documents.id });
    const ids = cancelled.map((row) => row.id);
    if (ids.length === 0) return [];
    await orm
      .update(ingestJobs)
      .set({ status: 'failed', error: CANCELLED_REASON, lockedBy: null, lockedUntil: null, finishedAt: new Date() })
      .where(and(inArray(ingestJobs.documentId, ids), inArray(ingestJobs.status, ['queued', 'running'])));
    // A document that had chunks from an earlier version keeps them; its status changed all the same.
    await bumpCorpusVersion(orm);
    return ids;
  });
}
