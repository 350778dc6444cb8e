import { getServices, type Services } from '@/server/services';
import { ReembedWorker } from './reembed';
import { IngestWorker } from './worker';

// On globalThis for the same reason as the services: one worker per process, whatever the bundling.
const KEY = Symbol.for('docent.ingestWorker');
const slot = globalThis as unknown as { [KEY]?: IngestWorker; [REEMBED_KEY]?: ReembedWorker };
const REEMBED_KEY = Symbol.for('docent.reembedWorker');

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

/** Tells this process's worker (if it runs one) to stop processing these documents, which were just cancelled. */
export function cancelInIngestWorker(documentIds: readonly string[]): void {
  slot[KEY]?.cancel(documentIds);
}

/** Stops and forgets this process's workers: a later start begins afresh, with the services it is given then. */
export async function stopIngestWorker(): Promise<void> {
  const workers = [slot[KEY], slot[REEMBED_KEY]];
  slot[KEY] = undefined;
  slot[REEMBED_KEY] = undefined;
  await Promise.all(workers.map((worker) => worker?.stop()));
}
