import { getDocument } from '@/db/queries/documents';
import { ingestText, type TextDocument } from '@/server/documents/documents';
import { IngestWorker } from '@/server/ingest/worker';
import type { UserCaller } from '@/server/auth/caller';
import type { Services } from '@/server/services';
import { waitFor } from './services';

/** Ingests texts through the real pipeline (queue + worker) and resolves once all are ready. */
export async function ingestAndWait(
  services: Services,
  caller: UserCaller,
  documents: Array<TextDocument & { title: string }>,
): Promise<string[]> {
  const worker = new IngestWorker(services, { concurrency: 1, leaseSeconds: 30, maxAttempts: 1, pollIntervalMs: 20 });
  worker.start();
  try {
    const ids: string[] = [];
    for (const doc of documents) ids.push((await ingestText(services, caller, doc)).documentId);
    for (const id of ids) {
      await waitFor(async () => ((await getDocument(services.db, caller.userId, id))?.status === 'ready' ? true : undefined), 20_000, `document ${id}`);
    }
    return ids;
  } finally {
    await worker.stop();
  }
}
