/**
 * `npm run worker`: an ingestion worker on its own, for deployments that keep web and ingestion apart
 * (run the web app with INGEST_WORKER=false). Several can run against one PostgreSQL; jobs are claimed safely.
 */
import { startIngestWorker, stopIngestWorker } from '@/server/ingest/worker-process';
import { getBaseServices, getServices, type Services } from '@/server/services';

const { logger } = getBaseServices();
// postgres.js starts a type lookup on each new connection without awaiting it; when the server (or PgBouncer in
// front of it) refuses that first query during a restart, its rejection is unhandled, which would end this process
// and leave every queued document waiting. The connection is retried on the next query: log it and carry on.
process.on('unhandledRejection', (error) => logger.warn({ err: error }, 'ingest worker: a database connection failed'));

/** The services once the database answers: a worker started while it is down waits for it instead of exiting. */
async function servicesWhenReady(): Promise<Services> {
  for (;;) {
    try {
      return await getServices();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

const services = await servicesWhenReady();
const worker = startIngestWorker(services);
logger.info({ workerId: worker.id }, 'ingest worker started');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    // Every worker this process runs (ingestion, re-embedding, web fetches), not just the one it logs.
    await stopIngestWorker();
    await services.db.close();
    process.exit(0);
  });
}
