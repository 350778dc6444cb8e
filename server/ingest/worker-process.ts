import { getServices, type Services } from '@/server/services';
import { WebFetchWorker } from '@/server/web/fetch-worker';
import { stopProcessOcrPool } from './ocr/process-ocr-pool';
import { ReembedWorker } from './reembed';
import { IngestWorker } from './worker';

// On globalThis for the same reason as the services: one worker per process, whatever the bundling.
const KEY = Symbol.for('docent.ingestWorker');
const slot = globalThis as unknown as { [KEY]?: IngestWorker; [REEMBED_KEY]?: ReembedWorker; [WEB_KEY]?: WebFetchWorker };
const REEMBED_KEY = Symbol.for('docent.reembedWorker');
const WEB_KEY = Symbol.for('docent.webFetchWorker');

export function startIngestWorker(services: Services): IngestWorker {
  const { ingest } = services.config;
  slot[KEY] ??= new IngestWorker(services, {
    concurrency: ingest.concurrency,
    leaseSeconds: ingest.leaseSeconds,
    maxAttempts: ingest.maxAttempts,
  });
  slot[KEY].start();
  // Re-embedding (EMBEDDING_MODEL changed, or asked on the admin page) runs wherever ingestion does.
  slot[REEMBED_KEY] ??= new ReembedWorker(services, { leaseSeconds: ingest.leaseSeconds });
  slot[REEMBED_KEY].start();
  // Web pages are fetched wherever they are ingested: each fetched page becomes an ingestion job.
  slot[WEB_KEY] ??= new WebFetchWorker(services, { leaseSeconds: ingest.leaseSeconds });
  slot[WEB_KEY].start();
  return slot[KEY];
}

/** Starts this process's worker as soon as the database is reachable, retrying while it is not. */
export async function startIngestWorkerWhenReady(retryMs = 5_000): Promise<void> {
  for (;;) {
    try {
      startIngestWorker(await getServices());
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}

/** Tells this process's worker (if it runs one) that a job was just queued. */
export function wakeIngestWorker(): void {
  slot[KEY]?.wake();
}

/** Tells this process's web fetch worker (if it runs one) that a page was just queued. */
export function wakeWebFetchWorker(): void {
  slot[WEB_KEY]?.wake();
}

/** Tells this process's worker (if it runs one) to stop processing these documents, which were just cancelled. */
export function cancelInIngestWorker(documentIds: readonly string[]): void {
  slot[KEY]?.cancel(documentIds);
}

/** Stops and forgets this process's workers: a later start begins afresh, with the services it is given then. */
export async function stopIngestWorker(): Promise<void> {
  const workers = [slot[KEY], slot[REEMBED_KEY], slot[WEB_KEY]];
  slot[KEY] = undefined;
  slot[REEMBED_KEY] = undefined;
  slot[WEB_KEY] = undefined;
  await Promise.all(workers.map((worker) => worker?.stop()));
  // After the jobs: a document being recognised needs its OCR workers until its job stops.
  await stopProcessOcrPool();
}
