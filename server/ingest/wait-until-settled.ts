import { getDocument, type DocumentSummary } from '@/db/queries/documents';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';
import { settledOrAfter } from './settled-events';

// Documents are usually processed by this process's worker, which says so at once; another process's worker is
// noticed by polling, quickly at first (a small text takes tens of milliseconds), then every half second.
const FIRST_POLL_MS = 25;
const MAX_POLL_MS = 500;

/**
 * Waits until the document is ready (searchable) or failed, and returns it; when `signal` aborts first (the
 * client left, REQUEST_TIMEOUT), returns it as it is then. 404 if it is deleted meanwhile.
 */
export async function waitUntilSettled(
  services: Pick<Services, 'db'>,
  caller: UserCaller,
  documentId: string,
  signal: AbortSignal,
): Promise<DocumentSummary> {
  for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(pollMs * 2, MAX_POLL_MS)) {
    const document = await getDocument(services.db, caller.userId, documentId);
    if (!document) throw new AppError('NOT_FOUND', `Document ${documentId} was deleted while it was being indexed.`);
    if (document.status === 'ready' || document.status === 'failed' || signal.aborted) return document;
    await settledOrAfter(documentId, pollMs, signal);
  }
}
