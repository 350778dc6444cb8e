import { cancelDocuments } from '@/db/queries/document-cancel';
import { getDocument, type DocumentSummary } from '@/db/queries/documents';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { cancelInIngestWorker } from '@/server/ingest/worker-process';
import type { Services } from '@/server/services';

type Deps = Pick<Services, 'db'>;

/**
 * Cancels the documents among `ids` that are queued or processing in vaults the caller may write (the others are
 * left as they are: a batch's finished documents stay); this process's worker stops them at once. Returns the
 * ids cancelled.
 */
export async function cancelDocumentBatch(deps: Deps, caller: UserCaller, ids: readonly string[]): Promise<{ cancelled: string[] }> {
  const cancelled = await cancelDocuments(deps.db, caller.userId, ids);
  cancelInIngestWorker(cancelled);
  return { cancelled };
}

/**
 * Cancels one document's processing. A document that has already finished is answered as it is (cancelling is
 * idempotent); one the caller cannot see is 404, one they can only read 403.
 */
export async function cancelDocument(deps: Deps, caller: UserCaller, id: string): Promise<DocumentSummary & { cancelled: boolean }> {
  const { cancelled } = await cancelDocumentBatch(deps, caller, [id]);
  const document = await getDocument(deps.db, caller.userId, id);
  if (!document) throw new AppError('NOT_FOUND', `Document ${id} does not exist.`);
  if (cancelled.length === 0 && (document.status === 'queued' || document.status === 'processing')) {
    throw new AppError('FORBIDDEN', 'You can read this vault but not change it.');
  }
  return { ...document, cancelled: cancelled.length > 0 };
}
